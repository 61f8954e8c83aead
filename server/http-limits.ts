/**
 * Limits of the echo server's HTTP layer, before any WebSocket handshake: how long a request's header may take to
 * arrive and how large it may be. A header that never ends is answered 408 and closed; an oversized one 431
 * (RFC 6585 §5), instead of a silent reset. `npm run dev`/`preview` mount the endpoints on Vite's server, whose own
 * Node defaults apply there.
 */
import type { Server, ServerOptions } from 'node:http';
import type { Duplex } from 'node:stream';

/** Default time for a request's whole header to arrive. */
export const DEFAULT_HEADER_TIMEOUT_MS = 10_000;
/** Largest request header accepted: Node's own default, 16 KiB. */
export const MAX_HEADER_BYTES = 16 * 1024;

/** Options for `http.createServer`: header size and timeout, checked every 250 ms (Node's default is every 30 s). */
export function httpLimits(headerTimeoutMs = DEFAULT_HEADER_TIMEOUT_MS): ServerOptions {
  return {
    maxHeaderSize: MAX_HEADER_BYTES,
    headersTimeout: headerTimeoutMs,
    requestTimeout: headerTimeoutMs,
    connectionsCheckingInterval: Math.min(250, headerTimeoutMs),
  };
}

const REPLIES: Record<string, string> = {
  HPE_HEADER_OVERFLOW: '431 Request Header Fields Too Large',
  ERR_HTTP_REQUEST_TIMEOUT: '408 Request Timeout',
};

/** Answer a request Node's parser refused with its status (431, 408 or 400), then close the socket. */
export function answerClientErrors(server: Server): void {
  server.on('clientError', (err: Error & { code?: string }, socket: Duplex) => {
    if (!socket.writable) {
      socket.destroy();
      return;
    }
    const status = REPLIES[err.code ?? ''] ?? '400 Bad Request';
    const body = `${status}\n`;
    socket.end(
      `HTTP/1.1 ${status}\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body}`,
    );
    socket.once('finish', () => socket.destroy());
  });
}
