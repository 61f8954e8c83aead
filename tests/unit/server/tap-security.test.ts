/**
 * The tap as a security boundary, against real `ws` clients: ids only the server chooses, one tap per id,
 * credentials redacted unless the page asks, and the Origin check of RFC 6455 §10.2.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { TapMessage } from '../../../src/lib/tap-protocol';
import { openTap, startServer, type Running } from './helpers';

let server: Running;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.stop());

/** Opens a `ws` client; resolves with it once open, or rejects with the handshake's error (`Unexpected server response: 403`). */
function open(
  path: string,
  options: WebSocket.ClientOptions = {},
  protocols: string[] = [],
): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(server.url(path), protocols, { perMessageDeflate: false, ...options });
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

/** The status line and body of a refused handshake, as `ws` reports them. */
function refusal(
  path: string,
  options: WebSocket.ClientOptions = {},
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(server.url(path), { perMessageDeflate: false, ...options });
    ws.once('open', () => reject(new Error(`${path} opened`)));
    ws.once('unexpected-response', (_req, res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    ws.once('error', () => {});
  });
}

/** Opens a tap and collects its messages until it closes; resolves with them and the close code and reason. */
function tapUntilClosed(path: string): Promise<{ messages: TapMessage[]; code: number; reason: string }> {
  const ws = new WebSocket(server.url(path));
  const messages: TapMessage[] = [];
  ws.on('message', (d) => messages.push(JSON.parse(d.toString()) as TapMessage));
  return new Promise((resolve) =>
    ws.once('close', (code, reason) => resolve({ messages, code, reason: reason.toString() })),
  );
}

describe('tap ids are the server’s', () => {
  it('a tap opened without an id gets 128 random bits in its hello, different each time', async () => {
    const a = await openTap(server);
    const b = await openTap(server);
    for (const { id } of [a, b]) {
      expect(id).toMatch(/^[A-Za-z0-9_-]{22}$/);
      expect(Buffer.from(id, 'base64url')).toHaveLength(16);
    }
    expect(a.id).not.toBe(b.id);
    a.ws.close();
    b.ws.close();
  });

  it('refuses /echo?tap= with an id it did not issue (a guessing client gets 400, nothing is tapped)', async () => {
    const r = await refusal('/echo?tap=7');
    expect(r.status).toBe(400);
    expect(r.body).toContain('tap=7: not an id this server issued');
  });

  it('refuses a tap on an id it did not issue, with 4404 and the reason', async () => {
    const { messages, code, reason } = await tapUntilClosed('/tap?id=AAAAAAAAAAAAAAAAAAAAAA');
    expect(code).toBe(4404);
    expect(reason).toContain('unknown tap id');
    expect(messages.map((m) => m.type)).toEqual(['refused']);
  });

  it('refuses a second tap on a watched id with 4409; the first keeps its traffic', async () => {
    const first = await openTap(server);
    const refused = await tapUntilClosed(`/tap?id=${first.id}`);
    expect(refused.code).toBe(4409);
    expect(refused.reason).toBe('another tap already watches this id');
    expect(refused.messages).toEqual([expect.objectContaining({ type: 'refused', code: 4409 })]);

    const live = await open(`/echo?tap=${first.id}`);
    live.send('still mine');
    await first.waitFor((m) => m.type === 'frame' && m.from === 'server');
    live.close();
    first.ws.close();
  });
});

const JWT =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIn0.' +
  'SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c';

