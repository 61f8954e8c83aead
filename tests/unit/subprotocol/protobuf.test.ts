import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { BinaryWriter, WireType } from '@bufbuild/protobuf/wire';
import { readProtobuf, protobufDecoder } from '../../../src/subprotocol/protobuf';
import type { Field } from '../../../src/subprotocol/types';

type Written =
  | { no: number; kind: 'varint'; value: bigint }
  | { no: number; kind: 'fixed32'; value: number }
  | { no: number; kind: 'fixed64'; value: bigint }
  | { no: number; kind: 'bytes'; value: Uint8Array }
  | { no: number; kind: 'message'; value: Written[] };

const fieldNo = fc.integer({ min: 1, max: 2 ** 29 - 1 });
const written: fc.Arbitrary<Written[]> = fc.letrec((tie) => ({
  list: fc.array(tie('one'), { minLength: 1, maxLength: 6 }),
  one: fc.oneof(
    { depthSize: 'small' },
    fc.record({
      no: fieldNo,
      kind: fc.constant('varint' as const),
      value: fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }),
    }),
    fc.record({ no: fieldNo, kind: fc.constant('fixed32' as const), value: fc.nat({ max: 2 ** 32 - 1 }) }),
    fc.record({
      no: fieldNo,
      kind: fc.constant('fixed64' as const),
      value: fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }),
    }),
    // Bytes with a 0xff can be neither text nor a message: they stay bytes.
    fc.record({
      no: fieldNo,
      kind: fc.constant('bytes' as const),
      value: fc.uint8Array({ maxLength: 20 }).map((b) => Uint8Array.of(0xff, ...b)),
    }),
    fc.record({ no: fieldNo, kind: fc.constant('message' as const), value: tie('list') }),
  ),
})).list as fc.Arbitrary<Written[]>;

function write(w: BinaryWriter, fields: Written[]): BinaryWriter {
  for (const f of fields) {
    if (f.kind === 'varint') w.tag(f.no, WireType.Varint).uint64(f.value);
    if (f.kind === 'fixed32') w.tag(f.no, WireType.Bit32).fixed32(f.value);
    if (f.kind === 'fixed64') w.tag(f.no, WireType.Bit64).fixed64(f.value);
    if (f.kind === 'bytes') w.tag(f.no, WireType.LengthDelimited).bytes(f.value);
    if (f.kind === 'message') write(w.tag(f.no, WireType.LengthDelimited).fork(), f.value).join();
  }
  return w;
}

/** What a reader should show for what was written: field number, wire type and value or children. */
function expected(fields: Written[]): unknown[] {
  return fields.map((f) => {
    const wire = { varint: 'VARINT', fixed32: 'I32', fixed64: 'I64', bytes: 'LEN', message: 'LEN' }[f.kind];
    const name = `#${f.no} ${wire}`;
    if (f.kind === 'message') return { name, guess: true, children: expected(f.value) };
    if (f.kind === 'bytes') return { name, bytes: f.value.length };
    return { name, value: String(f.value) };
  });
}
function shown(fields: Field[]): unknown[] {
  return fields.map((f) => {
    if (f.children) return { name: f.name, guess: f.guess, children: shown(f.children) };
    if (f.name.endsWith('LEN'))
      return { name: f.name, bytes: Number(/\((\d+) bytes?\)$/.exec(String(f.value))?.[1]) };
    return { name: f.name, value: String(f.value).split(' ')[0] };
  });
}

describe('readProtobuf()', () => {
  it('reads what BinaryWriter writes: field numbers, wire types, values, nested messages marked as guesses', () => {
    fc.assert(
      fc.property(written, (fields) => {
        const bytes = write(new BinaryWriter(), fields).finish();
        const r = readProtobuf(bytes, 0);
        expect(r.problem).toBeNull();
        expect(shown(r.fields)).toEqual(expected(fields));
        const last = r.fields.at(-1)?.span;
        expect([r.fields[0]?.span?.start, last?.end]).toEqual([0, bytes.length]);
      }),
    );
  });

  it('reads the encoding guide example 150 and a string, with spans', () => {
    const r = readProtobuf(
      Uint8Array.of(0x08, 0x96, 0x01, 0x12, 0x07, 0x74, 0x65, 0x73, 0x74, 0x69, 0x6e, 0x67),
      3,
    );
    expect(r.fields).toEqual([
      { name: '#1 VARINT', value: '150', span: { message: 3, start: 0, end: 3 } },
      { name: '#2 LEN', value: 'testing', span: { message: 3, start: 3, end: 12 }, guess: true },
    ]);
  });

  it('reports field number 0, wire types 6 and 7, cut lengths and unended groups', () => {
    expect(readProtobuf(Uint8Array.of(0x00), 0).problem).toBe(
      'byte 0: field number 0 is outside 1–536870911',
    );
    expect(readProtobuf(Uint8Array.of(0x0e), 0).problem).toBe('byte 0: wire type 6 does not exist');
    expect(readProtobuf(Uint8Array.of(0x08, 0x01, 0x12, 0x05, 0x01), 0).problem).toBe(
      'byte 2: field 2 (LEN) runs past the end of the data',
    );
    expect(readProtobuf(Uint8Array.of(0x0b, 0x10, 0x01), 0).problem).toBe('byte 3: SGROUP 1 is never ended');
    const group = readProtobuf(Uint8Array.of(0x0b, 0x10, 0x01, 0x0c), 0);
    expect([group.problem, group.fields[0]?.children?.[0]?.value]).toEqual([null, '1']);
  });

  it('never throws on random bytes', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 200 }), (b) => void readProtobuf(b, 0)));
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 60 }), { maxLength: 6 }), (list) => {
        protobufDecoder.decode(list.map((data) => ({ direction: 'c2s', opcode: 2, data })));
      }),
    );
  });
});
