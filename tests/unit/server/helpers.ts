import { createServer, type Server } from 'node:http';
import { connect, type Socket } from 'node:net';
import WebSocket from 'ws';
import type { TapMessage } from '../../../src/lib/tap-protocol';
import type { AddressInfo } from 'node:net';
import {
  createFramescopeServer,
  type FramescopeServer,
  type FramescopeServerOptions,
} from '../../../server/framescope-server';
import { recordRequestHeads, takeRecordedHead } from '../../../server/head-recorder';

export interface Running {
  port: number;
  url: (path: string) => string;
  endpoints: FramescopeServer;
  stop: () => Promise<void>;
}

/** Our server on an ephemeral loopback port, as `npm run echo` mounts it. */
export async function startServer(options: FramescopeServerOptions = {}): Promise<Running> {
  const endpoints = createFramescopeServer(options);
  const http: Server = createServer((req, res) => {
    if (!endpoints.handleRequest(req, res)) res.writeHead(404).end();
  });
  recordRequestHeads(http);
  http.on('upgrade', (req, socket, head) =>
    endpoints.handleUpgrade(req, socket, head, takeRecordedHead(socket, head)),
  );
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const port = (http.address() as AddressInfo).port;
  return {
    port,
    url: (path) => `ws://127.0.0.1:${port}${path}`,
    endpoints,
    stop: async () => {
      endpoints.close();
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}

/** A raw TCP client: write any bytes, collect everything the server sends until it closes. */
export function rawClient(
  port: number,
): Promise<{ socket: Socket; received: () => Buffer; closed: Promise<Buffer> }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.on('data', (c) => chunks.push(c));
    const closed = new Promise<Buffer>((res) => socket.on('close', () => res(Buffer.concat(chunks))));
    socket.on('error', () => {});
    socket.once('connect', () => resolve({ socket, received: () => Buffer.concat(chunks), closed }));
    socket.once('error', reject);
  });
}

export const UPGRADE = (path: string, extra = '') =>
  `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
  `Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n${extra}\r\n`;

/** A masked client frame, built by hand (independently of the codec) for raw-socket tests. */
export function clientFrame(opcode: number, payload: Uint8Array, { fin = true, mask = true } = {}): Buffer {
  const key = Buffer.from([0x37, 0xfa, 0x21, 0x3d]);
  const len = payload.length;
  const head = len < 126 ? Buffer.from([0, len]) : Buffer.from([0, 126, len >> 8, len & 0xff]);
  head[0] = (fin ? 0x80 : 0) | opcode;
  if (mask) head[1]! |= 0x80;
  const body = Buffer.from(payload.map((b, i) => (mask ? b ^ key[i % 4]! : b)));
  return Buffer.concat(mask ? [head, key, body] : [head, body]);
}

export interface TapClient {
  ws: WebSocket;
  /** The id the server gave this tap (its `hello`). */
  id: string;
  messages: TapMessage[];
  waitFor: (p: (m: TapMessage) => boolean) => Promise<TapMessage>;
}

/**
 * A `ws` client on `/tap` (or `/tap?id=…` to attach to an id the server issued), collecting the JSON messages;
 * resolves once the server's `hello` names the id.
 */
export function openTap(server: Running, id: string | null = null): Promise<TapClient> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(server.url(id === null ? '/tap' : `/tap?id=${id}`));
    const messages: TapMessage[] = [];
    const waiters: { p: (m: TapMessage) => boolean; resolve: (m: TapMessage) => void }[] = [];
    ws.on('message', (data) => {
      const m = JSON.parse(data.toString()) as TapMessage;
      messages.push(m);
      for (const w of waiters.filter((w) => w.p(m))) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(m);
      }
    });
    const waitFor = (p: (m: TapMessage) => boolean) =>
      new Promise<TapMessage>((res) => {
        const found = messages.find(p);
        if (found) res(found);
        else waiters.push({ p, resolve: res });
      });
    ws.once('open', () =>
      waitFor((m) => m.type === 'hello' || m.type === 'refused').then((m) =>
        m.type === 'hello'
          ? resolve({ ws, id: m.id, messages, waitFor })
          : reject(new Error(m.type === 'refused' ? `refused ${m.code}: ${m.reason}` : 'no hello')),
      ),
    );
    ws.once('error', reject);
  });
}
