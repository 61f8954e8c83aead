import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { dumpPackets } from '../../../src/capture/hexdump-text';
import { parseDumpBlocks } from '../../../src/codec/hex-dump';

const FIXTURES = new URL('../../fixtures/capture/', import.meta.url);
const text = (name: string) => readFileSync(new URL(name, FIXTURES), 'utf8');
// tshark's own record of the capture: one line per packet, with its captured length in column 2.
const headers = text('python-websockets-plain-sll2.pcap.packet-headers.tsv')
  .trim()
  .split('\n')
  .map((l) => l.split('\t'));

describe('parseDumpBlocks() (the one reader of tshark -x dumps)', () => {
  const dump = parseDumpBlocks(text('python-websockets-plain-sll2.tshark-x.txt'));

  it('labels the blocks of tshark’s extra data sources and keeps them apart from the packets', () => {
    if (!dump?.ok) throw new Error(JSON.stringify(dump));
    const unmasked = dump.blocks.filter((b) => b.source === 'Unmasked data');
    expect(unmasked).toHaveLength(8);
    // tshark prints "Unmasked data (13 bytes):" above "first message" in its ASCII column.
    expect(new TextDecoder().decode(unmasked[0]?.bytes)).toBe('first message');
  });

  it('gives every captured packet, with tshark’s lengths, to the capture importer', () => {
    const packets = dumpPackets(text('python-websockets-plain-sll2.tshark-x.txt'));
    expect(packets.map((p) => p.length)).toEqual(headers.map((h) => Number(h[1])));
  });

  it('is not a dump: null; a broken dump: an error at its line', () => {
    expect(parseDumpBlocks('81 05 48 65')).toBeNull();
    expect(parseDumpBlocks('0000  81 05\n0010  48 65')).toMatchObject({ ok: false, line: 2 });
  });
});

describe('"*" rows (hexdump -C repeats)', () => {
  // `hexdump -C` of 1 MiB of zeros, as the tool prints it: one row, "*", then the end offset.
  const zeros = (end: string) =>
    `00000000  00 00 00 00 00 00 00 00  00 00 00 00 00 00 00 00  |................|\n*\n${end}\n`;

  it('expand to the offset after them', () => {
    const r = parseDumpBlocks(zeros('00100000'));
    if (!r?.ok) throw new Error(JSON.stringify(r));
    expect(r.blocks[0]?.bytes.length).toBe(1 << 20);
    expect(r.blocks[0]?.bytes.every((b) => b === 0)).toBe(true);
  });

  it('refuse to expand past 64 MiB: a two-line dump claiming 200 MiB is an error, not 1.6 GB of numbers', () => {
    expect(parseDumpBlocks(zeros('0c800000'))).toMatchObject({
      ok: false,
      line: 3,
      error: expect.stringContaining('expands at most 67108864 (64 MiB) from a dump'),
    });
  });
});
