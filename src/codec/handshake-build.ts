/**
 * Writing the opening handshake (RFC 6455 §4.1, §4.2.2) as exact HTTP/1.1 text with CRLF line ends.
 */

/** Options for {@link buildRequest}. A header set to `null` or `''` is left out. */
export interface RequestOptions {
  method?: string;
  /** Request-URI, default `/`. */
  path?: string;
  host: string | null;
  upgrade?: string | null;
  connection?: string | null;
  key: string | null;
  version?: string | null;
  origin?: string | null;
  /** Offered subprotocols, in order of preference (one header, comma-separated). */
  protocols?: string[];
  /** The Sec-WebSocket-Extensions value, written as given. */
  extensions?: string | null;
  /** Any other headers, appended in order. */
  extraHeaders?: [string, string][];
}

function headerLines(pairs: [string, string | null | undefined][]): string {
  return pairs
    .filter((p): p is [string, string] => p[1] !== null && p[1] !== undefined && p[1] !== '')
    .map(([n, v]) => `${n}: ${v}\r\n`)
    .join('');
}

/**
 * The exact text of a client opening handshake, in the header order of the RFC's example, CRLF line ends.
 * @example buildRequest({ host: 'server.example.com', key: 'dGhlIHNhbXBsZSBub25jZQ==', path: '/chat' })
 *   // 'GET /chat HTTP/1.1\r\nHost: server.example.com\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n…'
 * @see RFC 6455 §4.1, §1.2
 */
export function buildRequest(options: RequestOptions): string {
  const o = options;
  return (
    `${o.method ?? 'GET'} ${o.path ?? '/'} HTTP/1.1\r\n` +
    headerLines([
      ['Host', o.host],
      ['Upgrade', o.upgrade === undefined ? 'websocket' : o.upgrade],
      ['Connection', o.connection === undefined ? 'Upgrade' : o.connection],
      ['Sec-WebSocket-Key', o.key],
      ['Origin', o.origin],
      ['Sec-WebSocket-Protocol', o.protocols?.join(', ')],
      ['Sec-WebSocket-Extensions', o.extensions],
      ['Sec-WebSocket-Version', o.version === undefined ? '13' : o.version],
      ...(o.extraHeaders ?? []),
    ]) +
    '\r\n'
  );
}

/** Options for {@link buildResponse}. A header set to `null` or `''` is left out. */
export interface ResponseOptions {
  status?: number;
  reason?: string;
  /** Default `websocket` for a 101, absent otherwise. */
  upgrade?: string | null;
  /** Default `Upgrade` for a 101, absent otherwise. */
  connection?: string | null;
  accept?: string | null;
  protocol?: string | null;
  extensions?: string | null;
  extraHeaders?: [string, string][];
}

/**
 * The exact text of a server's reply: the 101 that completes the handshake, or an error reply.
 * @example buildResponse({ accept: 's3pPLMBiTxaQ9kYGzzhZRbK+xOo=' })
 *   // 'HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: s3pP…\r\n\r\n'
 * @see RFC 6455 §4.2.2 (item 5)
 */
export function buildResponse(options: ResponseOptions = {}): string {
  const o = options;
  const status = o.status ?? 101;
  const upgrading = status === 101;
  return (
    `HTTP/1.1 ${status} ${o.reason ?? (upgrading ? 'Switching Protocols' : '')}`.trimEnd() +
    '\r\n' +
    headerLines([
      ['Upgrade', o.upgrade === undefined ? (upgrading ? 'websocket' : null) : o.upgrade],
      ['Connection', o.connection === undefined ? (upgrading ? 'Upgrade' : null) : o.connection],
      ['Sec-WebSocket-Accept', o.accept],
      ['Sec-WebSocket-Protocol', o.protocol],
      ['Sec-WebSocket-Extensions', o.extensions],
      ...(o.extraHeaders ?? []),
    ]) +
    '\r\n'
  );
}
