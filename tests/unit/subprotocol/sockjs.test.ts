import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { sockjsDecoder } from '../../../src/subprotocol/sockjs';
import type { Unit, WsMessage } from '../../../src/subprotocol/types';
import { arbitraryMessages } from './fixtures';
import { loadFixture } from './fixture';

const enc = new TextEncoder();
const text = (direction: 'c2s' | 's2c', s: string): WsMessage => ({
  direction,
  opcode: 1,
  data: enc.encode(s),
});

interface ReferenceFrame {
  direction: 'c2s' | 's2c';
  command: string;
  headers?: Record<string, string>;
  body?: string;
}

function asReference(u: Unit): ReferenceFrame {
  if (u.type === 'heart-beat') return { direction: u.direction, command: 'heart-beat' };
  const headers: Record<string, string> = {};
  for (const h of u.fields.find((f) => f.name === 'headers')?.children ?? [])
    headers[h.name] ??= String(h.value);
  const body = String(u.fields.find((f) => f.name === 'body')?.value ?? '');
  return {
    direction: u.direction,
    command: u.type,
    headers,
    body: Buffer.from(body, 'utf8').toString('base64'),
  };
}

describe('sockjsDecoder on @stomp/stompjs over sockjs-client and a sockjs server', () => {
  const fixture = loadFixture('sockjs/stompjs-sockjs.pcapng');
  const units = sockjsDecoder.decode(fixture.messages);
  const framing = new Set(['open', 'heartbeat', 'close', 'array']);

  it('is recognised by its URL and by its open frame', () => {
    expect(sockjsDecoder.matchesUrl?.(fixture.url ?? '')).toBe(true);
    expect(sockjsDecoder.sniff(fixture.messages)).toBeGreaterThan(0.5);
  });

  it('reads the STOMP frames inside the SockJS strings as stompjs’s Parser does, without problems', () => {
    const stomp = units.filter((u) => !framing.has(u.type)).map(asReference);
    expect(stomp).toEqual(fixture.log.frames);
    expect(units.flatMap((u) => u.problems)).toEqual([]);
  });

  it('names the SockJS frames: open first, and the close code and reason the server sent last', () => {
    const server = units.filter((u) => u.direction === 's2c' && framing.has(u.type));
    expect(server[0]?.type).toBe('open');
    const close = fixture.log.close as { code: number; reason: string };
    expect(server.at(-1)?.summary).toBe(`c ${close.code} ${JSON.stringify(close.reason)}`);
  });

  it('maps a STOMP field inside an escaped JSON string back to the escaped bytes', () => {
    const send = units.find((u) => u.type === 'SEND')!;
    const body = send.fields.find((f) => f.name === 'body')!;
    const raw = Buffer.from(
      fixture.messages[body.span!.message]!.data.subarray(body.span!.start, body.span!.end),
    );
    expect(JSON.parse(`"${raw.toString('utf8')}"`)).toBe(body.value);
    expect(raw.toString('utf8')).toContain('\\"quotes\\" \\\\ and a line\\nbreak');
  });

  it('pairs STOMP replies carried by SockJS', () => {
    const receipt = units.find((u) => u.type === 'RECEIPT')!;
    expect(units[receipt.replyTo!]?.type).toBe('SUBSCRIBE');
  });
});

describe('sockjsDecoder', () => {
  it('shows plain text messages and reports what is not SockJS framing', () => {
    const units = sockjsDecoder.decode([
      text('s2c', 'o'),
      text('s2c', 'h'),
      text('c2s', '["hello","world"]'),
      text('s2c', 'a[]'),
      text('s2c', 'x'),
      text('c2s', '[1]'),
      text('s2c', 'c[3000]'),
    ]);
    expect(units.map((u) => [u.type, u.summary, u.problems.length])).toEqual([
      ['open', 'o (open)', 0],
      ['heartbeat', 'h (heartbeat)', 0],
      ['message', 'message "hello"', 0],
      ['message', 'message "world"', 0],
      ['array', 'a[] (no messages)', 0],
      ['invalid frame', 'not a SockJS frame: x', 2],
      ['invalid frame', 'not an array of strings', 1],
      ['close', 'c 3000 ""', 1],
    ]);
  });

  it('never throws on random bytes or SockJS-like text', () => {
    fc.assert(
      fc.property(
        arbitraryMessages(
          fc.oneof(
            fc.uint8Array({ maxLength: 60 }),
            fc
              .tuple(fc.constantFrom('', 'a', 'm', 'c', 'o', 'h'), fc.json())
              .map(([l, j]) => enc.encode(l + j)),
            fc
              .array(fc.string(), { maxLength: 3 })
              .map((a) => enc.encode('a' + JSON.stringify(a.map((s) => `SEND\n${s}`)))),
          ),
        ),
        (messages) => void sockjsDecoder.decode(messages),
      ),
    );
  });
});
