import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { parseRequest } from '../src/codec/handshake-http.ts';
import { validateRequest } from '../src/codec/handshake-request.ts';

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

/**
 * Checks the client's opening handshake with the codec's `validateRequest`, every check in RFC order; the first
 * failure decides the reply (400, or 426 for an unsupported version).
 * @see RFC 6455 §4.2.1
 */
export function readUpgrade(req: IncomingMessage): UpgradeDecision {
  const validation = validateRequest(parseRequest(requestText(req)));
  const { failedAt, reply, offer } = validation;
  if (!validation.ok || offer.key === null) {
    const status = reply?.status === 426 ? 426 : 400;
    return {
      ok: false,
      status,
      reason: failedAt ? `${failedAt.title}: ${failedAt.detail} (${failedAt.rfc})` : 'bad handshake',
    };
  }
  const offered = req.headers['sec-websocket-extensions'];
  return {
    ok: true,
    accept: acceptFor(offer.key.trim()),
    offeredProtocols: offer.protocols,
    offeredExtensions: offered === undefined ? null : Array.isArray(offered) ? offered.join(', ') : offered,
  };
}

/** The request line and headers rebuilt from Node's parse, in the order and case the client sent them. */
export function requestText(req: IncomingMessage): string {
  let text = `${req.method} ${req.url} HTTP/${req.httpVersion}\r\n`;
  for (let i = 0; i < req.rawHeaders.length; i += 2)
    text += `${req.rawHeaders[i]}: ${req.rawHeaders[i + 1]}\r\n`;
  return `${text}\r\n`;
}

/** The upgrade request as the tap shows it: the exact bytes, or (when they could not be had) rebuilt text. */
export interface RequestHead {
  /** The bytes, one character per byte (latin1, as Node reads header bytes). */
  text: string;
  bytes: Uint8Array;
  source: 'exact' | 'rebuilt';
}

/**
 * The upgrade request's exact bytes, found at the end of what the socket received (`received`, from
 * `takeRecordedHead`), possibly after earlier keep-alive requests and their bodies. A candidate start is taken only
 * if the codec's `parseRequest` reads from it, cleanly, the same request line and header list Node's parser read;
 * otherwise (TLS, nothing recorded, a head the two parsers read differently) the request is rebuilt from Node's
 * parse and marked so.
 * @see RFC 6455 §4.1, RFC 7230 §3
 */
export function exactRequest(req: IncomingMessage, received: Uint8Array | null): RequestHead {
  if (received && received.length >= 4) {
    const all = Buffer.from(received.buffer, received.byteOffset, received.length);
    // The head holds no blank line but the one that ends it: it starts after the one before, if any.
    const previous = all.lastIndexOf('\r\n\r\n', all.length - 5);
    const from = previous < 0 ? 0 : previous + 4;
    const method = Buffer.from(`${req.method ?? ''} `, 'latin1');
    for (let at = all.indexOf(method, from); at >= 0; at = all.indexOf(method, at + 1)) {
      const text = all.toString('latin1', at);
      if (sameRequest(req, text)) return { text, bytes: received.slice(at), source: 'exact' };
    }
  }
  const text = requestText(req);
  return { text, bytes: new Uint8Array(Buffer.from(text, 'latin1')), source: 'rebuilt' };
}

function sameRequest(req: IncomingMessage, text: string): boolean {
  if (!text.endsWith('\r\n\r\n')) return false;
  const parsed = parseRequest(text);
  if (parsed.problems.length > 0 || parsed.body !== '') return false;
  if (parsed.method !== req.method || parsed.target !== req.url) return false;
  if (parsed.httpVersion !== `HTTP/${req.httpVersion}`) return false;
  if (parsed.headers.length * 2 !== req.rawHeaders.length) return false;
  return parsed.headers.every(
    (h, i) => h.name === req.rawHeaders[2 * i] && h.value === req.rawHeaders[2 * i + 1],
  );
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

/** A plain-text error reply; 426 names the version the server speaks. @see RFC 6455 §4.2.2, §4.4, §10.2 */
export function errorResponse(status: 400 | 403 | 404 | 426, reason: string): string {
  const title = { 400: 'Bad Request', 403: 'Forbidden', 404: 'Not Found', 426: 'Upgrade Required' }[status];
  const body = `${reason}\n`;
  const version = status === 426 ? 'Sec-WebSocket-Version: 13\r\nUpgrade: websocket\r\n' : '';
  return (
    `HTTP/1.1 ${status} ${title}\r\n${version}Connection: close\r\nContent-Type: text/plain; charset=utf-8\r\n` +
    `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`
  );
}
