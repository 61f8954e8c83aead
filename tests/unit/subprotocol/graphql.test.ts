import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { graphqlTransportWsDecoder, graphqlWsLegacyDecoder } from '../../../src/subprotocol/graphql';
import type { Unit, WsMessage } from '../../../src/subprotocol/types';
import { arbitraryMessages } from './fixtures';
import { loadFixture, logged } from './fixture';

const enc = new TextEncoder();
const msg = (direction: 'c2s' | 's2c', value: unknown, time?: number): WsMessage => ({
  direction,
  opcode: 1,
  data: enc.encode(typeof value === 'string' ? value : JSON.stringify(value)),
  ...(time === undefined ? {} : { time }),
});

function typeAndId(units: Unit[], direction: 'c2s' | 's2c'): [string, string | undefined][] {
  return units
    .filter((u) => u.direction === direction)
    .map((u) => [u.type, /id "([^"]+)"/.exec(u.summary)?.[1]]);
}

describe.each([
  ['graphql-transport-ws.pcapng', graphqlTransportWsDecoder, 'subscribe'],
  ['graphql-ws-legacy.pcapng', graphqlWsLegacyDecoder, 'start'],
])('%s, real library traffic', (file, decoder, request) => {
  const fixture = loadFixture(`graphql/${file}`);
  const units = decoder.decode(fixture.messages);

  it('was negotiated under the decoder’s subprotocol', () => {
    expect(decoder.subprotocols).toContain(fixture.subprotocol);
  });

  it('decodes every message the programs sent, type and id, in both directions, without problems', () => {
    for (const direction of ['c2s', 's2c'] as const) {
      const expected = logged(fixture, direction).map((m) => {
        const json = JSON.parse(m.text!) as { type: string; id?: string };
        return [json.type, json.id];
      });
      expect(typeAndId(units, direction)).toEqual(expected);
    }
    expect(units.flatMap((u) => u.problems)).toEqual([]);
  });

  it('pairs each result with the operation of its id, and the acknowledgement with connection_init', () => {
    const results = units.filter((u) => u.direction === 's2c' && /id "/.test(u.summary));
    expect(results.length).toBeGreaterThan(4);
    for (const r of results) {
      const q = units[r.replyTo!]!;
      expect(q.type).toBe(request);
      expect(/id "([^"]+)"/.exec(q.summary)?.[1]).toBe(/id "([^"]+)"/.exec(r.summary)?.[1]);
      expect(r.latencyMs).toBeGreaterThanOrEqual(0);
    }
    const ack = units.find((u) => u.type === 'connection_ack')!;
    expect(units[ack.replyTo!]?.type).toBe('connection_init');
  });

  it('sniffs as this dialect and not as the other', () => {
    const other = decoder === graphqlTransportWsDecoder ? graphqlWsLegacyDecoder : graphqlTransportWsDecoder;
    expect(decoder.sniff(fixture.messages)).toBeGreaterThan(other.sniff(fixture.messages));
  });
});

describe('graphqlTransportWsDecoder', () => {
  it('pairs ping with pong and measures the time', () => {
    const units = graphqlTransportWsDecoder.decode([
      msg('c2s', { type: 'ping' }, 10),
      msg('s2c', { type: 'pong' }, 12.5),
    ]);
    expect([units[1]?.replyTo, units[1]?.latencyMs]).toEqual([0, 2.5]);
  });

  it('names the rule a message breaks', () => {
    const units = graphqlTransportWsDecoder.decode([
      msg('s2c', { type: 'subscribe', id: '1', payload: { query: '{a}' } }),
      msg('c2s', { type: 'next' }),
      msg('c2s', { type: 'hello' }),
      msg('c2s', '{"type":'),
      msg('c2s', [1]),
      msg('c2s', { type: 'subscribe', id: '2', payload: {} }),
    ]);
    expect(units.map((u) => u.problems)).toEqual([
      ['"subscribe" is sent by the client, not the server (graphql-ws PROTOCOL.md)'],
      [
        '"next" is sent by the server, not the client (graphql-ws PROTOCOL.md)',
        '"next" needs a string "id" (graphql-ws PROTOCOL.md)',
      ],
      ['byte 8: "hello" is not a graphql-transport-ws message type (graphql-ws PROTOCOL.md)'],
      ['byte 8: a value was expected but the bytes end'],
      ['byte 0: a graphql-transport-ws message is a JSON object (graphql-ws PROTOCOL.md)'],
      ['"subscribe" needs payload.query, a string (graphql-ws PROTOCOL.md, Subscribe)'],
    ]);
  });

  it('explains the close code a server answers a session rule with: 4401, 4429, 4409', () => {
    const units = graphqlTransportWsDecoder.decode([
      msg('c2s', { type: 'connection_init' }),
      msg('c2s', { type: 'subscribe', id: '1', payload: { query: '{a}' } }),
      msg('c2s', { type: 'connection_init' }),
      msg('s2c', { type: 'connection_ack' }),
      msg('c2s', { type: 'subscribe', id: '1', payload: { query: '{a}' } }),
      msg('s2c', { type: 'complete', id: '1' }),
      msg('c2s', { type: 'subscribe', id: '1', payload: { query: '{a}' } }),
    ]);
    expect(units.map((u) => u.problems)).toEqual([
      [],
      [
        'subscribe before connection_ack: the server closes with 4401 Unauthorized (graphql-ws PROTOCOL.md, Subscribe)',
      ],
      [
        'a second connection_init: the server closes with 4429 Too many initialisation requests (graphql-ws PROTOCOL.md, ConnectionInit)',
      ],
      [],
      [
        'id "1" is still running: the server closes with 4409 Subscriber already exists (graphql-ws PROTOCOL.md, Subscribe)',
      ],
      [],
      [],
    ]);
  });

  it('links the id field to its bytes', () => {
    const [u] = graphqlTransportWsDecoder.decode([msg('c2s', '{"id":"7","type":"complete"}')]);
    const id = u?.fields[0]?.children?.find((f) => f.name === 'id');
    expect(id).toMatchObject({ value: '7', span: { message: 0, start: 6, end: 9 } });
  });

  it('never throws on random text or bytes', () => {
    fc.assert(
      fc.property(
        arbitraryMessages(
          fc.oneof(
            fc.uint8Array({ maxLength: 80 }),
            fc.json().map((j) => enc.encode(j)),
          ),
        ),
        (messages) => {
          graphqlTransportWsDecoder.decode(messages);
          graphqlWsLegacyDecoder.decode(messages);
          graphqlTransportWsDecoder.sniff(messages);
        },
      ),
    );
  });
});
