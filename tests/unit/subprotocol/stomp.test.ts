import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { stompDecoder } from '../../../src/subprotocol/stomp';
import type { Unit, WsMessage } from '../../../src/subprotocol/types';
import { arbitraryMessages } from './fixtures';
import { loadFixture } from './fixture';

const enc = new TextEncoder();
const text = (direction: 'c2s' | 's2c', s: string, time?: number): WsMessage => ({
  direction,
  opcode: 1,
  data: enc.encode(s),
  ...(time === undefined ? {} : { time }),
});

interface ReferenceFrame {
  direction: 'c2s' | 's2c';
  command: string;
  headers?: Record<string, string>;
  body?: string;
}

/** A unit as stompjs's Parser reports a frame: command, headers (first value of a repeated one wins), body. */
function asReference(u: Unit): ReferenceFrame {
  if (u.type === 'heart-beat') return { direction: u.direction, command: 'heart-beat' };
  const headers: Record<string, string> = {};
  for (const h of u.fields.find((f) => f.name === 'headers')?.children ?? [])
    headers[h.name] ??= String(h.value);
  // A body is shown as its text, or as hex when it is not UTF-8 (these are short enough to be shown whole).
  const body = String(u.fields.find((f) => f.name === 'body')?.value ?? '');
  const hex = /^((?:[0-9a-f]{2} )*[0-9a-f]{2}) \(\d+ bytes?\)$/.exec(body);
  const bytes = hex ? Buffer.from(hex[1]!.replace(/ /g, ''), 'hex') : Buffer.from(body, 'utf8');
  return { direction: u.direction, command: u.type, headers, body: bytes.toString('base64') };
}

describe('stompDecoder on @stomp/stompjs traffic with a scripted STOMP 1.2 server', () => {
  const fixture = loadFixture('stomp/stompjs-ws.pcapng');
  const units = stompDecoder.decode(fixture.messages);
  const reference = fixture.log.frames as ReferenceFrame[];

  it('reads every frame and heart-beat as stompjs’s own Parser does, in both directions, without problems', () => {
    expect(stompDecoder.subprotocols).toContain(fixture.subprotocol);
    for (const direction of ['c2s', 's2c'] as const) {
      expect(units.filter((u) => u.direction === direction).map(asReference)).toEqual(
        reference.filter((f) => f.direction === direction),
      );
    }
    expect(units.flatMap((u) => u.problems)).toEqual([]);
  });

  it('joins frames stompjs split across WebSocket messages', () => {
    const long = units.find((u) => u.type === 'SEND' && u.summary.includes('long frame'))!;
    expect(long.messages.length).toBe(4);
    const connect = units.find((u) => u.type === 'CONNECT')!;
    expect(connect.messages.length).toBe(2);
  });

  it('pairs receipts, the CONNECTED reply and messages of a subscription', () => {
    const replyOf = (u: Unit) => units[u.replyTo!]!;
    const receipts = units.filter((u) => u.type === 'RECEIPT' || u.type === 'ERROR');
    expect(receipts.map((u) => [u.type, replyOf(u).type])).toEqual([
      ['RECEIPT', 'SUBSCRIBE'],
      ['ERROR', 'SEND'],
      ['RECEIPT', 'DISCONNECT'],
    ]);
    expect(replyOf(units.find((u) => u.type === 'CONNECTED')!).type).toBe('CONNECT');
    const messages = units.filter((u) => u.type === 'MESSAGE');
    expect(messages.map((u) => replyOf(u).type)).toEqual(['SUBSCRIBE', 'SUBSCRIBE', 'SUBSCRIBE']);
    for (const u of [...receipts, ...messages]) expect(u.latencyMs).toBeGreaterThanOrEqual(0);
  });

  it('sniffs the traffic as STOMP', () => {
    expect(stompDecoder.sniff(fixture.messages)).toBeGreaterThan(0.5);
  });
});

