/**
 * The echo endpoint over cleartext HTTP/2 (RFC 8441): a `node:http2` server that announces
 * SETTINGS_ENABLE_CONNECT_PROTOCOL, accepts an extended CONNECT (`:method CONNECT`, `:protocol websocket`) to
 * `/echo` with `:status 200`, and runs the same echo as the HTTP/1.1 endpoint on the stream. Browsers use
 * WebSockets over HTTP/2 only over TLS, so this serves Node clients and captures; permessage-deflate is not offered.
 */
import http2 from 'node:http2';
import { Connection } from './connection.ts';
import { runEcho } from './echo.ts';
import { logRecovered } from './log.ts';
import { checkOrigin } from './origin.ts';
import { parseScript } from './script.ts';

export interface H2cEcho {
  server: http2.Http2Server;
  connections: Set<Connection>;
  close(): void;
}

/** `:status` and a reason for a request this endpoint refuses, or null when it is a WebSocket to /echo. */
function refusal(
  headers: http2.IncomingHttpHeaders,
  path: string,
  allowOrigins: readonly string[],
): [number, string] | null {
  if (headers[':method'] !== 'CONNECT' || headers[':protocol'] === undefined)
    return [426, 'This is a WebSocket endpoint: open it with an extended CONNECT (RFC 8441).'];
  if (headers[':protocol'] !== 'websocket')
    return [501, `:protocol ${headers[':protocol']} is not supported`];
  if (path !== '/echo') return [404, `no WebSocket endpoint at ${path}`];
  if (headers['sec-websocket-version'] !== '13') return [400, 'sec-websocket-version must be 13'];
  // The same Origin rule as HTTP/1.1 (RFC 6455 §10.2, RFC 8441 §5): `:authority` plays the part of Host.
  const origin = checkOrigin(headers.origin, headers[':authority'], allowOrigins);
  if (!origin.ok) return [403, origin.reason];
  return null;
}

/**
 * An h2c server whose `/echo` answers WebSockets over HTTP/2 streams; other streams get an error status.
 * @see RFC 8441 §3 (the setting), §4 (extended CONNECT), §5 (the WebSocket on the stream)
 */
export function createH2cEcho(options: {
  maxMessageSize: number;
  closeTimeoutMs?: number;
  /** Origins accepted besides loopback and the server's own address (see `origin.ts`). */
  allowOrigins?: readonly string[];
}): H2cEcho {
  const connections = new Set<Connection>();
  const server = http2.createServer({ settings: { enableConnectProtocol: true } });
  server.on('stream', (stream, headers) => {
    stream.on('error', (err) => logRecovered('h2c stream', err));
    const url = new URL(headers[':path'] ?? '/', 'http://h2c');
    const refused = refusal(headers, url.pathname, options.allowOrigins ?? []);
    const script = refused ? null : parseScript(url.searchParams, options.maxMessageSize);
    if (refused || !script || 'error' in script) {
      const [status, reason] = refused ?? [400, script && 'error' in script ? script.error : 'bad request'];
      stream.respond({ ':status': status, 'content-type': 'text/plain; charset=utf-8' });
      stream.end(`${reason}\n`);
      return;
    }
    const offered = String(headers['sec-websocket-protocol'] ?? '')
      .split(',')
      .map((p) => p.trim())
      .filter(Boolean);
    stream.respond({ ':status': 200, ...(offered[0] ? { 'sec-websocket-protocol': offered[0] } : {}) });
    const conn = new Connection(stream, {
      maxMessageSize: script.maxMessageSize,
      permessageDeflate: null,
      deflater: null,
      closeTimeoutMs: options.closeTimeoutMs ?? 5000,
    });
    connections.add(conn);
    const onEnd = conn.onEnd;
    conn.onEnd = (c) => {
      connections.delete(c);
      onEnd(c);
    };
    runEcho(conn, script, false, () => {});
  });
  server.on('sessionError', (err) => logRecovered('h2c session', err));
  return {
    server,
    connections,
    close() {
      for (const c of connections) c.close(1001, 'server shutting down');
    },
  };
}
