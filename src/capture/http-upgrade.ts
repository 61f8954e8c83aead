/**
 * Finding the opening handshake (RFC 6455 §4) in the first bytes of a TCP connection, on any port, and telling
 * TLS apart from plain HTTP.
 */
import { headerValues, parseRequest, parseResponse } from '../codec/handshake-http';

/** A request or response header block found in a byte stream. */
export interface HttpBlock {
  text: string;
  /** Offset of the first byte after the blank line that ends the headers. */
  end: number;
}

export interface UpgradeFound {
  request: HttpBlock | null;
  response: HttpBlock | null;
  /** The request asked for `Upgrade: websocket`. */
  isUpgrade: boolean;
  /** The response is `101 Switching Protocols`. */
  accepted: boolean;
  status: number | null;
  url: string | null;
  subprotocol: string | null;
  extensions: string | null;
}

const SCAN_LIMIT = 64 * 1024;
const REQUEST_LINE = /^[A-Z]{3,10} \S+ HTTP\/1\.[01]\r?\n/;
const STATUS_LINE = /^HTTP\/1\.[01] \d{3}/;

function latin1(bytes: Uint8Array, max: number): string {
  let s = '';
  const n = Math.min(bytes.length, max);
  for (let i = 0; i < n; i += 4096) s += String.fromCharCode(...bytes.subarray(i, Math.min(n, i + 4096)));
  return s;
}

/** TLS records start with content type 22 (handshake) and version 3.x. */
export function looksLikeTls(bytes: Uint8Array): boolean {
  return bytes.length >= 3 && bytes[0] === 0x16 && bytes[1] === 0x03 && (bytes[2] ?? 9) <= 0x04;
}

/**
 * The protocols a TLS ClientHello offers by ALPN (RFC 7301 §3.1), e.g. `['h2', 'http/1.1']`; empty when the
 * bytes are not a whole ClientHello record or offer none.
 */
export function offeredAlpn(bytes: Uint8Array): string[] {
  const u16 = (at: number) => ((bytes[at] ?? 0) << 8) | (bytes[at + 1] ?? 0);
  if (!looksLikeTls(bytes) || bytes[5] !== 0x01) return [];
  // Record header (5), handshake header (4), version (2), random (32), then session id, ciphers, compression.
  let at = 5 + 4 + 2 + 32;
  at += 1 + (bytes[at] ?? 0);
  at += 2 + u16(at);
  at += 1 + (bytes[at] ?? 0);
  const end = Math.min(bytes.length, at + 2 + u16(at));
  at += 2;
  while (at + 4 <= end) {
    const type = u16(at);
    const length = u16(at + 2);
    if (type === 0x0010) {
      const names: string[] = [];
      let p = at + 6;
      while (p < Math.min(end, at + 4 + length)) {
        const n = bytes[p] ?? 0;
        names.push(String.fromCharCode(...bytes.subarray(p + 1, p + 1 + n)));
        p += 1 + n;
      }
      return names;
    }
    at += 4 + length;
  }
  return [];
}

/** Whether the stream starts like an HTTP/1 request or response. */
export function looksLikeHttp(bytes: Uint8Array): boolean {
  const head = latin1(bytes, 64);
  return REQUEST_LINE.test(head) || STATUS_LINE.test(head);
}

/** Header blocks (request or status line + headers + blank line) from the start of a stream, in order. */
function blocks(bytes: Uint8Array, startLine: RegExp): HttpBlock[] {
  const text = latin1(bytes, SCAN_LIMIT);
  const out: HttpBlock[] = [];
  let at = 0;
  while (at < text.length && startLine.test(text.slice(at, at + 64))) {
    const crlf = text.indexOf('\r\n\r\n', at);
    const lf = text.indexOf('\n\n', at);
    const endMark = crlf >= 0 && (lf < 0 || crlf < lf) ? crlf + 4 : lf >= 0 ? lf + 2 : -1;
    if (endMark < 0) break;
    const block = { text: text.slice(at, endMark), end: endMark };
    out.push(block);
    // A plain HTTP exchange on the same connection may come first: skip its body when it declares a length.
    const length = /\r?\ncontent-length:\s*(\d+)/i.exec(block.text);
    at = endMark + (length ? Number(length[1]) : 0);
  }
  return out;
}

function utf8(text: string): string {
  const bytes = Uint8Array.from(text, (c) => c.charCodeAt(0));
  return new TextDecoder().decode(bytes);
}

/** Look for a WebSocket upgrade request in one direction and its answer in the other. */
export function findUpgrade(clientBytes: Uint8Array, serverBytes: Uint8Array): UpgradeFound {
  const requests = blocks(clientBytes, REQUEST_LINE);
  const responses = blocks(serverBytes, STATUS_LINE);
  const upgradeIndex = requests.findIndex((b) =>
    headerValues(parseRequest(b.text), 'upgrade').some((v) => v.toLowerCase().includes('websocket')),
  );
  const request = requests[upgradeIndex] ?? requests[0] ?? null;
  // Responses pair up with requests in order; 1xx interim answers aside, the upgrade's answer has the same index.
  const response = responses[upgradeIndex >= 0 ? upgradeIndex : 0] ?? null;
  const parsedRes = response ? parseResponse(response.text) : null;
  const parsedReq = request ? parseRequest(request.text) : null;
  const host = parsedReq ? headerValues(parsedReq, 'host')[0] : undefined;
  return {
    request: request ? { text: utf8(request.text), end: request.end } : null,
    response: response ? { text: utf8(response.text), end: response.end } : null,
    isUpgrade: upgradeIndex >= 0,
    accepted: parsedRes?.status === 101,
    status: parsedRes?.status ?? null,
    url: parsedReq?.target && host ? `ws://${host}${parsedReq.target}` : null,
    subprotocol: parsedRes ? (headerValues(parsedRes, 'sec-websocket-protocol')[0] ?? null) : null,
    extensions: parsedRes ? headerValues(parsedRes, 'sec-websocket-extensions').join(', ') || null : null,
  };
}
