/**
 * `npm run echo -- --host 127.0.0.1 --port 9001 [--max-message-size 67108864] [--header-timeout-ms 10000]
 * [--allow-origin https://example.org]`: Framescope's echo and tap server on its own. Loopback by default;
 * `--port 0` picks a free port. A request header must arrive within the timeout (else 408) and fit in 16 KiB
 * (else 431). Pages from other origins than loopback (and the server's own address) need `--allow-origin`
 * (repeatable, comma-separated, `*` for any) or `FRAMESCOPE_ALLOW_ORIGINS`; others get 403.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createFramescopeServer, DEFAULT_MAX_MESSAGE_SIZE } from './framescope-server.ts';
import { createH2cEcho } from './h2c.ts';
import { recordRequestHeads, takeRecordedHead } from './head-recorder.ts';
import { answerClientErrors, DEFAULT_HEADER_TIMEOUT_MS, httpLimits } from './http-limits.ts';
import { ALLOW_ORIGINS_ENV, parseOriginList } from './origin.ts';

function option(args: string[], name: string, fallback: string): string {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1]! : fallback;
}

const args = process.argv.slice(2);
const host = option(args, 'host', '127.0.0.1');
const port = Number(option(args, 'port', '9001'));
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`--port ${option(args, 'port', '')}: not a port number`);
  process.exit(2);
}
const maxText = option(args, 'max-message-size', String(DEFAULT_MAX_MESSAGE_SIZE));
const maxMessageSize = Number(maxText);
if (!/^\d+$/.test(maxText) || !Number.isSafeInteger(maxMessageSize)) {
  console.error(`--max-message-size ${maxText}: not a number of bytes`);
  process.exit(2);
}

const headerTimeoutText = option(args, 'header-timeout-ms', String(DEFAULT_HEADER_TIMEOUT_MS));
const headerTimeoutMs = Number(headerTimeoutText);
if (!/^\d+$/.test(headerTimeoutText) || headerTimeoutMs < 1) {
  console.error(`--header-timeout-ms ${headerTimeoutText}: not a number of milliseconds`);
  process.exit(2);
}

const allowOrigins = [
  ...parseOriginList(process.env[ALLOW_ORIGINS_ENV]),
  ...args.flatMap((a, i) => (args[i - 1] === '--allow-origin' ? parseOriginList(a) : [])),
];

const endpoints = createFramescopeServer({ maxMessageSize, allowOrigins });
const http = createServer(httpLimits(headerTimeoutMs), (req, res) => {
  if (endpoints.handleRequest(req, res)) return;
  res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
  res.end('Framescope echo server: WebSocket endpoints at /echo and /tap?id=…\n');
});
recordRequestHeads(http);
http.on('upgrade', (req, socket, head) =>
  endpoints.handleUpgrade(req, socket, head, takeRecordedHead(socket, head)),
);
answerClientErrors(http);
http.on('error', (err) => {
  console.error(`cannot listen on ${host}:${port}: ${err.message}`);
  process.exit(1);
});
http.listen(port, host, () => {
  const { port: actual } = http.address() as AddressInfo;
  const base = `ws://${host.includes(':') ? `[${host}]` : host}:${actual}`;
  console.log(`Framescope echo server listening
  ${base}/echo            echoes every message (permessage-deflate and subprotocols when offered)
  ${base}/tap             the tap: its hello names a fresh id; JSON messages with the exact bytes (src/lib/tap-protocol.ts)
  ${base}/echo?tap=ID     the echo, streaming its handshake and frames to the tap that holds ID
  scripted: ?ping=5s  ?fragment=3  ?close=4000  ?bad=rsv1|rsv2|opcode|mask|utf8|control|continuation  ?slow=1s  ?deflate=0  ?max=1024
  max message size ${maxMessageSize} bytes (${mib(maxMessageSize)}); bigger fails with 1009 (--max-message-size N)
  request headers: at most 16 KiB (else 431), within ${headerTimeoutMs} ms (else 408; --header-timeout-ms N)
  pages allowed: loopback, its own IP address${allowOrigins.length ? `, ${allowOrigins.join(', ')}` : ''}; others get 403 (--allow-origin URL, ${ALLOW_ORIGINS_ENV})`);
});

// `--h2c-port N`: the echo over cleartext HTTP/2 as well (RFC 8441), on its own port; browsers speak it only over TLS.
const h2cText = option(args, 'h2c-port', '');
const h2c = h2cText === '' ? null : createH2cEcho({ maxMessageSize, allowOrigins });
if (h2c) {
  const h2cPort = Number(h2cText);
  if (!Number.isInteger(h2cPort) || h2cPort < 0 || h2cPort > 65535) {
    console.error(`--h2c-port ${h2cText}: not a port number`);
    process.exit(2);
  }
  h2c.server.on('error', (err) => {
    console.error(`cannot listen on ${host}:${h2cPort} for h2c: ${err.message}`);
    process.exit(1);
  });
  h2c.server.listen(h2cPort, host, () => {
    const { port: actual } = h2c.server.address() as AddressInfo;
    console.log(
      `  h2c://${host.includes(':') ? `[${host}]` : host}:${actual}/echo  the echo over cleartext HTTP/2 (extended CONNECT, RFC 8441)`,
    );
  });
}

function mib(bytes: number): string {
  return `${Number((bytes / 1024 / 1024).toFixed(2))} MiB`;
}

function shutdown(): void {
  endpoints.close();
  http.close();
  h2c?.close();
  h2c?.server.close();
  setTimeout(() => process.exit(0), 500).unref();
}
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
