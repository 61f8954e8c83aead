/**
 * The handshake module against real peers: text captured from Chromium, `ws` and python3-websockets
 * (tests/fixtures/handshake/capture.ts), and a live `ws` client and server on loopback.
 */
import { readFileSync } from 'node:fs';
import { createServer, connect, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket, { WebSocketServer } from 'ws';
import { answerRequest } from '../../../src/codec/handshake';
import { computeAccept } from '../../../src/codec/handshake-accept';
import { buildRequest } from '../../../src/codec/handshake-build';
import { headerValues, parseRequest, parseResponse } from '../../../src/codec/handshake-http';
import { validateRequest } from '../../../src/codec/handshake-request';
import { validateResponse } from '../../../src/codec/handshake-response';

const fixtures = join(__dirname, '../../fixtures/handshake');
const read = (name: string) => readFileSync(join(fixtures, name), 'latin1');

describe.each(['chromium', 'ws-client', 'python-websockets'])('captured %s handshake', (name) => {
  const requestText = read(`${name}.request.txt`);
  const responseText = read(`${name}.response.txt`);

  it('is real CRLF text', () => {
    expect(requestText.endsWith('\r\n\r\n')).toBe(true);
    expect(responseText.startsWith('HTTP/1.1 101 Switching Protocols\r\n')).toBe(true);
  });

  it('passes every request and response check', async () => {
    const request = validateRequest(parseRequest(requestText));
    // Only browsers must send Origin (§4.1 (8)); for ws and python its absence is a warning, nothing more.
    const notPassed = request.checks.filter((c) => c.status !== 'pass').map((c) => `${c.id} ${c.status}`);
    expect(notPassed).toEqual(name === 'chromium' ? [] : ['origin warn']);
    expect(request.ok).toBe(true);
    const response = await validateResponse(parseResponse(responseText), {
      key: request.offer.key,
      offeredProtocols: request.offer.protocols,
      offeredExtensions: request.offer.extensions,
    });
    expect(response.checks.filter((c) => c.status !== 'pass')).toEqual([]);
    expect(response.agreed.protocol).toBe('chat');
    expect(response.agreed.permessageDeflate).not.toBeNull();
  });

  it('has the accept value we compute, with both SHA-1 implementations', async () => {
    const key = headerValues(parseRequest(requestText), 'sec-websocket-key')[0] ?? '';
    const accept = headerValues(parseResponse(responseText), 'sec-websocket-accept')[0];
    expect(await computeAccept(key)).toBe(accept);
    expect(await computeAccept(key, { prefer: 'noble-hashes' })).toBe(accept);
  });

  it('gets from our simulated server the same answer as from ws', async () => {
    const answer = await answerRequest(parseRequest(requestText), {
      protocols: ['chat'],
      permessageDeflate: {},
    });
    expect(answer.text).toBe(responseText);
  });
});

/** Raw bytes of each direction through a loopback relay, up to the end of the headers. */
function headerText(bytes: Buffer): string | null {
  const text = bytes.toString('latin1');
  const end = text.indexOf('\r\n\r\n');
  return end === -1 ? null : text.slice(0, end + 4);
}

describe('live ws peers', () => {
  let wss: WebSocketServer;
  let wsPort = 0;

  beforeAll(async () => {
    wss = new WebSocketServer({
      host: '127.0.0.1',
      port: 0,
      handleProtocols: (p) => (p.has('chat') ? 'chat' : false),
    });
    await new Promise((resolve) => wss.once('listening', resolve));
    wsPort = (wss.address() as AddressInfo).port;
  });
  afterAll(() => new Promise((resolve) => wss.close(resolve)));

  it('ws client keys and ws server accepts agree with ours', async () => {
    for (let i = 0; i < 5; i++) {
      const seen = await new Promise<{ request: string; response: string }>((resolve, reject) => {
        let up = Buffer.alloc(0);
        let down = Buffer.alloc(0);
        const relay = createServer((client) => {
          const upstream = connect(wsPort, '127.0.0.1');
          const done = () => {
            const request = headerText(up);
            const response = headerText(down);
            if (request && response) {
              relay.close();
              resolve({ request, response });
            }
          };
          client.on('data', (c: Buffer) => ((up = Buffer.concat([up, c])), upstream.write(c), done()));
          upstream.on('data', (c: Buffer) => ((down = Buffer.concat([down, c])), client.write(c), done()));
          client.on('close', () => upstream.destroy());
          upstream.on('close', () => client.destroy());
        });
        relay.listen(0, '127.0.0.1', () => {
          const ws = new WebSocket(`ws://127.0.0.1:${(relay.address() as AddressInfo).port}/`, ['chat']);
          ws.on('open', () => ws.close());
          ws.on('error', reject);
        });
      });
      const request = validateRequest(parseRequest(seen.request));
      expect(request.ok).toBe(true);
      expect(await computeAccept(request.offer.key ?? '')).toBe(
        headerValues(parseResponse(seen.response), 'sec-websocket-accept')[0],
      );
      const response = await validateResponse(parseResponse(seen.response), {
        key: request.offer.key,
        offeredProtocols: request.offer.protocols,
        offeredExtensions: request.offer.extensions,
      });
      expect(response.checks.filter((c) => c.status !== 'pass')).toEqual([]);
    }
  });

  it('the ws client accepts the 101 our simulated server writes, and refuses a wrong accept', async () => {
    const key = 'dGhlIHNhbXBsZSBub25jZQ==';
    const server = createServer((socket) => {
      let buf = Buffer.alloc(0);
      socket.on('data', async (c: Buffer) => {
        buf = Buffer.concat([buf, c]);
        const text = headerText(buf);
        if (!text) return;
        const answer = await answerRequest(parseRequest(text), { protocols: ['chat'] });
        const wrong = parseRequest(text).target === '/wrong';
        socket.write(
          wrong
            ? answer.text.replace(/Accept: .*\r\n/, 'Accept: AAAAAAAAAAAAAAAAAAAAAAAAAAA=\r\n')
            : answer.text,
        );
      });
      socket.on('error', () => {});
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    const open = (path: string) =>
      new Promise<string>((resolve) => {
        const ws = new WebSocket(`ws://127.0.0.1:${port}${path}`, ['chat']);
        ws.on('open', () => {
          resolve(`open ${ws.protocol}`);
          ws.terminate();
        });
        ws.on('error', (err) => resolve(`error ${err.message}`));
      });
    expect(await open('/')).toBe('open chat');
    expect(await open('/wrong')).toBe('error Invalid Sec-WebSocket-Accept header');
    server.close();
    expect(buildRequest({ host: 'a', key })).toContain(key);
  });
});
