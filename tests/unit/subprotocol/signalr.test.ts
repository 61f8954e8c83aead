import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  JsonHubProtocol,
  MessageType,
  type InvocationMessage,
  type StreamInvocationMessage,
} from '@microsoft/signalr';
import { MessagePackHubProtocol } from '@microsoft/signalr-protocol-msgpack';
import { signalrDecoder } from '../../../src/subprotocol/signalr';
import type { Unit, WsMessage } from '../../../src/subprotocol/types';
import { loadFixture } from './fixture';

const enc = new TextEncoder();
const HANDSHAKE_UNITS = { c2s: 'HandshakeRequest', s2c: 'HandshakeResponse' } as const;

interface HubEntry {
  direction: 'c2s' | 's2c';
  type: number | 'handshake';
  invocationId?: string | null;
  target?: string | null;
}

const idOf = (u: Unit): string | null => /\bid (\S+)/.exec(u.summary)?.[1] ?? null;
const targetOf = (u: Unit): string | null => /^\w+ "([^"]+)"/.exec(u.summary)?.[1] ?? null;

describe.each(['json', 'messagepack'])('signalrDecoder on @microsoft/signalr client traffic (%s)', (name) => {
  const fixture = loadFixture(`signalr/signalr-${name}.pcapng`);
  const units = signalrDecoder.decode(fixture.messages);
  const hub = fixture.log.hub as HubEntry[];

  it('reads the handshake and every hub message of both directions, named as the library’s MessageType names them', () => {
    for (const direction of ['c2s', 's2c'] as const) {
      const expected = hub
        .filter((h) => h.direction === direction)
        .map((h) =>
          h.type === 'handshake'
            ? [HANDSHAKE_UNITS[direction], null, null]
            : [MessageType[h.type], h.invocationId ?? null, h.target ?? null],
        );
      const got = units
        .filter((u) => u.direction === direction)
        .map((u) => [u.type, u.type.startsWith('Handshake') ? null : idOf(u), targetOf(u)]);
      expect(got).toEqual(expected);
    }
    expect(units.flatMap((u) => u.problems)).toEqual([]);
    expect(units[0]?.summary).toBe(`handshake ${name} v1`);
  });

  it('pairs completions and stream items with their invocations, and the handshake', () => {
    for (const u of units.filter((x) => x.type === 'Completion' || x.type === 'StreamItem')) {
      const q = units[u.replyTo!]!;
      expect(['Invocation', 'StreamInvocation']).toContain(q.type);
      expect(idOf(q)).toBe(idOf(u));
    }
    expect(units[units.find((u) => u.type === 'HandshakeResponse')!.replyTo!]?.type).toBe('HandshakeRequest');
  });

  it('is sniffed from the handshake', () => {
    expect(signalrDecoder.sniff(fixture.messages)).toBeGreaterThan(0.9);
  });
});

