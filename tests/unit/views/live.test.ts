import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createDeflater, encodeFrame } from '../../../src/codec';
import { importCapture } from '../../../src/capture';
import type { TapMessage } from '../../../src/lib/tap-protocol';
import { backoffCeiling, backoffDelay } from '../../../src/views/Live/backoff';
import { checkCloseInput } from '../../../src/views/Live/close-input';
import { checkUrl, parseProtocols } from '../../../src/views/Live/connect-errors';
import { messageLine, readSendInput } from '../../../src/views/Live/send-input';
import { liveSession } from '../../../src/views/Live/session-export';
import { gapText } from '../../../src/views/Live/tap-info.svelte';
import { tapUrlFor, withoutTapId, withQuery, withTapId } from '../../../src/views/Live/tap-link';
import { reconstructMessage, TapDecoder } from '../../../src/views/Live/wire';

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
const text = (s: string) => new TextEncoder().encode(s);

describe('checkCloseInput() follows what WebSocket.close() accepts', () => {
  it.each(['1000', '3000', '4999', ''])('accepts %s', (code) => {
    expect(checkCloseInput(code, '').ok).toBe(true);
  });
  it.each(['1001', '1005', '2999', '5000', '999', 'abc'])('refuses %s with a reason in words', (code) => {
    const r = checkCloseInput(code, '');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.length).toBeGreaterThan(20);
  });
  it('counts the reason in UTF-8 bytes, not characters', () => {
    expect(checkCloseInput('1000', 'é'.repeat(61)).ok).toBe(true); // 122 bytes
    const r = checkCloseInput('1000', 'é'.repeat(62)); // 124 bytes
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toContain('124 UTF-8 bytes');
  });
  it('refuses a reason without a code', () => {
    expect(checkCloseInput('', 'why').ok).toBe(false);
  });
});

describe('backoffDelay()', () => {
  it('doubles the ceiling per attempt up to the maximum', () => {
    expect([0, 1, 2, 3, 10].map((a) => backoffCeiling(a, { baseMs: 500, maxMs: 30_000 }))).toEqual([
      500, 1000, 2000, 4000, 30_000,
    ]);
  });
  it('always draws between 0 and the ceiling (full jitter)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 40 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (attempt, r) => {
          const d = backoffDelay(attempt, { baseMs: 500, maxMs: 30_000 }, () => r);
          return d >= 0 && d <= backoffCeiling(attempt, { baseMs: 500, maxMs: 30_000 });
        },
      ),
    );
  });
});

describe('checkUrl() and parseProtocols()', () => {
  it('accepts ws:// and wss:// URLs', () => {
    expect(checkUrl('ws://127.0.0.1:9001/echo', 'http:')).toEqual({
      ok: true,
      url: 'ws://127.0.0.1:9001/echo',
    });
    expect(checkUrl('wss://example.com/x', 'https:').ok).toBe(true);
  });
  it('explains an http URL, a fragment, garbage, and mixed content', () => {
    const err = (u: string, page = 'http:') => {
      const r = checkUrl(u, page);
      return r.ok ? '' : r.error;
    };
    expect(err('https://example.com/socket')).toContain('try wss://example.com/socket');
    expect(err('ws://example.com/#x')).toContain('#fragment');
    expect(err('nonsense')).toContain('is not a URL');
    expect(err('ws://example.com/echo', 'https:')).toContain('mixed content');
    expect(err('ws://localhost:9001/echo', 'https:')).toBe('');
  });
  it('says why a remote host cannot be reached offline, and still lets this computer be', () => {
    const offline = checkUrl('wss://example.com/socket', 'http:', false);
    expect(offline.ok ? '' : offline.error).toContain('offline, so example.com cannot be reached');
    expect(checkUrl('ws://127.0.0.1:9001/echo', 'http:', false).ok).toBe(true);
    expect(checkUrl('ws://localhost:9001/echo', 'http:', false).ok).toBe(true);
  });
  it('splits subprotocols and refuses duplicates and non-tokens', () => {
    expect(parseProtocols('chat.v2, chat.v1')).toEqual({ ok: true, protocols: ['chat.v2', 'chat.v1'] });
    expect(parseProtocols('a, a').ok).toBe(false);
    expect(parseProtocols('a(b)').ok).toBe(false);
  });
});

describe('readSendInput()', () => {
  it('sends text as is, checks JSON, turns hex into bytes', () => {
    expect(readSendInput('text', 'hi')).toEqual({ ok: true, payload: 'hi' });
    expect(readSendInput('json', '{"a":1}')).toEqual({ ok: true, payload: '{"a":1}' });
    expect(readSendInput('json', '{a:1}').ok).toBe(false);
    expect(readSendInput('hex', '01 ff')).toEqual({ ok: true, payload: new Uint8Array([1, 255]) });
    expect(readSendInput('hex', 'xyz').ok).toBe(false);
  });
  it('describes messages in log lines', () => {
    expect(messageLine('sent', 'hello', 5)).toBe('sent · text · 5 B · hello');
    expect(messageLine('message', new Uint8Array([1, 2]), 2, 'Blob')).toBe(
      'message · binary (Blob) · 2 B · 01 02',
    );
  });
});

