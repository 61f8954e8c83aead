import { createServer, type Server } from 'node:http';
import { connect, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import {
  createFramescopeServer,
  type FramescopeServer,
  type FramescopeServerOptions,
} from '../../../server/framescope-server';

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
  http.on('upgrade', (req, socket, head) => endpoints.handleUpgrade(req, socket, head));
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
