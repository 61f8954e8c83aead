import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startServer, type Running } from './helpers';

let server: Running;
beforeAll(async () => {
  server = await startServer({ closeTimeoutMs: 500 });
});
afterAll(() => server.stop());

function open(path: string, protocols?: string[], options: WebSocket.ClientOptions = {}): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(server.url(path), protocols, { perMessageDeflate: false, ...options });
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

function nextMessage(ws: WebSocket): Promise<{ data: Buffer; isBinary: boolean }> {
  return new Promise((resolve) =>
    ws.once('message', (data: Buffer, isBinary) => resolve({ data, isBinary })),
  );
}

function closed(ws: WebSocket): Promise<{ code: number; reason: string }> {
  return new Promise((resolve) =>
    ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  );
}

describe('/echo with the ws client', () => {
  it('echoes text as text and binary as binary', async () => {
    const ws = await open('/echo');
    const first = nextMessage(ws);
    ws.send('héllo wörld');
    expect(await first).toEqual({ data: Buffer.from('héllo wörld'), isBinary: false });
    const second = nextMessage(ws);
    ws.send(Buffer.from([0, 1, 2, 255]));
    expect(await second).toEqual({ data: Buffer.from([0, 1, 2, 255]), isBinary: true });
    ws.close(1000);
    expect((await closed(ws)).code).toBe(1000);
  });

  it('echoes a 70,000-byte message (64-bit length form)', async () => {
    const ws = await open('/echo');
    const big = Buffer.alloc(70_000, 'abc');
    const reply = nextMessage(ws);
    ws.send(big);
    expect((await reply).data.equals(big)).toBe(true);
    ws.terminate();
  });

  it('picks the first subprotocol the client offers, and none when none is offered', async () => {
    const ws = await open('/echo', ['chat.v2', 'chat.v1']);
    expect(ws.protocol).toBe('chat.v2');
    ws.terminate();
    const plain = await open('/echo');
    expect(plain.protocol).toBe('');
    plain.terminate();
  });

  it('answers a ping with a pong carrying the same data', async () => {
    const ws = await open('/echo');
    const pong = new Promise<Buffer>((resolve) => ws.once('pong', resolve));
    ws.ping('are you there');
    expect((await pong).toString()).toBe('are you there');
    ws.terminate();
  });

  it('reassembles a fragmented message from the client', async () => {
    const ws = await open('/echo');
    const reply = nextMessage(ws);
    ws.send('one ', { fin: false });
    ws.send('two ', { fin: false });
    ws.send('three', { fin: true });
    expect((await reply).data.toString()).toBe('one two three');
    ws.terminate();
  });

  it('?fragment=3 still delivers one whole message', async () => {
    const ws = await open('/echo?fragment=3');
    const reply = nextMessage(ws);
    ws.send('fragmented reply');
    expect((await reply).data.toString()).toBe('fragmented reply');
    ws.terminate();
  });

  it('answers the client’s close with the same code', async () => {
    const ws = await open('/echo');
    const done = closed(ws);
    ws.close(4321, 'bye');
    expect((await done).code).toBe(4321);
  });

  it('?close=4000 closes after the first echo, with the reason', async () => {
    const ws = await open('/echo?close=4000&reason=scripted');
    const done = closed(ws);
    const reply = nextMessage(ws);
    ws.send('x');
    expect((await reply).data.toString()).toBe('x');
    expect(await done).toEqual({ code: 4000, reason: 'scripted' });
  });

  it('?ping=100ms pings the client', async () => {
    const ws = await open('/echo?ping=100ms');
    const ping = await new Promise<Buffer>((resolve) => ws.once('ping', resolve));
    expect(ping.toString()).toBe('ping 1');
    ws.terminate();
  });

  it('?slow=200ms delays the echo', async () => {
    const ws = await open('/echo?slow=200ms');
    const start = Date.now();
    const reply = nextMessage(ws);
    ws.send('later');
    await reply;
    expect(Date.now() - start).toBeGreaterThanOrEqual(180);
    ws.terminate();
  });

  it('?bad=rsv1 makes the ws client fail the connection', async () => {
    const ws = await open('/echo?bad=rsv1');
    const error = new Promise<Error>((resolve) => ws.once('error', resolve));
    const done = closed(ws);
    ws.send('trigger');
    expect((await error).message).toMatch(/RSV1/);
    expect((await done).code).toBe(1006);
  });

  it('fails a message over maxMessageSize with 1009', async () => {
    const ws = await open('/echo?max=16');
    const done = closed(ws);
    ws.send('x'.repeat(17));
    expect((await done).code).toBe(1009);
  });

  it('rejects a bad script with an HTTP 400', async () => {
    await expect(open('/echo?close=1005')).rejects.toThrow(/400/);
    await expect(open('/echo?bad=nope')).rejects.toThrow(/400/);
  });

  it('rejects an unknown path with 404', async () => {
    await expect(open('/nowhere')).rejects.toThrow(/404/);
  });
});