describe('tapUrlFor() and withTapId()', () => {
  it('finds the tap beside a …/echo URL (asking for a new id, or attaching to one) and keeps the script query', () => {
    expect(tapUrlFor('ws://127.0.0.1:4205/echo?ping=2s')).toBe('ws://127.0.0.1:4205/tap');
    expect(tapUrlFor('ws://127.0.0.1:4205/echo?ping=2s', 'a b')).toBe('ws://127.0.0.1:4205/tap?id=a%20b');
    expect(withTapId('ws://127.0.0.1:4205/echo?ping=2s', 'abc')).toBe(
      'ws://127.0.0.1:4205/echo?ping=2s&tap=abc',
    );
    expect(tapUrlFor('wss://example.com/socket')).toBeNull();
    expect(tapUrlFor('not a url')).toBeNull();
  });
  it('replaces the query with a scripted behaviour', () => {
    expect(withQuery('ws://h/echo?ping=2s', 'close=4000')).toBe('ws://h/echo?close=4000');
    expect(withQuery('not a url', 'x=1')).toBe('not a url');
  });
});

describe('TapDecoder', () => {
  const handshake = (extensions: string | null): TapMessage => ({
    v: 1,
    type: 'handshake',
    t: 1,
    request:
      'GET /echo HTTP/1.1\r\nHost: h\r\nSec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n\r\n',
    response: 'HTTP/1.1 101 Switching Protocols\r\n\r\n',
    protocol: null,
    extensions,
  });

  it('inflates compressed messages in both directions with context takeover', () => {
    const decoder = new TapDecoder();
    expect(decoder.accept(handshake('permessage-deflate'))).toBeNull();
    const client = createDeflater({}, 'client');
    const server = createDeflater({}, 'server');
    const frames: TapMessage[] = [];
    for (const [i, msg] of ['Hello', 'Hello', 'Hello again'].entries()) {
      const c = encodeFrame({
        opcode: 1,
        rsv1: true,
        mask: new Uint8Array([1, 2, 3, 4]),
        payload: client.deflate(text(msg)),
      });
      const s = encodeFrame({ opcode: 1, rsv1: true, payload: server.deflate(text(msg)) });
      frames.push({ v: 1, type: 'frame', t: 10 + i, from: 'client', seq: i, bytes: b64(c) });
      frames.push({ v: 1, type: 'frame', t: 10 + i, from: 'server', seq: i, bytes: b64(s) });
    }
    const wires = frames.map((f) => decoder.accept(f)!);
    expect(wires.map((w) => w.inflated?.text)).toEqual([
      'Hello',
      'Hello',
      'Hello',
      'Hello',
      'Hello again',
      'Hello again',
    ]);
    expect(wires[0]!.summary).toMatch(/^text · FIN · RSV1 · masked · \d+ B · \d+ B compressed$/);
    expect(wires.every((w) => w.violations.length === 0)).toBe(true);
  });

  it('reports RSV1 as a violation when compression was not negotiated', () => {
    const decoder = new TapDecoder();
    decoder.accept(handshake(null));
    const bytes = encodeFrame({ opcode: 1, rsv1: true, payload: text('x'), allowInvalid: true });
    const wire = decoder.accept({ v: 1, type: 'frame', t: 1, from: 'server', seq: 0, bytes: b64(bytes) })!;
    expect(wire.violations.map((v) => v.id)).toContain('reserved-bit-set');
  });
});

describe('liveSession()', () => {
  it('names each connection by the URL as typed, without the tap id Framescope added', () => {
    const paired = withTapId('ws://127.0.0.1:4205/echo?ping=2s', 'secret-id');
    expect(withoutTapId(paired)).toBe('ws://127.0.0.1:4205/echo?ping=2s');
    expect(withoutTapId('not a url')).toBe('not a url');
    const conn = { id: 1, url: paired, request: null, response: null, protocol: '', extensions: '' };
    const frames = [reconstructMessage('client', 1, text('hi'), 0)].map((f) => ({ ...f, connection: 1 }));
    const file = liveSession([conn], frames, new Date(0));
    expect(file.connections[0]!.url).toBe('ws://127.0.0.1:4205/echo?ping=2s');
    expect(file.connections[0]!.label).toBe('ws://127.0.0.1:4205/echo?ping=2s');
    expect(JSON.stringify(file)).not.toContain('secret-id');
  });
  it('writes session JSON that src/capture opens again, message for message', () => {
    const frames = [
      reconstructMessage('client', 1, text('ping?'), 1000),
      reconstructMessage('server', 1, text('ping?'), 1005),
      reconstructMessage('client', 2, new Uint8Array([1, 2, 3]), 1010),
    ].map((f) => ({ ...f, connection: 1 }));
    const conn = { id: 1, url: 'ws://h/echo', request: null, response: null, protocol: '', extensions: '' };
    const file = liveSession([conn], frames, new Date(0));
    expect(file.connections[0]!.frames.map((f) => f.time)).toEqual([0, 5, 10]);
    const back = importCapture('live.json', text(JSON.stringify(file)));
    const messages = back.connections[0]!.messages;
    expect(messages.map((m) => [m.direction, m.text ?? Array.from(m.data)])).toEqual([
      ['client-to-server', 'ping?'],
      ['server-to-client', 'ping?'],
      ['client-to-server', [1, 2, 3]],
    ]);
  });
});

describe('gapText()', () => {
  it('says how many frames and bytes the tap did not show, and other messages when there were some', () => {
    expect(gapText({ frames: 11, bytes: 5767298, other: 0 })).toBe('11 frames (5,767,298 bytes) not shown');
    expect(gapText({ frames: 1, bytes: 1, other: 2 })).toBe(
      '1 frame (1 byte) not shown; 2 other tap messages not shown',
    );
  });
});
