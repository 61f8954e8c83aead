/**
 * Echo round trips per second: Framescope's server (`server/`, on src/codec) side by side with a `ws` echo server,
 * both in this process on loopback, driven by the same lean raw-TCP clients (pre-masked frames, byte counting), so
 * the clients cost both servers the same and the ratio shows the servers.
 */
import { createServer, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { WebSocketServer } from 'ws';
import { createFramescopeServer } from '../server/framescope-server.ts';
import { mbps, ROUNDS } from './harness';
import type { Row } from './types';

const QUICK = process.env.BENCH_QUICK === '1';
const CLIENTS = 16;
const TRIPS_PER_CLIENT = QUICK ? 200 : 4000;
const KEY = 'dGhlIHNhbXBsZSBub25jZQ==';

interface Target {
  port: number;
  stop: () => Promise<void>;
}

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

async function framescopeTarget(): Promise<Target> {
  const endpoints = createFramescopeServer();
  const http = createServer((_req, res) => res.writeHead(404).end());
  http.on('upgrade', (req, socket, head) => endpoints.handleUpgrade(req, socket, head));
  const port = await listen(http);
  return {
    port,
    stop: () => new Promise((r) => (endpoints.close(), http.closeAllConnections(), http.close(() => r()))),
  };
}

async function wsTarget(): Promise<Target> {
  const http = createServer((_req, res) => res.writeHead(404).end());
  const wss = new WebSocketServer({ server: http, perMessageDeflate: false });
  wss.on('connection', (ws) => ws.on('message', (data, isBinary) => ws.send(data, { binary: isBinary })));
  const port = await listen(http);
  return {
    port,
    stop: () => new Promise((r) => (wss.close(), http.closeAllConnections(), http.close(() => r()))),
  };
}

/** A masked client text frame of `size` bytes (size < 126), and the length of the unmasked echo. */
function frameOf(size: number): { frame: Buffer; echoLength: number } {
  const key = [0x11, 0x22, 0x33, 0x44];
  const payload = Buffer.alloc(size, 'x');
  const frame = Buffer.concat([
    Buffer.from([0x81, 0x80 | size, ...key]),
    Buffer.from(payload.map((b, i) => b ^ key[i % 4]!)),
  ]);
  return { frame, echoLength: 2 + size };
}

/** Runs `CLIENTS` clients, each doing `TRIPS_PER_CLIENT` sequential round trips; returns seconds. */
async function roundTrips(port: number, size: number): Promise<number> {
  const { frame, echoLength } = frameOf(size);
  const clients = await Promise.all(
    Array.from(
      { length: CLIENTS },
      () =>
        new Promise<import('node:net').Socket>((resolve) => {
          const s = connect(port, '127.0.0.1');
          s.setNoDelay(true);
          s.write(
            `GET /echo HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
              `Sec-WebSocket-Key: ${KEY}\r\nSec-WebSocket-Version: 13\r\n\r\n`,
          );
          let head = '';
          const onHead = (chunk: Buffer) => {
            head += chunk.toString('latin1');
            if (head.includes('\r\n\r\n')) {
              s.off('data', onHead);
              resolve(s);
            }
          };
          s.on('data', onHead);
        }),
    ),
  );
  const t0 = performance.now();
  await Promise.all(
    clients.map(
      (s) =>
        new Promise<void>((resolve) => {
          let pending = echoLength;
          let left = TRIPS_PER_CLIENT;
          s.on('data', (chunk: Buffer) => {
            pending -= chunk.length;
            while (pending <= 0) {
              left -= 1;
              if (left === 0) return resolve();
              pending += echoLength;
              s.write(frame);
            }
          });
          s.write(frame);
        }),
    ),
  );
  const seconds = (performance.now() - t0) / 1000;
  for (const s of clients) s.destroy();
  return seconds;
}

export async function run(): Promise<Row[]> {
  const rows: Row[] = [];
  const targets = { framescope: await framescopeTarget(), ws: await wsTarget() };
  try {
    for (const size of [16, 125]) {
      const best = { framescope: Infinity, ws: Infinity };
      for (let r = 0; r < ROUNDS; r++) {
        for (const impl of ['framescope', 'ws'] as const) {
          best[impl] = Math.min(best[impl], await roundTrips(targets[impl].port, size));
        }
      }
      const trips = CLIENTS * TRIPS_PER_CLIENT;
      const bytes = trips * (size * 2 + 8);
      const perSecond = (impl: 'framescope' | 'ws') => trips / best[impl];
      for (const impl of ['framescope', 'ws'] as const) {
        rows.push({
          workload: `echo round trips, ${CLIENTS} clients × ${TRIPS_PER_CLIENT}, ${size} B text`,
          impl: impl === 'framescope' ? 'framescope server' : 'ws server',
          mbps: mbps(bytes, best[impl]),
          vsWs: perSecond(impl) / perSecond('ws'),
          ofCeiling: null,
          check: `${Math.round(perSecond(impl)).toLocaleString('en')} round trips/s, every echo counted`,
          target: null,
          met: null,
        });
      }
    }
  } finally {
    await targets.framescope.stop();
    await targets.ws.stop();
  }
  return rows;
}
