import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exactRequest } from '../../../server/upgrade';
import { framescopeServer } from '../../../server/vite-plugin';
import { openTap, rawClient, startServer, type Running } from './helpers';

let server: Running;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.stop());

/** An upgrade head with odd casing and whitespace that Node accepts and a rebuilt request would normalise. */
const oddHead = (id: string) =>
  `GET /echo?tap=${id} HTTP/1.1\r\n` +
  'hOST:   127.0.0.1  \r\n' +
  'upgrade:websocket\r\n' +
  'CONNECTION: keep-alive,  Upgrade\r\n' +
  'Sec-WebSocket-Key:\tdGhlIHNhbXBsZSBub25jZQ==\r\n' +
  'sec-websocket-VERSION: 13\r\n' +
  'X-Odd:  a   b\t\r\n\r\n';

/** Write the chunks one by one (each its own TCP segment), then read what the tap says about the handshake. */
async function tapHandshake(build: (id: string) => string[]) {
  const tap = await openTap(server);
  const chunks = build(tap.id);
  const c = await rawClient(server.port);
  c.socket.setNoDelay(true);
  for (const chunk of chunks) {
    c.socket.write(Buffer.from(chunk, 'latin1'));
    await new Promise((r) => setTimeout(r, 20));
  }
  const hs = await tap.waitFor((m) => m.type === 'handshake');
  c.socket.destroy();
  tap.ws.close();
  if (hs.type !== 'handshake') throw new Error('no handshake');
  return { hs, received: c.received().toString('latin1'), head: oddHead(tap.id) };
}

const bytes = (b64: string | undefined) => Buffer.from(b64 ?? '', 'base64').toString('latin1');

describe('the tap carries the exact request bytes', () => {
  it('byte for byte, odd whitespace and casing included', async () => {
    const { hs, received, head } = await tapHandshake((id) => [oddHead(id)]);
    expect(received).toMatch(/^HTTP\/1\.1 101 /);
    expect(hs.requestSource).toBe('exact');
    expect(bytes(hs.requestBytes)).toBe(head);
    expect(hs.request).toBe(head);
  });

  it('when the head arrives in many pieces, split inside the request line and the final blank line', async () => {
    const { hs, head } = await tapHandshake((id) => {
      const head = oddHead(id);
      const cuts = [3, 17, 40, 41, head.length - 3, head.length - 1];
      const chunks = cuts.map((end, i) => head.slice(i === 0 ? 0 : cuts[i - 1], end));
      chunks.push(head.slice(cuts[cuts.length - 1]));
      return chunks;
    });
    expect(hs.requestSource).toBe('exact');
    expect(bytes(hs.requestBytes)).toBe(head);
  });

  it('when the upgrade follows earlier keep-alive requests on the same socket, with and without a body', async () => {
    const get = 'GET /nothing HTTP/1.1\r\nHost: a\r\n\r\n';
    // The POST body ends without a blank line, right where the upgrade starts (pipelined in one write).
    const post = 'POST /nothing HTTP/1.1\r\nHost: a\r\nContent-Length: 9\r\n\r\nGET body!';
    const { hs, received, head } = await tapHandshake((id) => [get, post + oddHead(id)]);
    expect(received.match(/HTTP\/1\.1 404 /g)).toHaveLength(2);
    expect(received).toContain('HTTP/1.1 101 ');
    expect(hs.requestSource).toBe('exact');
    expect(bytes(hs.requestBytes)).toBe(head);
  });

  it('with a frame in the same packet as the head: the frame is not part of the request', async () => {
    const frame = String.fromCharCode(0x81, 0x80, 1, 2, 3, 4);
    const { hs, received, head } = await tapHandshake((id) => [oddHead(id) + frame]);
    expect(received).toContain('\r\n\r\n\x81\x00');
    expect(bytes(hs.requestBytes)).toBe(head);
  });
});

describe('exactRequest', () => {
  const req = (method: string, url: string, raw: string[]) =>
    ({ method, url, httpVersion: '1.1', rawHeaders: raw }) as unknown as IncomingMessage;

  it('says "rebuilt" when nothing was recorded, and rebuilds from Node’s parse', () => {
    const r = exactRequest(req('GET', '/echo', ['Host', 'a', 'Upgrade', 'websocket']), null);
    expect(r.source).toBe('rebuilt');
    expect(r.text).toBe('GET /echo HTTP/1.1\r\nHost: a\r\nUpgrade: websocket\r\n\r\n');
    expect(Buffer.from(r.bytes).toString('latin1')).toBe(r.text);
  });

  it('says "rebuilt" when the recorded bytes do not read as Node read them (e.g. TLS ciphertext)', () => {
    const r = exactRequest(req('GET', '/echo', ['Host', 'a']), new Uint8Array([0x16, 3, 1, 0, 0x2e, 0x0d]));
    expect(r.source).toBe('rebuilt');
    const other = new TextEncoder().encode('GET /echo HTTP/1.1\r\nHost: b\r\n\r\n');
    expect(exactRequest(req('GET', '/echo', ['Host', 'a']), other).source).toBe('rebuilt');
  });

  it('finds the head after an earlier request and keeps its bytes untouched', () => {
    const head = 'GET /echo HTTP/1.1\r\nHost:  a \r\n\r\n';
    const all = new TextEncoder().encode(`GET / HTTP/1.1\r\nHost: a\r\n\r\n${head}`);
    const r = exactRequest(req('GET', '/echo', ['Host', 'a']), all);
    expect(r.source).toBe('exact');
    expect(r.text).toBe(head);
  });
});

describe('the Vite-mounted server (server/vite-plugin.ts)', () => {
  it('also carries the exact request bytes, after a keep-alive request on the same socket', async () => {
    const http = createServer((_req, res) => res.writeHead(404).end());
    const plugin = framescopeServer();
    const configure = plugin.configureServer as (s: unknown) => void;
    configure({ httpServer: http, middlewares: { use: () => {} } });
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    const port = (http.address() as AddressInfo).port;
    const mounted = { ...server, port, url: (path: string) => `ws://127.0.0.1:${port}${path}` };
    try {
      const tap = await openTap(mounted);
      const c = await rawClient(port);
      const head = oddHead(tap.id);
      c.socket.write('GET /x HTTP/1.1\r\nHost: a\r\n\r\n');
      await new Promise((r) => setTimeout(r, 30));
      c.socket.write(head);
      const hs = await tap.waitFor((m) => m.type === 'handshake');
      if (hs.type !== 'handshake') throw new Error('no handshake');
      expect(hs.requestSource).toBe('exact');
      expect(bytes(hs.requestBytes)).toBe(head);
      c.socket.destroy();
      tap.ws.terminate();
    } finally {
      http.closeAllConnections();
      await new Promise((resolve) => http.close(resolve));
    }
  });
});
