/**
 * Limits of the echo server's HTTP layer, before any WebSocket handshake: how long a request's header may take to
 * arrive and how large it may be. A header that never ends is answered 408 and closed; an oversized one 431
 * (RFC 6585 §5), instead of a silent reset. `npm run dev`/`preview` mount the endpoints on Vite's server: its header
 * size and timeout are Node's defaults (16 KiB, 60 s), and refused requests are answered the same way.
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
  const answered = new WeakSet<Duplex>();
  server.on('clientError', (err: Error & { code?: string }, socket: Duplex) => {
    // Node's parser reports each later chunk of a refused request again: the socket is already lingering.
    if (answered.has(socket)) return;
    answered.add(socket);
    if (!socket.writable) {
      socket.destroy();
      return;
    }
    const status = REPLIES[err.code ?? ''] ?? '400 Bad Request';
    const body = `${status}\n`;
    socket.end(
      `HTTP/1.1 ${status}\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body}`,
    );
    lingerThenDestroy(socket);
  });
}

/** How long a refused client may go on sending (its bytes are read and thrown away) before the socket is dropped. */
export const LINGER_MS = 2000;

/**
 * Closing a socket while the client is still sending makes the kernel answer with a reset, which can discard the
 * status line before the client reads it (a 10 MB header lost its 431 that way). So: send the reply and FIN, then
 * read and discard what still arrives until the client closes too, or for at most `LINGER_MS` (a lingering close).
 */
function lingerThenDestroy(socket: Duplex): void {
  const timer = setTimeout(() => socket.destroy(), LINGER_MS);
  timer.unref();
  socket.on('data', () => {});
  socket.once('end', () => socket.destroy());
  socket.once('close', () => clearTimeout(timer));
  socket.resume();
}