describe('signalrDecoder on messages written by the library’s protocol classes', () => {
  const fields = {
    invocationId: fc.string({ minLength: 1, maxLength: 8 }),
    target: fc.string({ minLength: 1, maxLength: 12 }),
    arguments: fc.array(fc.oneof(fc.integer(), fc.string(), fc.boolean()), { maxLength: 4 }),
    headers: fc.constant({}),
    streamIds: fc.constant<string[]>([]),
  };
  const invocation: fc.Arbitrary<InvocationMessage | StreamInvocationMessage> = fc.oneof(
    fc.record({ type: fc.constant(MessageType.Invocation as const), ...fields }),
    fc.record({ type: fc.constant(MessageType.StreamInvocation as const), ...fields }),
  );

  it.each([
    ['JsonHubProtocol', new JsonHubProtocol(), 1 as const],
    ['MessagePackHubProtocol', new MessagePackHubProtocol(), 2 as const],
  ])(
    '%s: several messages in one WebSocket message, each found with its target and id',
    (_, protocol, opcode) => {
      fc.assert(
        fc.property(fc.array(invocation, { minLength: 1, maxLength: 4 }), (list) => {
          const parts = list.map((m) => protocol.writeMessage(m));
          const bytes = parts.map((p) => (typeof p === 'string' ? enc.encode(p) : new Uint8Array(p)));
          const data = Uint8Array.from(bytes.flatMap((b) => [...b]));
          const messages: WsMessage[] = [
            { direction: 'c2s', opcode: 1, data: enc.encode('{"protocol":"x","version":1}\x1e') },
            { direction: 'c2s', opcode, data },
          ];
          const units = signalrDecoder.decode(messages).slice(1);
          expect(units.map((u) => [u.type, u.problems])).toEqual(list.map((m) => [MessageType[m.type], []]));
          units.forEach((u, i) => {
            const message = u.fields.find((f) => f.name === 'message')!;
            const target = message.children?.find((f) => f.name === 'target' || f.name === 'Target');
            const id = message.children?.find((f) => f.name === 'invocationId' || f.name === 'InvocationId');
            expect([target?.value, id?.value]).toEqual([list[i]!.target, list[i]!.invocationId]);
          });
        }),
        { numRuns: 50 },
      );
    },
  );

  it('reads the MessagePack Completion layouts: error, void and a result (ResultKind 1, 2, 3)', () => {
    const protocol = new MessagePackHubProtocol();
    const write = (m: object) => new Uint8Array(protocol.writeMessage(m as never));
    const data = Uint8Array.from([
      ...write({ type: MessageType.Completion, invocationId: '1', error: 'boom', headers: {} }),
      ...write({ type: MessageType.Completion, invocationId: '2', headers: {} }),
      ...write({ type: MessageType.Completion, invocationId: '3', result: 42, headers: {} }),
    ]);
    const units = signalrDecoder.decode([
      { direction: 's2c', opcode: 1, data: enc.encode('{}\x1e') },
      { direction: 's2c', opcode: 2, data },
    ]);
    expect(units.slice(1).map((u) => u.summary)).toEqual([
      'Completion id 1 error "boom"',
      'Completion id 2',
      'Completion id 3 → 42',
    ]);
  });

  it('reads VarInt length prefixes of two and three bytes', () => {
    const protocol = new MessagePackHubProtocol();
    for (const size of [200, 20_000]) {
      const data = new Uint8Array(
        protocol.writeMessage({
          type: MessageType.Invocation,
          target: 'Big',
          arguments: ['x'.repeat(size)],
          headers: {},
        }),
      );
      const units = signalrDecoder.decode([
        { direction: 's2c', opcode: 1, data: enc.encode('{}\x1e') },
        { direction: 's2c', opcode: 2, data },
      ]);
      const prefix = units[1]?.fields[0];
      expect(prefix?.span?.end).toBe(size < 16_000 ? 2 : 3);
      expect(prefix?.value).toBe(data.length - (prefix?.span?.end ?? 0));
      expect(units[1]?.problems).toEqual([]);
    }
  });

  it('says what breaks the protocol', () => {
    const units = signalrDecoder.decode([
      {
        direction: 'c2s',
        opcode: 1,
        data: enc.encode('{"protocol":"json","version":1}\x1e{"type":1}\x1e{"type":3,"invocationId":"1"}'),
      },
      { direction: 's2c', opcode: 2, data: Uint8Array.of(0x7b, 0x7d, 0x1e, 0x05, 0x92) },
    ]);
    expect(units.map((u) => [u.type, u.problems])).toEqual([
      ['HandshakeRequest', []],
      ['Invocation', ['Invocation needs a string target (HubProtocol.md, Invocation)']],
      [
        'Completion',
        ['byte 72: the record is not ended by the record separator 0x1E (HubProtocol.md, JSON encoding)'],
      ],
      ['HandshakeResponse', []],
      [
        'unknown',
        [
          'byte 3: the length prefix says 5 bytes but 1 follow (HubProtocol.md)',
          'no integer message type (HubProtocol.md)',
        ],
      ],
    ]);
  });

  it('never throws on random bytes', () => {
    const anyMessage = fc.record({
      direction: fc.constantFrom('c2s' as const, 's2c' as const),
      opcode: fc.constantFrom(1 as const, 2 as const),
      data: fc.oneof(
        fc.uint8Array({ maxLength: 80 }),
        fc.json().map((j) => enc.encode(`${j}\x1e`)),
      ),
    });
    fc.assert(
      fc.property(fc.array(anyMessage, { maxLength: 8 }), (messages) => void signalrDecoder.decode(messages)),
    );
  });
});
