import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { encode as msgpackEncode } from '@msgpack/msgpack';
import { encode as cborEncode } from 'cborg';
import { wampCborDecoder, wampJsonDecoder, wampMsgpackDecoder } from '../../../src/subprotocol/wamp';
import type { Field, ProtocolDecoder, Unit, WsMessage } from '../../../src/subprotocol/types';
import { arbitraryMessages } from './fixtures';
import { loadFixture } from './fixture';

const enc = new TextEncoder();

/** The specification's code table, typed out from the WAMP specification for the test (not imported). */
const CODES: Record<number, string> = {
  1: 'HELLO',
  2: 'WELCOME',
  3: 'ABORT',
  6: 'GOODBYE',
  8: 'ERROR',
  16: 'PUBLISH',
  17: 'PUBLISHED',
  32: 'SUBSCRIBE',
  33: 'SUBSCRIBED',
  34: 'UNSUBSCRIBE',
  35: 'UNSUBSCRIBED',
  36: 'EVENT',
  48: 'CALL',
  50: 'RESULT',
  64: 'REGISTER',
  65: 'REGISTERED',
  66: 'UNREGISTER',
  67: 'UNREGISTERED',
  68: 'INVOCATION',
  70: 'YIELD',
};

/** A decoded field tree back to plain values. */
function plain(f: Field): unknown {
  if (!f.children) return f.value;
  if (/^array/.test(String(f.value))) return f.children.map(plain);
  return Object.fromEntries(f.children.map((c) => [c.name, plain(c)]));
}
const messageOf = (u: Unit) => u.fields.find((f) => f.name === 'message')!;

describe.each([
  ['json', wampJsonDecoder],
  ['msgpack', wampMsgpackDecoder],
])('WAMP on autobahn-js traffic (%s)', (name, decoder) => {
  const fixture = loadFixture(`wamp/autobahn-${name}.pcapng`);
  const units = decoder.decode(fixture.messages);
  const log = fixture.log.wamp as { direction: 'c2s' | 's2c'; message: unknown[] }[];

  it('was negotiated under the decoder’s subprotocol and is sniffed as it', () => {
    expect(decoder.subprotocols).toContain(fixture.subprotocol);
    expect(decoder.sniff(fixture.messages)).toBeGreaterThan(0.5);
  });

  it('decodes every message as autobahn’s serializer read it, named by the specification’s codes', () => {
    for (const direction of ['c2s', 's2c'] as const) {
      const expected = log.filter((l) => l.direction === direction);
      const got = units.filter((u) => u.direction === direction);
      expect(got.map((u) => u.type)).toEqual(expected.map((l) => CODES[l.message[0] as number]));
      expect(got.map((u) => plain(messageOf(u)))).toEqual(expected.map((l) => l.message));
    }
    expect(units.flatMap((u) => u.problems)).toEqual([]);
  });

  it('pairs replies with requests by request id, errors by request type and id, events with the subscription', () => {
    const replyType = (type: string) =>
      units.filter((u) => u.type === type).map((u) => units[u.replyTo!]?.type);
    expect(replyType('WELCOME')).toEqual(['HELLO']);
    expect(replyType('SUBSCRIBED')).toEqual(['SUBSCRIBE']);
    expect(replyType('PUBLISHED')).toEqual(['PUBLISH']);
    expect(replyType('RESULT')).toEqual(['CALL']);
    expect(replyType('YIELD')).toEqual(['INVOCATION']);
    expect(replyType('ERROR')).toEqual(['CALL']);
    expect(replyType('EVENT')).toEqual(['SUBSCRIBE']);
    expect(replyType('UNREGISTERED')).toEqual(['UNREGISTER']);
  });
});

describe('WAMP batched transports and CBOR', () => {
  const session: unknown[][] = [
    [1, 'realm1', { roles: { caller: {} } }],
    [48, 7, {}, 'com.example.add', [2, 3]],
    [50, 7, { progress: true }, [1]],
    [50, 7, {}, [5]],
  ];
  const types = ['HELLO', 'CALL', 'RESULT', 'RESULT'];

  it('wamp.2.json.batched: messages each followed by 0x1E', () => {
    const batch = (list: unknown[][]) => enc.encode(list.map((m) => `${JSON.stringify(m)}\x1e`).join(''));
    const units = wampJsonDecoder.decode([
      { direction: 'c2s', opcode: 1, data: batch(session.slice(0, 2)) },
      { direction: 's2c', opcode: 1, data: batch(session.slice(2)) },
    ]);
    expect(units.map((u) => [u.type, u.problems])).toEqual(types.map((t) => [t, []]));
    // A progressive RESULT keeps the CALL open for the final one.
    expect([units[2]?.replyTo, units[3]?.replyTo]).toEqual([1, 1]);
  });

  it.each([
    ['wamp.2.msgpack.batched', wampMsgpackDecoder, (v: unknown) => msgpackEncode(v)],
    ['wamp.2.cbor.batched', wampCborDecoder, (v: unknown) => cborEncode(v)],
  ] as [string, ProtocolDecoder, (v: unknown) => Uint8Array][])(
    '%s: messages each preceded by a 4-byte big-endian length',
    (_, decoder, encode) => {
      const parts = session.map((m) => {
        const body = encode(m);
        const out = new Uint8Array(4 + body.length);
        new DataView(out.buffer).setUint32(0, body.length);
        out.set(body, 4);
        return out;
      });
      const data = Uint8Array.from(parts.flatMap((p) => [...p]));
      const units = decoder.decode([{ direction: 'c2s', opcode: 2, data }]);
      expect(units.map((u) => [u.type, u.problems])).toEqual(types.map((t) => [t, []]));
      expect(units[1]?.fields[0]).toMatchObject({ name: 'length', span: { start: parts[0]!.length } });
    },
  );

  it('wamp.2.cbor: any message cborg writes is decoded with its elements named', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...Object.keys(CODES).map(Number)),
        fc.array(fc.oneof(fc.integer({ min: 0, max: 2 ** 40 }), fc.string(), fc.constant({})), {
          maxLength: 5,
        }),
        (code, rest) => {
          const [u] = wampCborDecoder.decode([
            { direction: 's2c', opcode: 2, data: cborEncode([code, ...rest]) },
          ]);
          expect(u?.type).toBe(CODES[code]);
          expect(messageOf(u!).children?.[0]).toMatchObject({ name: 'code', value: code });
        },
      ),
    );
  });

  it('names what breaks the rules', () => {
    const units = wampJsonDecoder.decode([
      { direction: 'c2s', opcode: 1, data: enc.encode('[99]') },
      { direction: 'c2s', opcode: 1, data: enc.encode('{"a":1}') },
      { direction: 'c2s', opcode: 1, data: enc.encode('[32, 1]') },
    ]);
    expect(units.map((u) => u.problems)).toEqual([
      ['byte 1: 99 is not a WAMP message code (WAMP)'],
      ['byte 0: a WAMP message is a non-empty array whose first element is the message code (WAMP)'],
      ['SUBSCRIBE has 1 elements after the code, needs 3 (WAMP, SUBSCRIBE)'],
    ]);
  });

  it('never throws on random bytes', () => {
    fc.assert(
      fc.property(
        arbitraryMessages(
          fc.oneof(
            fc.uint8Array({ maxLength: 80 }),
            fc.json().map((j) => enc.encode(j)),
          ),
        ),
        (messages: WsMessage[]) => {
          for (const d of [wampJsonDecoder, wampMsgpackDecoder, wampCborDecoder]) d.decode(messages);
        },
      ),
    );
  });
});
