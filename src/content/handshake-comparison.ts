/** The WebSocket handshake over HTTP/1.1, HTTP/2 and HTTP/3 side by side (RFC 6455, RFC 8441, RFC 9220). */

/** One row of the side-by-side comparison. */
export interface ComparisonRow {
  aspect: string;
  http1: string;
  http2: string;
  http3: string;
}

export const HANDSHAKE_COMPARISON: ComparisonRow[] = [
  {
    aspect: 'Transport',
    http1: 'its own TCP connection',
    http2: 'one stream of a TCP connection',
    http3: 'one QUIC stream (UDP)',
  },
  {
    aspect: 'Server announces support',
    http1: '— (the answer shows it)',
    http2: 'SETTINGS_ENABLE_CONNECT_PROTOCOL = 1',
    http3: 'SETTINGS_ENABLE_CONNECT_PROTOCOL = 1',
  },
  {
    aspect: 'Request',
    http1: 'GET + Upgrade: websocket, Connection: Upgrade',
    http2: ':method CONNECT, :protocol websocket',
    http3: ':method CONNECT, :protocol websocket',
  },
  { aspect: 'Header encoding', http1: 'text lines', http2: 'HPACK', http3: 'QPACK' },
  { aspect: 'Success', http1: '101 Switching Protocols', http2: ':status 200', http3: ':status 200' },
  {
    aspect: 'Key and Accept',
    http1: 'Sec-WebSocket-Key, SHA-1 → Sec-WebSocket-Accept',
    http2: 'none (superseded by :protocol)',
    http3: 'none',
  },
  {
    aspect: 'Version, subprotocol, extensions',
    http1: 'Sec-WebSocket-* headers',
    http2: 'the same, lowercase',
    http3: 'the same, lowercase',
  },
  {
    aspect: 'WebSocket frames',
    http1: 'the TCP bytes',
    http2: 'inside DATA frames',
    http3: 'inside DATA frames',
  },
  {
    aspect: 'WebSockets per connection',
    http1: 'one',
    http2: 'many, plus ordinary requests',
    http3: 'many, plus ordinary requests',
  },
  {
    aspect: 'Orderly end / abrupt end',
    http1: 'TCP FIN / TCP RST',
    http2: 'END_STREAM / RST_STREAM (CANCEL)',
    http3: 'stream FIN / H3_REQUEST_CANCELLED',
  },
  {
    aspect: 'In browsers',
    http1: 'everywhere, ws:// and wss://',
    http2: 'over TLS only (wss://), when the server offers it',
    http3: 'over QUIC only, where supported',
  },
];