describe('stompDecoder', () => {
  it('unescapes header values except in CONNECT and CONNECTED, and reports undefined escapes', () => {
    const units = stompDecoder.decode([
      text('c2s', 'CONNECT\naccept-version:1.2\nhost:a\\cb\n\n\0'),
      text('c2s', 'SEND\ndestination:/q\\c1\nx:\\t\n\nhi\0'),
    ]);
    const header = (u: Unit | undefined, name: string) =>
      u?.fields.find((f) => f.name === 'headers')?.children?.find((h) => h.name === name)?.value;
    expect(header(units[0], 'host')).toBe('a\\cb');
    expect(header(units[1], 'destination')).toBe('/q:1');
    expect(units[1]?.problems).toEqual([
      'byte 23: "\\t" is not a STOMP 1.2 escape (Value Encoding: a fatal protocol error)',
    ]);
  });

  it('reads several frames in one message, CRLF lines and trailing EOLs, and heart-beats', () => {
    const units = stompDecoder.decode([
      text('s2c', '\r\n'),
      text(
        's2c',
        'RECEIPT\r\nreceipt-id:1\r\n\r\n\0\n\nMESSAGE\ndestination:/a\nmessage-id:1\nsubscription:0\n\nx\0',
      ),
    ]);
    expect(units.map((u) => [u.type, u.messages, u.problems])).toEqual([
      ['heart-beat', [0], []],
      ['RECEIPT', [1], []],
      ['MESSAGE', [1], []],
    ]);
    expect(units[2]?.fields.find((f) => f.name === 'body')?.span).toEqual({ message: 1, start: 80, end: 81 });
  });

  it('reads a body by content-length past NUL octets and says when NULL is not where content-length puts it', () => {
    const ok = stompDecoder.decode([text('c2s', 'SEND\ndestination:/a\ncontent-length:3\n\na\0b\0')]);
    expect(ok[0]?.fields.find((f) => f.name === 'body')?.value).toBe('a\u0000b');
    const bad = stompDecoder.decode([text('c2s', 'SEND\ndestination:/a\ncontent-length:1\n\nabc\0')]);
    expect(bad[0]?.problems).toEqual([
      'byte 39: content-length is 1 but the body is not followed by NULL there',
    ]);
  });

  it('names missing headers, wrong senders, unknown commands, bodies where none belong and unfinished frames', () => {
    const units = stompDecoder.decode([
      text('c2s', 'SUBSCRIBE\ndestination:/a\n\n\0'),
      text('c2s', 'MESSAGE\ndestination:/a\nmessage-id:1\nsubscription:0\n\n\0'),
      text('c2s', 'HELLO\n\n\0'),
      text('c2s', 'ACK\nid:1\n\nbody\0'),
      text('s2c', 'RECEIPT\nreceipt-id:1\n'),
    ]);
    expect(units.map((u) => u.problems)).toEqual([
      ['SUBSCRIBE needs a "id" header (STOMP 1.2, SUBSCRIBE)'],
      ['MESSAGE is a server frame, sent by the client'],
      ['byte 0: "HELLO" is not a STOMP 1.2 command'],
      ['ACK must not have a body (STOMP 1.2: only SEND, MESSAGE and ERROR have one)'],
      ['byte 0: the frame never ends (no empty line after the headers); STOMP frames end with a NULL octet'],
    ]);
  });

  it('gives the same units however the frames are cut into messages (EOLs that start a message are heart-beats)', () => {
    const stream = enc.encode(
      'CONNECT\naccept-version:1.2\nhost:h\n\n\0\nSUBSCRIBE\nid:0\ndestination:/t\nreceipt:r\n\n\0SEND\ndestination:/t\ncontent-length:4\n\na\0\nb\0\n',
    );
    const whole = stompDecoder.decode([{ direction: 'c2s', opcode: 1, data: stream }]);
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 1, max: stream.length - 1 }), { maxLength: 8 }),
        (allCuts) => {
          // A cut between a frame's NULL and its trailing EOL would make that EOL a heart-beat.
          const cuts = allCuts.filter((c) => stream[c - 1] !== 0);
          const edges = [0, ...cuts.sort((a, b) => a - b), stream.length];
          const messages = edges.slice(1).map((end, i) => ({
            direction: 'c2s' as const,
            opcode: 1 as const,
            data: stream.slice(edges[i], end),
          }));
          const units = stompDecoder.decode(messages);
          expect(units.map((u) => [u.type, u.summary, u.problems])).toEqual(
            whole.map((u) => [u.type, u.summary, u.problems]),
          );
        },
      ),
    );
  });

  it('never throws on random bytes or text', () => {
    fc.assert(
      fc.property(
        arbitraryMessages(
          fc.oneof(
            fc.uint8Array({ maxLength: 80 }),
            fc
              .stringMatching(/^(SEND|MESSAGE|RECEIPT|CONNECT)?[\n\r:\\a-z0-9\0-]{0,60}$/)
              .map((s) => enc.encode(s)),
          ),
        ),
        (messages) => void stompDecoder.decode(messages),
      ),
    );
  });
});
