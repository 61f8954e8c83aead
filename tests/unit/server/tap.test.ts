import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { decodeFrame } from '../../../src/codec';
import type { TapMessage } from '../../../src/lib/tap-protocol';
import { openTap as openTapOn, startServer, type Running } from './helpers';

let server: Running;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.stop());

const openTap = (id: string | null = null) => openTapOn(server, id);

const bytesOf = (m: TapMessage) =>
  m.type === 'frame' ? new Uint8Array(Buffer.from(m.bytes, 'base64')) : new Uint8Array();

describe('/tap', () => {
  it('streams the handshake and every frame of the paired connection, both directions, with timestamps', async () => {
    const tap = await openTap();
    const live = new WebSocket(server.url(`/echo?tap=${tap.id}`), ['demo'], { perMessageDeflate: false });
    await new Promise((r) => live.once('open', r));
    live.send('hello tap');
    await new Promise((r) => live.once('message', r));
    live.close(1000, 'bye');
    const end = await tap.waitFor((m) => m.type === 'end');

    const types = tap.messages.map((m) => m.type);
    expect(types[0]).toBe('hello');
    expect(types[1]).toBe('handshake');
    const hs = tap.messages[1]!;
    if (hs.type !== 'handshake') throw new Error('no handshake');
    expect(hs.request.startsWith(`GET /echo?tap=${tap.id} HTTP/1.1\r\n`)).toBe(true);
    expect(hs.request).toContain('Sec-WebSocket-Protocol: demo');
    expect(hs.response).toMatch(/^HTTP\/1\.1 101 Switching Protocols\r\n/);
    expect(hs.protocol).toBe('demo');

    const frames = tap.messages.filter((m) => m.type === 'frame');
    const decoded = frames.map((m) => ({
      from: m.type === 'frame' ? m.from : '',
      f: decodeFrame(bytesOf(m)),
    }));
    const summary = decoded.map(({ from, f }) =>
      f.incomplete
        ? 'incomplete'
        : `${from} ${f.opcodeName} masked=${f.masked} ${new TextDecoder().decode(f.payload)}`,
    );
    expect(summary[0]).toBe('client text masked=true hello tap');
    expect(summary[1]).toBe('server text masked=false hello tap');
    expect(summary[2]).toMatch(/^client close masked=true/);
    expect(summary[3]).toMatch(/^server close masked=false/);
    for (const m of frames) expect(typeof m.t === 'number' && m.t > 1.7e12).toBe(true);
    expect(end).toMatchObject({ type: 'end', clean: true, code: 1000, reason: 'bye' });
    tap.ws.close();
  });

  it('keeps what happened while nobody watched the id, and shows scripted notes and pings', async () => {
    const first = await openTap();
    first.ws.close();
    await new Promise((r) => first.ws.once('close', r));
    const live = new WebSocket(server.url(`/echo?tap=${first.id}&ping=100ms`), { perMessageDeflate: false });
    await new Promise((r) => live.once('open', r));
    await new Promise((r) => live.once('ping', r));
    const tap = await openTap(first.id);
    await tap.waitFor(
      (m) => m.type === 'frame' && m.from === 'client' && decodeFrame(bytesOf(m)).incomplete === false,
    );
    const kinds = tap.messages.map((m) =>
      m.type === 'frame'
        ? `${m.from}:${(decodeFrame(bytesOf(m)) as { opcodeName: string }).opcodeName}`
        : m.type,
    );
    expect(kinds.slice(0, 3)).toEqual(['hello', 'handshake', 'note']);
    expect(kinds).toContain('server:ping');
    expect(kinds).toContain('client:pong');
    live.terminate();
    tap.ws.close();
  });

  it('refuses a tap whose id is not one the server could have issued', async () => {
    await expect(
      new Promise((resolve, reject) => {
        const ws = new WebSocket(server.url('/tap?id=a%20b'));
        ws.once('open', resolve);
        ws.once('error', reject);
      }),
    ).rejects.toThrow(/400/);
  });
});
