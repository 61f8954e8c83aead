import http2 from 'node:http2';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createH2cEcho, type H2cEcho } from '../../../server/h2c';

// ws's Sender and Receiver are a second implementation of RFC 6455 framing; @types/ws does not declare them.
const require = createRequire(import.meta.url);
const { Receiver, Sender } = require('ws') as {
  Receiver: new (opts: { isServer: boolean }) => {
    write(chunk: Buffer): boolean;
    on(event: string, fn: (...args: never[]) => void): unknown;
  };
  Sender: {
    frame(
      data: Buffer,
      options: { fin: boolean; opcode: number; mask: boolean; readOnly: boolean },
    ): Buffer[];
  };
};

/** The echo endpoint over h2c (RFC 8441), driven by node:http2 as the client and ws's Sender/Receiver as framing. */

let echo: H2cEcho;
let base = '';
beforeAll(async () => {
  echo = createH2cEcho({ maxMessageSize: 1 << 20, closeTimeoutMs: 500 });
  await new Promise<void>((r) => echo.server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(echo.server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  echo.close();
  await new Promise((r) => echo.server.close(r));
});

const frame = (opcode: number, data: Buffer) =>
  Buffer.concat(Sender.frame(data, { fin: true, opcode, mask: true, readOnly: false }));

async function session(): Promise<http2.ClientHttp2Session> {
  const client = http2.connect(base);
  await new Promise<void>((resolve, reject) => {
    client.once('error', reject);
    client.once('remoteSettings', (s) =>
      s.enableConnectProtocol ? resolve() : reject(new Error('no setting')),
    );
  });
  return client;
}

/** Opens an extended CONNECT stream and reads the server's WebSocket frames with ws's Receiver. */
function openSocket(client: http2.ClientHttp2Session, path: string, extra: http2.OutgoingHttpHeaders = {}) {
  const stream = client.request({
    ':method': 'CONNECT',
    ':protocol': 'websocket',
    ':scheme': 'http',
    ':path': path,
    ':authority': new URL(base).host,
    'sec-websocket-version': '13',
    ...extra,
  });
  const receiver = new Receiver({ isServer: false });
  const events: string[] = [];
  const waiters: (() => void)[] = [];
  const push = (e: string) => {
    events.push(e);
    for (const w of waiters.splice(0)) w();
  };
  receiver.on('message', (data: Buffer, isBinary: boolean) =>
    push(isBinary ? `binary:${data.toString('hex')}` : `text:${data.toString()}`),
  );
  receiver.on('conclude', (code: number, reason: Buffer) => push(`close:${code}:${reason.toString()}`));
  stream.on('data', (chunk: Buffer) => receiver.write(chunk));
  const ended = new Promise<void>((r) => stream.on('end', r));
  const until = async (n: number) => {
    while (events.length < n) await new Promise<void>((r) => waiters.push(r));
    return events.slice(0, n);
  };
  const response = new Promise<http2.IncomingHttpHeaders>((r) => stream.once('response', r));
  return { stream, response, until, ended };
}

describe('h2c echo (RFC 8441)', () => {
  it('announces SETTINGS_ENABLE_CONNECT_PROTOCOL and echoes two WebSockets on one connection', async () => {
    const client = await session();
    const a = openSocket(client, '/echo', { 'sec-websocket-protocol': 'chat, superchat' });
    const b = openSocket(client, '/echo');
    const [ra, rb] = await Promise.all([a.response, b.response]);
    expect(ra[':status']).toBe(200);
    expect(ra['sec-websocket-protocol']).toBe('chat');
    expect(rb[':status']).toBe(200);
    expect(ra['sec-websocket-accept']).toBeUndefined();
    a.stream.write(frame(1, Buffer.from('hello on stream A')));
    b.stream.write(frame(2, Buffer.from([0, 1, 2, 254, 255])));
    a.stream.write(frame(1, Buffer.from('héllo ✓')));
    expect(await a.until(2)).toEqual(['text:hello on stream A', 'text:héllo ✓']);
    expect(await b.until(1)).toEqual(['binary:000102feff']);
    expect(a.stream.id).not.toBe(b.stream.id);

    // The closing handshake, then END_STREAM from the server (RFC 8441 §5: the stream's end is the TCP FIN).
    a.stream.write(frame(8, Buffer.concat([Buffer.from([0x03, 0xe8]), Buffer.from('bye')])));
    expect((await a.until(3))[2]).toBe('close:1000:bye');
    await a.ended;
    b.stream.write(frame(1, Buffer.from('B still open')));
    expect((await b.until(2))[1]).toBe('text:B still open');
    client.close();
  });

  it('refuses what is not a WebSocket to /echo with an HTTP status, never a 200', async () => {
    const client = await session();
    const status = async (headers: http2.OutgoingHttpHeaders) => {
      const s = client.request(headers);
      s.resume();
      const h = await new Promise<http2.IncomingHttpHeaders>((r) => s.once('response', r));
      return h[':status'];
    };
    const ws = {
      ':method': 'CONNECT',
      ':protocol': 'websocket',
      ':scheme': 'http',
      ':authority': new URL(base).host,
    };
    expect(await status({ ':path': '/echo' })).toBe(426);
    expect(await status({ ...ws, ':path': '/nowhere', 'sec-websocket-version': '13' })).toBe(404);
    expect(await status({ ...ws, ':path': '/echo', 'sec-websocket-version': '8' })).toBe(400);
    expect(
      await status({ ...ws, ':protocol': 'webtransport', ':path': '/echo', 'sec-websocket-version': '13' }),
    ).toBe(501);
    // RFC 6455 §10.2 over RFC 8441: a page from a foreign origin gets 403, a loopback page does not.
    const versioned = { ...ws, ':path': '/echo', 'sec-websocket-version': '13' };
    expect(await status({ ...versioned, origin: 'https://evil.example' })).toBe(403);
    expect(await status({ ...versioned, origin: 'http://localhost:5173' })).toBe(200);
    client.close();
  });

  it('fails a stream that breaks RFC 6455 with close code 1002, and the other stream lives on', async () => {
    const client = await session();
    const bad = openSocket(client, '/echo');
    const good = openSocket(client, '/echo');
    await Promise.all([bad.response, good.response]);
    // An unmasked client frame (RFC 6455 §5.1).
    bad.stream.write(
      Buffer.concat(Sender.frame(Buffer.from('x'), { fin: true, opcode: 1, mask: false, readOnly: false })),
    );
    expect((await bad.until(1))[0]).toMatch(/^close:1002:/);
    good.stream.write(frame(1, Buffer.from('still here')));
    expect(await good.until(1)).toEqual(['text:still here']);
    client.close();
  });
});
