/**
 * The one header reader and writer, and the receiver's fast path held to the rule table it shortcuts.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  createHeader,
  exactPayloadLength,
  firstByte,
  headerLengthFor,
  lengthEncodingFor,
  readHeader,
  writeHeader,
} from '../../../src/codec/frame-header';
import { frameViolations, isPlainHeader } from '../../../src/codec/frame-rules';
import type { LengthEncoding } from '../../../src/codec/types';

/** Lengths drawn on purpose at the boundaries of the length forms, and at random. */
const boundaryLength = fc.oneof(
  fc.constantFrom(0, 1, 125, 126, 127, 65_535, 65_536, 65_537, 2 ** 32, Number.MAX_SAFE_INTEGER),
  fc.nat({ max: 70_000 }),
  fc.nat(),
);

describe('lengthEncodingFor()', () => {
  it('draws the lines where RFC 6455 §5.2 does', () => {
    expect([0, 125, 126, 65_535, 65_536].map((n) => lengthEncodingFor(n))).toEqual([
      '7',
      '7',
      '16',
      '16',
      '64',
    ]);
    expect(lengthEncodingFor(2n ** 63n - 1n)).toBe('64');
    expect(() => lengthEncodingFor(-1)).toThrow(RangeError);
  });
});

describe('readHeader() and writeHeader()', () => {
  it('read back what they write, for any bits, key and length in any form that holds it', () => {
    fc.assert(
      fc.property(
        fc.record({
          fin: fc.boolean(),
          rsv1: fc.boolean(),
          rsv2: fc.boolean(),
          rsv3: fc.boolean(),
          opcode: fc.nat({ max: 15 }),
          mask: fc.option(fc.uint8Array({ minLength: 4, maxLength: 4 })),
          n: boundaryLength,
          form: fc.constantFrom<LengthEncoding | 'minimal'>('minimal', '16', '64'),
          at: fc.nat({ max: 5 }),
        }),
        ({ fin, rsv1, rsv2, rsv3, opcode, mask, n, form, at }) => {
          const minimal = lengthEncodingFor(n);
          const encoding: LengthEncoding =
            form === 'minimal' || (form === '16' && minimal === '64') ? minimal : form;
          const out = new Uint8Array(at + 14);
          const written = writeHeader(out, at, firstByte(fin, rsv1, rsv2, rsv3, opcode), mask, n, encoding);
          expect(written).toBe(headerLengthFor(encoding, mask !== null));
          const h = createHeader();
          // Cut anywhere before its end, the header is not read.
          for (let end = at; end < at + written; end++) expect(readHeader(out, at, end, h)).toBe(-1);
          expect(readHeader(out, at, out.length, h)).toBe(written);
          expect([h.fin, h.rsv1, h.rsv2, h.rsv3, h.opcode, h.masked]).toEqual([
            fin,
            rsv1,
            rsv2,
            rsv3,
            opcode,
            mask !== null,
          ]);
          expect([h.payloadLength, h.lengthEncoding, h.headerLength]).toEqual([n, encoding, written]);
          if (mask) expect(h.key).toEqual(mask);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('reads a 64-bit length past 2^53 exactly, as a bigint', () => {
    const h = createHeader();
    readHeader(Uint8Array.of(0x82, 0x7f, 0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xfe), 0, 10, h);
    expect(exactPayloadLength(h)).toBe(0x7fff_ffff_ffff_fffen);
  });
});

describe('isPlainHeader(), the receiver fast path', () => {
  it('is true exactly when frameViolations() finds no error, for every first two bytes and boundary lengths', () => {
    const h = createHeader();
    const bytes = new Uint8Array(14);
    const lengths = [0, 125, 126, 65_535, 65_536, 2 ** 53 - 1, 2 ** 53];
    let checked = 0;
    for (let b0 = 0; b0 < 256; b0++) {
      for (let b1 = 0; b1 < 256; b1++) {
        const len7 = b1 & 0x7f;
        for (const n of len7 < 126 ? [len7] : lengths) {
          bytes.fill(0);
          bytes[0] = b0;
          bytes[1] = b1;
          const view = new DataView(bytes.buffer);
          if (len7 === 126) view.setUint16(2, n & 0xffff);
          if (len7 === 127) view.setBigUint64(2, BigInt(n));
          readHeader(bytes, 0, 14, h);
          for (const server of [true, false]) {
            for (const rsv1Allowed of [true, false]) {
              const errors = frameViolations(
                { ...h, payloadLength: exactPayloadLength(h) },
                { role: server ? 'server' : 'client', rsv1Allowed },
              ).filter((v) => v.severity === 'error');
              const plain = errors.length === 0 && h.payloadLength <= Number.MAX_SAFE_INTEGER;
              if (isPlainHeader(h, server, rsv1Allowed) !== plain) {
                throw new Error(`b0=${b0} b1=${b1} n=${n} server=${server} rsv1=${rsv1Allowed}`);
              }
              checked++;
            }
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(256 * 256 * 4);
  });
});
