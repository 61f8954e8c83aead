import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { phoenixDecoder } from '../../../src/subprotocol/phoenix';
import type { Field, Unit } from '../../../src/subprotocol/types';
import { arbitraryMessages } from './fixtures';
import { loadFixture } from './fixture';

const enc = new TextEncoder();

interface Decoded {
  direction: 'c2s' | 's2c';
  join_ref: string | null;
  ref: string | null;
  topic: string;
  event: string;
}

/** A field by name, at the top (binary messages) or inside the JSON array (text messages). */
function field(u: Unit, name: string): Field | undefined {
  return (
    u.fields.find((f) => f.name === name) ??
    u.fields.find((f) => f.name === 'message')?.children?.find((f) => f.name === name)
  );
}
const str = (f: Field | undefined) =>
  f === undefined || f.value === null || f.value === '' ? null : String(f.value);

describe('phoenixDecoder on phoenix.js client traffic', () => {
  const fixture = loadFixture('phoenix/phoenix-js.pcapng');
  const units = phoenixDecoder.decode(fixture.messages);
  const decoded = fixture.log.decoded as Decoded[];

  it('is recognised by the vsn in its URL and by its messages', () => {
    expect(phoenixDecoder.matchesUrl?.(fixture.url ?? '')).toBe(true);
    expect(phoenixDecoder.sniff(fixture.messages)).toBeGreaterThan(0.5);
  });

  it('reads join_ref, ref, topic and event of every text and binary message as phoenix.js and the server read them', () => {
    for (const direction of ['c2s', 's2c'] as const) {
      expect(
        units
          .filter((u) => u.direction === direction)
          .map((u) => ({
            direction,
            join_ref: str(field(u, 'join_ref')),
            ref: str(field(u, 'ref')),
            topic: str(field(u, 'topic')),
            event: u.type,
          })),
      ).toEqual(
        decoded
          .filter((d) => d.direction === direction)
          .map(({ join_ref, ref, topic, event }) => ({ direction, join_ref, ref, topic, event })),
      );
    }
    expect(units.flatMap((u) => u.problems)).toEqual([]);
  });

  it('pairs every phx_reply with the push of its ref, binary ones too', () => {
    const replies = units.filter((u) => u.type === 'phx_reply');
    expect(replies.map((u) => units[u.replyTo!]?.type)).toEqual([
      'phx_join',
      'heartbeat',
      'new_msg',
      'upload',
      'phx_leave',
    ]);
    expect(replies[3]?.summary).toBe('phx_reply ok "room:lobby" ref 8 2 bytes');
  });
});

describe('phoenixDecoder', () => {
  it('reads a server push without a ref (kind 0 from the server) and reports unknown kinds and cut sizes', () => {
    const push = Uint8Array.from([0, 0, 1, 1, ...enc.encode('te'), 1]);
    const units = phoenixDecoder.decode([
      { direction: 's2c', opcode: 2, data: push },
      { direction: 's2c', opcode: 2, data: Uint8Array.of(7) },
      { direction: 's2c', opcode: 2, data: Uint8Array.of(2, 5) },
      { direction: 'c2s', opcode: 1, data: enc.encode('["1","1","t","e"]') },
    ]);
    expect(units.map((u) => [u.type, u.problems])).toEqual([
      ['e', []],
      ['invalid', ['byte 0: kind 7 is not push (0), reply (1) or broadcast (2) (phoenix.js serializer v2)']],
      ['invalid', ['byte 2: the sizes of topic, event are cut off (phoenix.js serializer v2)']],
      [
        'invalid',
        [
          'byte 0: a v2 message is the array [join_ref, ref, topic, event, payload] (phoenix.js serializer v2)',
        ],
      ],
    ]);
    expect(field(units[0]!, 'topic')).toMatchObject({ value: 't', span: { start: 4, end: 5 } });
  });

  it('never throws on random bytes', () => {
    fc.assert(
      fc.property(
        arbitraryMessages(
          fc.oneof(
            fc.uint8Array({ maxLength: 60 }),
            fc.json().map((j) => enc.encode(j)),
          ),
        ),
        (messages) => void phoenixDecoder.decode(messages),
      ),
    );
  });
});
