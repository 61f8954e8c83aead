import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

const GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

/** The opening handshake, read from Node's parsed request: either a 101 to send, or an error reply. */
export type UpgradeDecision =
  | { ok: true; accept: string; offeredProtocols: string[]; offeredExtensions: string | null }
  | { ok: false; status: 400 | 426; reason: string };

/** `Sec-WebSocket-Accept`: base64(SHA-1(key + GUID)). @see RFC 6455 §4.2.2 */
export function acceptFor(key: string): string {
  return createHash('sha1')
    .update(key + GUID)
    .digest('base64');
}

function tokens(value: string | string[] | undefined): string[] {
  const joined = Array.isArray(value) ? value.join(',') : (value ?? '');
  return joined
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean);
}

/**
 * Checks what a server must read in the client's opening handshake, in the RFC's order.
 * @see RFC 6455 §4.2.1
 */
export function readUpgrade(req: IncomingMessage): UpgradeDecision {
  const h = req.headers;
  if (req.method !== 'GET') return { ok: false, status: 400, reason: `method ${req.method} is not GET` };
  if (req.httpVersionMajor < 1 || (req.httpVersionMajor === 1 && req.httpVersionMinor < 1)) {
    return { ok: false, status: 400, reason: `HTTP/${req.httpVersion} is older than HTTP/1.1` };
  }
  if (!h.host) return { ok: false, status: 400, reason: 'no Host header' };
  if (!tokens(h.upgrade).some((t) => t.toLowerCase() === 'websocket')) {
    return { ok: false, status: 400, reason: 'Upgrade header does not name websocket' };
  }
  if (!tokens(h.connection).some((t) => t.toLowerCase() === 'upgrade')) {
    return { ok: false, status: 400, reason: 'Connection header lacks the upgrade token' };
  }
  const key = h['sec-websocket-key'];
  if (typeof key !== 'string' || !/^[A-Za-z0-9+/]{22}==$/.test(key.trim())) {
    return { ok: false, status: 400, reason: 'Sec-WebSocket-Key is not 16 bytes in base64' };
  }
  if (h['sec-websocket-version'] !== '13') {
    return {
      ok: false,
      status: 426,
      reason: `Sec-WebSocket-Version ${h['sec-websocket-version'] ?? '(missing)'} is not 13`,
    };
  }
  const ext = h['sec-websocket-extensions'];
  return {
    ok: true,
    accept: acceptFor(key.trim()),
    offeredProtocols: tokens(h['sec-websocket-protocol']),
    offeredExtensions: ext === undefined ? null : Array.isArray(ext) ? ext.join(', ') : ext,
  };
}

/** The request line and headers in the order and case the client sent them. */
export function requestText(req: IncomingMessage): string {
  let text = `${req.method} ${req.url} HTTP/${req.httpVersion}\r\n`;
  for (let i = 0; i < req.rawHeaders.length; i += 2)
    text += `${req.rawHeaders[i]}: ${req.rawHeaders[i + 1]}\r\n`;
  return `${text}\r\n`;
}

/** The 101 response. @see RFC 6455 §4.2.2 */
export function switchingProtocols(
  accept: string,
  protocol: string | null,
  extensions: string | null,
): string {
  let text = `HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n`;
  if (protocol) text += `Sec-WebSocket-Protocol: ${protocol}\r\n`;
  if (extensions) text += `Sec-WebSocket-Extensions: ${extensions}\r\n`;
  return `${text}\r\n`;
}

/** A plain-text error reply; 426 names the version the server speaks. @see RFC 6455 §4.2.2, §4.4 */
export function errorResponse(status: 400 | 404 | 426, reason: string): string {
  const title = status === 400 ? 'Bad Request' : status === 404 ? 'Not Found' : 'Upgrade Required';
  const body = `${reason}\n`;
  const version = status === 426 ? 'Sec-WebSocket-Version: 13\r\nUpgrade: websocket\r\n' : '';
  return (
    `HTTP/1.1 ${status} ${title}\r\n${version}Connection: close\r\nContent-Type: text/plain; charset=utf-8\r\n` +
    `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`
  );
}
