import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { interpretMessages, type Unit, type WsMessage } from '../../../src/subprotocol';
import { socketio } from '../../../src/subprotocol/socketio';
import { arbitraryMessages, captureInputs, fixtureLog } from './fixtures';

interface LogEntry {
  side: 'client' | 'server';
  connection: 'a' | 'b';
  layer: 'socket.io' | 'engine.io' | 'marker';
  type: string;
  nsp?: string;
  id?: number | null;
  data: unknown;
  attachments?: number;
}

const inputs = captureInputs('socketio/socketio.pcapng');
const { log } = fixtureLog<{ log: LogEntry[] }>('socketio/socketio.pcapng.log.json');
const SOCKETIO = new Set([
  'CONNECT',
  'DISCONNECT',
  'EVENT',
  'ACK',
  'CONNECT_ERROR',
  'BINARY_EVENT',
  'BINARY_ACK',
]);

/** What the programs logged for connection `name` once it was on the WebSocket (b starts with long-polling). */
function loggedOnWebSocket(name: 'a' | 'b'): LogEntry[] {
  const entries = log.filter((e) => e.connection === name);
  return entries.slice(entries.findIndex((e) => e.layer === 'marker') + 1);
}

const binaries = (data: unknown): string[] =>
  Array.isArray(data)
    ? data.flatMap(binaries)
    : data && typeof data === 'object'
      ? 'base64' in data
        ? [(data as { base64: string }).base64]
        : Object.values(data).flatMap(binaries)
      : [];

describe('socketio decoder on socket.io + socket.io-client traffic (tests/fixtures/subprotocol/socketio)', () => {
  it('finds the protocol from the URL, and by sniffing when the handshake went over a polling connection', () => {
    expect(inputs).toHaveLength(2);
    expect(interpretMessages(inputs[0]!).protocol).toMatchObject({ id: 'socketio', how: 'url' });
    expect(interpretMessages(inputs[1]!).protocol).toMatchObject({ id: 'socketio', how: 'sniffed' });
  });

  for (const [i, name] of [
    [0, 'a'],
    [1, 'b'],
  ] as const) {
    it(`connection ${name}: every Socket.IO packet each side's encoder was handed, in order, per direction`, () => {
      const input = inputs[i]!;
      const { units } = interpretMessages(input);
      for (const [side, direction] of [
        ['client', 'c2s'],
        ['server', 's2c'],
      ] as const) {
        const expected = loggedOnWebSocket(name)
          .filter((e) => e.side === side && e.layer === 'socket.io')
          .map((e) => ({
            type: (e.attachments ?? 0) > 0 ? `BINARY_${e.type}` : e.type,
            nsp: e.nsp,
            id: e.id ?? null,
            event: e.type === 'EVENT' ? (e.data as unknown[])[0] : null,
            attachments: binaries(e.data),
          }));
        const decoded = units
          .filter((u) => u.direction === direction && SOCKETIO.has(u.type))
          .map((u) => {
            const field = (n: string) => u.fields.find((f) => f.name === n);
            const nsp = field('namespace')!.value as string;
            return {
              type: u.type,
              nsp: nsp.startsWith('/ (') ? '/' : nsp,
              id: (field('ack id') ?? field('ack id (answers)'))?.value ?? null,
              event: u.type.endsWith('EVENT') ? field('event name')!.value : null,
              attachments: u.messages
                .slice(1)
                .map((m) => Buffer.from(input.messages[m]!.data).toString('base64')),
            };
          });
        expect(decoded).toEqual(expected);
        expect(units.filter((u) => u.direction === direction).flatMap((u) => u.problems)).toEqual([]);
      }
    });

    it(`connection ${name}: Engine.IO pings from the server, each answered by a pong`, () => {
      const { units } = interpretMessages(inputs[i]!);
      const logged = loggedOnWebSocket(name).filter((e) => e.layer === 'engine.io' && e.side === 'server');
      const pings = units.filter((u) => u.type === 'ping' && u.direction === 's2c');
      expect(pings.length).toBe(logged.filter((e) => e.type === 'ping').length);
      expect(pings.length).toBeGreaterThan(0);
      for (const ping of pings) {
        const pong = units.find((u) => u.replyTo === units.indexOf(ping));
        expect(pong).toMatchObject({ type: 'pong', direction: 'c2s' });
        expect(pong!.latencyMs).toBeGreaterThanOrEqual(0);
      }
    });

    it(`connection ${name}: every ack answers the event with its id, namespace and the other direction`, () => {
      const { units } = interpretMessages(inputs[i]!);
      const acks = units.filter((u) => u.type === 'ACK' || u.type === 'BINARY_ACK');
      expect(acks.length).toBe(4);
      for (const ack of acks) {
        const event = units[ack.replyTo!]!;
        const id = (u: Unit) => u.fields.find((f) => f.name.startsWith('ack id'))!.value;
        const nsp = (u: Unit) => u.fields.find((f) => f.name === 'namespace')!.value;
        expect(event.type).toMatch(/EVENT$/);
        expect(event.direction).not.toBe(ack.direction);
        expect([id(event), nsp(event)]).toEqual([id(ack), nsp(ack)]);
      }
      const refused = units.find((u) => u.type === 'CONNECT_ERROR')!;
      expect(units[refused.replyTo!]).toMatchObject({ type: 'CONNECT', direction: 'c2s' });
    });
  }
});