describe('/echo with permessage-deflate (RFC 7692)', () => {
  it('negotiates it with the ws client and echoes compressed messages with context takeover', async () => {
    const ws = await open('/echo', undefined, { perMessageDeflate: { threshold: 0 } });
    expect(ws.extensions).toContain('permessage-deflate');
    for (const text of ['Hello', 'Hello', 'x'.repeat(10_000), '']) {
      const reply = nextMessage(ws);
      ws.send(text);
      expect((await reply).data.toString()).toBe(text);
    }
    const reply = nextMessage(ws);
    ws.send(Buffer.from([9, 8, 7]));
    expect((await reply).data).toEqual(Buffer.from([9, 8, 7]));
    ws.close(1000);
    expect((await closed(ws)).code).toBe(1000);
  });

  it('honours client_no_context_takeover and small windows', async () => {
    const ws = new WebSocket(server.url('/echo'), {
      perMessageDeflate: {
        threshold: 0,
        clientNoContextTakeover: true,
        serverNoContextTakeover: true,
        serverMaxWindowBits: 9,
      },
    });
    let response = '';
    ws.once('upgrade', (res) => (response = String(res.headers['sec-websocket-extensions'])));
    await new Promise((r) => ws.once('open', r));
    expect(response).toBe(
      'permessage-deflate; server_no_context_takeover; client_no_context_takeover; server_max_window_bits=9',
    );
    for (const text of ['abcabcabc', 'abcabcabc', 'z'.repeat(3000)]) {
      const reply = nextMessage(ws);
      ws.send(text);
      expect((await reply).data.toString()).toBe(text);
    }
    ws.terminate();
  });

  it('declines it with ?deflate=0', async () => {
    const ws = await open('/echo?deflate=0', undefined, { perMessageDeflate: true });
    expect(ws.extensions).toBe('');
    ws.terminate();
  });

  it('fails a compressed message that inflates past maxMessageSize with 1009', async () => {
    const ws = await open('/echo?max=1000', undefined, { perMessageDeflate: { threshold: 0 } });
    const done = closed(ws);
    ws.send('a'.repeat(100_000));
    expect((await done).code).toBe(1009);
  });
});

describe('?bad= makes the ws client fail the connection', () => {
  it.each([
    ['rsv1', /RSV1/],
    ['rsv2', /RSV2 and RSV3/],
    ['opcode', /opcode 3/],
    ['mask', /MASK must be clear/],
    ['utf8', /UTF-8/],
    ['control', /payload length/],
    ['continuation', /opcode 0/],
  ])('?bad=%s', async (kind, message) => {
    const ws = await open(`/echo?bad=${kind}`);
    const error = new Promise<Error>((resolve) => ws.once('error', resolve));
    const done = closed(ws);
    ws.send('trigger');
    expect((await error).message).toMatch(message);
    expect((await done).code).toBe(1006);
  });
});
