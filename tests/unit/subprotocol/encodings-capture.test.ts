import { describe, expect, it } from 'vitest';
import { readCbor, cborDecoder } from '../../../src/subprotocol/cbor';
import { readMsgpack, msgpackDecoder } from '../../../src/subprotocol/msgpack';
import { protobufDecoder } from '../../../src/subprotocol/protobuf';
import type { Field } from '../../../src/subprotocol/types';
import { loadFixture } from './fixture';
import { valueToJs } from './value-to-js';

/** Bytes as the fixture log writes them: `{ base64 }`. */
function logged(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(logged);
  if (v && typeof v === 'object') {
    if ('bytes' in v && Array.isArray(v.bytes))
      return { bytes: { base64: Buffer.from(v.bytes as number[]).toString('base64') } };
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, logged(x)]));
  }
  return v;
}

describe.each([
  ['msgpack', msgpackDecoder, readMsgpack],
  ['cbor', cborDecoder, readCbor],
])('%s payloads on a captured connection', (name, decoder, read) => {
  const fixture = loadFixture(`encodings/payload-${name}.pcapng`);

  it('decodes every message to the value the library encoded, without problems', () => {
    const units = decoder.decode(fixture.messages);
    expect(units.flatMap((u) => u.problems)).toEqual([]);
    const values = fixture.log.values as unknown[];
    const decoded = fixture.messages.map((m) => logged(valueToJs(read(m.data).value!)));
    // The server echoes: each value goes out and comes back.
    expect(decoded).toEqual(values.flatMap((v) => [v, v]));
    expect(units.map((u) => u.type)).toEqual(['map', 'map', 'array', 'array']);
  });
});

describe('protobuf payloads on a captured connection', () => {
  const fixture = loadFixture('encodings/payload-protobuf.pcapng');

  it('finds the field numbers and values BinaryWriter wrote, the nested message marked as a guess', () => {
    const units = protobufDecoder.decode(fixture.messages);
    expect(units.flatMap((u) => u.problems)).toEqual([]);
    const shown = (fields: Field[]): unknown =>
      Object.fromEntries(
        fields.map((f) => [
          f.name.split(' ')[0]!.slice(1),
          f.children ? shown(f.children) : String(f.value).split(' (')[0],
        ]),
      );
    const expected = fixture.log.fields as unknown[];
    expect(units.map((u) => shown(u.fields))).toEqual(expected.flatMap((f) => [f, f]));
    expect(units[0]?.fields[2]?.guess).toBe(true);
  });
});