describe('the tap redacts credentials unless the page asks', () => {
  it('hides Cookie, Authorization and a JWT subprotocol, lists them, and reveals them on request', async () => {
    const tap = await openTap(server);
    const live = await open(
      `/echo?tap=${tap.id}`,
      { headers: { Cookie: 'sid=s3cr3t-cookie', Authorization: 'Bearer abc.def.ghi' } },
      ['graphql-transport-ws', JWT],
    );
    const hs = await tap.waitFor((m) => m.type === 'handshake');
    if (hs.type !== 'handshake') throw new Error('no handshake');
    expect(hs.request).toContain('Cookie: [redacted: 17 bytes]\r\n');
    expect(hs.request).toContain('Authorization: [redacted: 18 bytes]\r\n');
    expect(hs.request).toContain(
      `Sec-WebSocket-Protocol: graphql-transport-ws,[redacted: ${JWT.length} bytes]\r\n`,
    );
    expect(Buffer.from(hs.requestBytes!, 'base64').toString('latin1')).toBe(hs.request);
    expect(hs.redacted?.map((r) => `${r.header}/${r.part}/${r.rule}`)).toEqual([
      'Cookie/value/always a credential',
      'Authorization/value/always a credential',
      'Sec-WebSocket-Protocol/token/looks like a JWT',
    ]);
    // The names of protocols stay; no secret appears in anything the tap sent.
    expect(hs.protocol).toBe('graphql-transport-ws');
    const everything = JSON.stringify(tap.messages);
    for (const secret of ['s3cr3t', 'abc.def.ghi', JWT]) expect(everything).not.toContain(secret);

    tap.ws.send(JSON.stringify({ type: 'reveal' }));
    const shown = await tap.waitFor((m) => m.type === 'handshake' && m.revealed === true);
    if (shown.type !== 'handshake') throw new Error('no revealed handshake');
    expect(shown.request).toContain('Cookie: sid=s3cr3t-cookie\r\n');
    expect(shown.request).toContain(JWT);
    expect(shown.redacted).toBeUndefined();
    live.close();
    tap.ws.close();
  });

  it('hides a credential the server echoed back as the chosen subprotocol, in the response and the protocol', async () => {
    const tap = await openTap(server);
    const live = await open(`/echo?tap=${tap.id}`, {}, [JWT]);
    expect(live.protocol).toBe(JWT);
    const hs = await tap.waitFor((m) => m.type === 'handshake');
    if (hs.type !== 'handshake') throw new Error('no handshake');
    expect(hs.response).toContain(`Sec-WebSocket-Protocol: [redacted: ${JWT.length} bytes]\r\n`);
    expect(hs.protocol).toBe(`[redacted: ${JWT.length} bytes]`);
    expect(JSON.stringify(tap.messages)).not.toContain(JWT);
    live.close();
    tap.ws.close();
  });

  it('leaves a handshake without credentials as it was, with no redaction list', async () => {
    const tap = await openTap(server);
    const live = await open(`/echo?tap=${tap.id}`, {}, ['mqtt']);
    const hs = await tap.waitFor((m) => m.type === 'handshake');
    if (hs.type !== 'handshake') throw new Error('no handshake');
    expect(hs.redacted).toBeUndefined();
    expect(hs.request).toContain('Sec-WebSocket-Protocol: mqtt\r\n');
    live.close();
    tap.ws.close();
  });
});

describe('the Origin check (RFC 6455 §10.2)', () => {
  it('answers 403 with the reason to a page from a foreign origin, on /echo and /tap', async () => {
    for (const path of ['/echo', '/tap']) {
      const r = await refusal(path, { origin: 'https://evil.example' });
      expect(r.status).toBe(403);
      expect(r.body).toContain('Origin https://evil.example is not allowed');
      expect(r.body).toContain('--allow-origin');
    }
    expect((await refusal('/echo', { origin: 'null' })).status).toBe(403);
  });

  it('accepts loopback pages and clients that send no Origin (non-browser clients, RFC 6455 §4.1)', async () => {
    for (const origin of [
      'http://localhost:5173',
      'http://127.0.0.1:4173',
      'https://[::1]:8443',
      undefined,
    ]) {
      const ws = await open('/echo', origin === undefined ? {} : { origin });
      ws.close();
    }
  });

  it('accepts an origin it was told about, and any with *', async () => {
    const told = await startServer({ allowOrigins: ['https://framescope.example'] });
    const any = await startServer({ allowOrigins: ['*'] });
    try {
      const ok = new WebSocket(told.url('/echo'), { origin: 'https://framescope.example' });
      await new Promise((resolve, reject) => (ok.once('open', resolve), ok.once('error', reject)));
      ok.close();
      const other = new WebSocket(any.url('/echo'), { origin: 'https://anything.example' });
      await new Promise((resolve, reject) => (other.once('open', resolve), other.once('error', reject)));
      other.close();
      const refused = new WebSocket(told.url('/echo'), { origin: 'https://other.example' });
      await expect(
        new Promise((resolve, reject) => (refused.once('open', resolve), refused.once('error', reject))),
      ).rejects.toThrow(/403/);
    } finally {
      await told.stop();
      await any.stop();
    }
  });
});