const text = (direction: WsMessage['direction'], s: string): WsMessage => ({
  direction,
  opcode: 1,
  data: new TextEncoder().encode(s),
});

describe('socketio.decode()', () => {
  it('ties each field to its bytes', () => {
    const [unit] = socketio.decode([text('c2s', '42/chat,17["chat",{"a":1}]')]);
    expect(unit!.summary).toBe('EVENT "chat" in /chat, ack 17');
    const spans = Object.fromEntries(unit!.fields.map((f) => [f.name, f.span && [f.span.start, f.span.end]]));
    expect(spans).toMatchObject({
      'Engine.IO packet type': [0, 1],
      'packet type': [1, 2],
      namespace: [2, 8],
      'ack id': [8, 10],
      'event name': [11, 17],
      payload: [10, 26],
    });
  });

  it('names what breaks the protocol', () => {
    const units = socketio.decode([
      text('c2s', '9'),
      text('c2s', '49'),
      text('c2s', '42{"a":1}'),
      text('c2s', '42["x"'),
      text('s2c', '3'),
      text('s2c', '452-["files",{"_placeholder":true,"num":0}]'),
      { direction: 's2c', opcode: 2, data: new Uint8Array([1]) },
      { direction: 'c2s', opcode: 2, data: new Uint8Array([2]) },
    ]);
    expect(units.map((u) => [u.type, u.problems.length])).toEqual([
      ['unknown', 1],
      ['unknown', 1],
      ['EVENT', 1],
      ['EVENT', 1],
      ['pong', 0],
      ['BINARY_EVENT', 1],
      ['message', 1],
    ]);
    expect(units[5]!.problems[0]).toMatch(/2 attachments announced, 1 received before the capture ends/);
    expect(units[3]!.problems[0]).toMatch(/not JSON at byte 6/);
  });

  it('never throws on arbitrary messages, and every span lies inside its message', () => {
    const packetish = fc.oneof(
      fc.uint8Array({ maxLength: 40 }),
      fc
        .tuple(
          fc.constantFrom('0', '2', '3', '40', '41', '42', '43', '44', '451-', '462-', '42/a,', '43/a,1'),
          fc.string(),
        )
        .map(([a, b]) => new TextEncoder().encode(a + b)),
    );
    fc.assert(
      fc.property(arbitraryMessages(packetish), (messages) => {
        for (const unit of socketio.decode(messages)) {
          for (const f of unit.fields) {
            if (!f.span) continue;
            expect(f.span.end).toBeLessThanOrEqual(messages[f.span.message]!.data.length);
            expect(f.span.start).toBeLessThanOrEqual(f.span.end);
          }
        }
        socketio.sniff(messages);
      }),
      { numRuns: 400 },
    );
  });
});
