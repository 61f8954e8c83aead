import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { encode as msgpackEncode, decode as msgpackDecode } from '@msgpack/msgpack';
import { encode as cborEncode, decode as cborDecode } from 'cborg';
import { readMsgpack, msgpackDecoder } from '../../../src/subprotocol/msgpack';
import { readCbor, cborDecoder } from '../../../src/subprotocol/cbor';
import { spansNest, valueToJs } from './value-to-js';

/** JSON-like values both libraries encode the same way (no undefined, no -0, integers in the safe range). */
const plain: fc.Arbitrary<Plain> = fc.letrec<{ value: Plain }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constant(null),
    fc.boolean(),
    fc.integer({ min: -(2 ** 53) + 1, max: 2 ** 53 - 1 }),
    fc
      .double({ noNaN: true, noDefaultInfinity: true })
      .filter((d) => !Object.is(d, -0) && !Number.isInteger(d)),
    fc.string({ unit: 'binary', maxLength: 300 }),
    fc.uint8Array({ maxLength: 300 }).map((b) => ({ bytes: b })),
    fc.array(tie('value'), { maxLength: 20 }),
    fc.dictionary(fc.string({ maxLength: 8 }), tie('value'), { maxKeys: 20 }),
  ),
})).value;

type Plain = null | boolean | number | string | { bytes: Uint8Array } | Plain[] | { [k: string]: Plain };

/** Bytes as Uint8Array for the encoders; as number arrays for comparison. */
function forEncoder(v: unknown): unknown {
  if (v && typeof v === 'object' && 'bytes' in v && v.bytes instanceof Uint8Array) return v.bytes;
  if (Array.isArray(v)) return v.map(forEncoder);
  if (v && typeof v === 'object')
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, forEncoder(x)]));
  return v;
}
function forCompare(v: unknown): unknown {
  if (v instanceof Uint8Array) return Array.from(v);
  if (Array.isArray(v)) return v.map(forCompare);
  if (v && typeof v === 'object')
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, forCompare(x)]));
  return v;
}

describe('readMsgpack()', () => {
  it('reads what @msgpack/msgpack writes, the whole input, spans nested', () => {
    fc.assert(
      fc.property(plain, (v: Plain) => {
        const bytes = msgpackEncode(forEncoder(v));
        const r = readMsgpack(bytes);
        expect(r.problem).toBeNull();
        expect(r.end).toBe(bytes.length);
        expect(valueToJs(r.value!)).toEqual(forCompare(msgpackDecode(bytes)));
        expect(spansNest(r.value!)).toBe(true);
      }),
    );
  });

  it('names the formats of the specification and reads 64-bit integers beyond 2^53 as text', () => {
    const r = readMsgpack(
      Uint8Array.of(0x93, 0xcf, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xd0, 0x80, 0xc0),
    );
    expect(r.value?.format).toBe('fixarray');
    expect(r.value?.items?.map((i) => [i.format, i.value])).toEqual([
      ['uint 64', '18446744073709551615'],
      ['int 8', -128],
      ['nil', null],
    ]);
  });

  it('reports a cut value and 0xc1 with their byte offsets', () => {
    expect(readMsgpack(Uint8Array.of(0x92, 0x01)).problem).toBe(
      'byte 2: the data ends where a value was expected',
    );
    expect(readMsgpack(Uint8Array.of(0x91, 0xc1)).problem).toBe('byte 1: 0xc1 is never used in MessagePack');
    expect(readMsgpack(Uint8Array.of(0xdd, 0xff, 0xff, 0xff, 0xff)).problem).toMatch(/^byte 5: /);
  });

  it('never throws on random bytes', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 200 }), (b) => void readMsgpack(b)));
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 60 }), { maxLength: 8 }), (list) => {
        msgpackDecoder.decode(list.map((data) => ({ direction: 'c2s', opcode: 2, data })));
      }),
    );
  });
});

describe('readCbor()', () => {
  it('reads what cborg writes, the whole input, spans nested', () => {
    fc.assert(
      fc.property(plain, (v: Plain) => {
        const bytes = cborEncode(forEncoder(v));
        const r = readCbor(bytes);
        expect(r.problem).toBeNull();
        expect(r.end).toBe(bytes.length);
        expect(valueToJs(r.value!)).toEqual(forCompare(cborDecode(bytes)));
        expect(spansNest(r.value!)).toBe(true);
      }),
    );
  });

  it('reads the examples of RFC 8949 Appendix A', () => {
    const cases: [number[], unknown][] = [
      [[0x19, 0x03, 0xe8], 1000],
      [[0x39, 0x03, 0xe7], -1000],
      [[0xf9, 0x3c, 0x00], 1],
      [[0xf9, 0x7b, 0xff], 65504],
      [[0xfa, 0x47, 0xc3, 0x50, 0x00], 100000],
      [[0xfb, 0x3f, 0xf1, 0x99, 0x99, 0x99, 0x99, 0x99, 0x9a], 1.1],
      [[0x1b, 0x00, 0x00, 0x00, 0xe8, 0xd4, 0xa5, 0x10, 0x00], 1000000000000],
      [[0x1b, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff], 18446744073709551615n],
      [[0x64, 0x49, 0x45, 0x54, 0x46], 'IETF'],
      [
        [0x83, 0x01, 0x82, 0x02, 0x03, 0x82, 0x04, 0x05],
        [1, [2, 3], [4, 5]],
      ],
      [
        [0x9f, 0x01, 0x82, 0x02, 0x03, 0x9f, 0x04, 0x05, 0xff, 0xff],
        [1, [2, 3], [4, 5]],
      ],
      [[0xbf, 0x61, 0x61, 0x01, 0x61, 0x62, 0x9f, 0x02, 0x03, 0xff, 0xff], { a: 1, b: [2, 3] }],
      [[0x7f, 0x65, 0x73, 0x74, 0x72, 0x65, 0x61, 0x64, 0x6d, 0x69, 0x6e, 0x67, 0xff], 'streaming'],
      [
        [0x5f, 0x42, 0x01, 0x02, 0x43, 0x03, 0x04, 0x05, 0xff],
        [1, 2, 3, 4, 5],
      ],
      [[0xf7], undefined],
    ];
    for (const [bytes, expected] of cases) {
      const r = readCbor(Uint8Array.from(bytes));
      expect(r.problem).toBeNull();
      expect(valueToJs(r.value!)).toEqual(expected);
    }
    const tagged = readCbor(Uint8Array.from([0xc1, 0x1a, 0x51, 0x4b, 0x67, 0xb0])).value;
    expect([tagged?.kind, tagged?.tag, tagged?.items?.[0]?.value]).toEqual(['tag', 1, 1363896240]);
  });

  it('reports reserved additional information and lengths past the end', () => {
    expect(readCbor(Uint8Array.of(0x1c)).problem).toBe(
      'byte 0: additional information 28 is reserved (RFC 8949 §3)',
    );
    expect(readCbor(Uint8Array.of(0x5a, 0xff, 0xff, 0xff, 0xff)).problem).toMatch(
      /^byte 0: a length of 4294967295/,
    );
    expect(readCbor(Uint8Array.of(0xff)).problem).toMatch(/break/);
  });

  it('never throws on random bytes', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 200 }), (b) => void readCbor(b)));
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 60 }), { maxLength: 8 }), (list) => {
        cborDecoder.decode(list.map((data) => ({ direction: 's2c', opcode: 2, data })));
      }),
    );
  });
});
