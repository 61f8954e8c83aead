import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HpackDecoder, huffmanDecode } from '../../../../src/capture/http2/hpack';

interface Block {
  section: string;
  hex: string;
  headers: [string, string][];
  dynamicTable: [string, string][];
  tableSize: number;
}
const vectors = JSON.parse(
  readFileSync(join(__dirname, '../../../fixtures/hpack/rfc7541-appendix-c.json'), 'utf8'),
) as { independent: Block[]; sequences: { section: string; tableSizeSetting: number; blocks: Block[] }[] };

const bytes = (hex: string) => new Uint8Array(Buffer.from(hex.replace(/\s+/g, ''), 'hex'));
const pairs = (list: readonly { name: string; value: string }[]) => list.map((h) => [h.name, h.value]);

describe('HpackDecoder against RFC 7541 Appendix C', () => {
  for (const v of vectors.independent) {
    it(`decode() reads ${v.section} into its header list and dynamic table`, () => {
      const d = new HpackDecoder();
      const r = d.decode(bytes(v.hex));
      expect(r.error).toBeNull();
      expect(pairs(r.headers)).toEqual(v.headers);
      expect(pairs(d.dynamicTable)).toEqual(v.dynamicTable);
      expect(d.size).toBe(v.tableSize);
    });
  }
  for (const seq of vectors.sequences) {
    it(`decode() reads the ${seq.section} blocks in order on one connection (table size ${seq.tableSizeSetting})`, () => {
      const d = new HpackDecoder(seq.tableSizeSetting);
      // The examples of C.5/C.6 run with SETTINGS_HEADER_TABLE_SIZE = 256: the encoder's table is that large.
      if (seq.tableSizeSetting !== 4096) d.decode(Uint8Array.of(0x3f, 0xe1, 0x01));
      for (const b of seq.blocks) {
        const r = d.decode(bytes(b.hex));
        expect(r.error, b.section).toBeNull();
        expect(pairs(r.headers), b.section).toEqual(b.headers);
        expect(pairs(d.dynamicTable), b.section).toEqual(b.dynamicTable);
        expect(d.size, b.section).toBe(b.tableSize);
      }
    });
  }
});

describe('HpackDecoder rules', () => {
  it('decode() applies a dynamic table size update at the start of a block and evicts (RFC 7541 §6.3)', () => {
    const d = new HpackDecoder();
    d.decode(bytes('400a 6375 7374 6f6d 2d6b 6579 0d63 7573 746f 6d2d 6865 6164 6572'));
    expect(d.size).toBe(55);
    // 001xxxxx with value 0 empties the table, then 0x82 is :method GET.
    const r = d.decode(Uint8Array.of(0x20, 0x82));
    expect(r.error).toBeNull();
    expect(d.dynamicTable).toEqual([]);
    expect(pairs(r.headers)).toEqual([[':method', 'GET']]);
  });

  it('decode() refuses a size update after a field, and one above the announced limit', () => {
    expect(new HpackDecoder().decode(Uint8Array.of(0x82, 0x20)).error).toMatch(/after a header field/);
    expect(new HpackDecoder(100).decode(Uint8Array.of(0x3f, 0xe1, 0x01)).error).toMatch(/exceeds/);
  });

  it('decode() reports an index outside both tables and a literal cut short', () => {
    expect(new HpackDecoder().decode(Uint8Array.of(0xbe)).error).toMatch(/index 62/);
    expect(new HpackDecoder().decode(Uint8Array.of(0x40, 0x0a, 0x63)).error).toMatch(/runs past/);
    expect(new HpackDecoder().decode(Uint8Array.of(0xff, 0xff, 0xff, 0xff, 0xff, 0xff)).error).toMatch(
      /runs past/,
    );
  });

  it('huffmanDecode() rejects padding that is not the EOS prefix or longer than 7 bits', () => {
    // 'a' is 00011 (5 bits): 00011 111 is valid, 00011 000 is not, and a whole 0xff byte of padding is too long.
    expect(huffmanDecode(Uint8Array.of(0b0001_1111))).toEqual({ bytes: Uint8Array.of(0x61), error: null });
    expect(huffmanDecode(Uint8Array.of(0b0001_1000)).error).toMatch(/not the EOS prefix/);
    expect(huffmanDecode(Uint8Array.of(0b0001_1111, 0xff)).error).toMatch(/longer than 7 bits/);
    // EOS is 30 ones.
    expect(huffmanDecode(Uint8Array.of(0xff, 0xff, 0xff, 0xff)).error).toMatch(/EOS/);
  });

  it('decode() never throws on random bytes, and the table never exceeds its maximum size', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 64 }), { maxLength: 8 }), (blocks) => {
        const d = new HpackDecoder(256);
        for (const b of blocks) {
          const r = d.decode(b);
          expect(Array.isArray(r.headers)).toBe(true);
          expect(d.size).toBeLessThanOrEqual(256);
        }
      }),
    );
  });
});
