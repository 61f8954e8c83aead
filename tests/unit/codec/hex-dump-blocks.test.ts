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
