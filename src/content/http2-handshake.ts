/**
 * Teaching text for WebSockets over HTTP/2 (RFC 8441) and HTTP/3 (RFC 9220) in the Handshake view: the steps of
 * each handshake as data (who sends which frame on which stream, with its fields), and a side-by-side comparison
 * with the HTTP/1.1 Upgrade. Rendered as text, never as HTML.
 */

/** One header or setting shown in a step, with an optional remark. */
export interface WireField {
  name: string;
  value: string;
  note?: string;
}

/** One step of a handshake walkthrough. */
export interface WireStep {
  /** Stable key for tests and links. */
  id: string;
  title: string;
  from: 'client' | 'server' | 'both';
  /** The frame that carries it, e.g. `SETTINGS` or `HEADERS (END_STREAM not set)`. */
  frame: string;
  /** Where it travels, e.g. `stream 0 (the connection)`. */
  stream: string;
  fields: WireField[];
  text: string;
  rfc: string;
}

export interface HandshakeVersion {
  id: 'http2' | 'http3';
  tab: string;
  heading: string;
  intro: string;
  steps: WireStep[];
}

const REQUEST_FIELDS = (scheme: string): WireField[] => [
  { name: ':method', value: 'CONNECT', note: 'not GET: CONNECT asks for a tunnel on this stream' },
  {
    name: ':protocol',
    value: 'websocket',
    note: 'the pseudo-header RFC 8441 adds; it names what runs in the tunnel',
  },
  { name: ':scheme', value: scheme, note: 'https for wss:// URLs, http for ws://' },
  { name: ':path', value: '/chat', note: 'path and query of the WebSocket URL' },
  { name: ':authority', value: 'server.example.com', note: 'host and port, as Host was in HTTP/1.1' },
  { name: 'sec-websocket-version', value: '13', note: 'the same version as over HTTP/1.1' },
  { name: 'origin', value: 'https://example.com', note: 'sent by browsers, as in HTTP/1.1' },
  { name: 'sec-websocket-protocol', value: 'chat, superchat', note: 'optional: subprotocols offered' },
  {
    name: 'sec-websocket-extensions',
    value: 'permessage-deflate; client_max_window_bits',
    note: 'optional: extensions offered',
  },
];

const RESPONSE_FIELDS: WireField[] = [
  {
    name: ':status',
    value: '200',
    note: 'any 2xx accepts; HTTP/2 and HTTP/3 have no 101 Switching Protocols',
  },
  { name: 'sec-websocket-protocol', value: 'chat', note: 'the subprotocol chosen, if any' },
  { name: 'sec-websocket-extensions', value: 'permessage-deflate', note: 'the extensions accepted, if any' },
];

export const HTTP2_WALKTHROUGH: HandshakeVersion = {
  id: 'http2',
  tab: 'HTTP/2',
  heading: 'WebSockets over HTTP/2 (RFC 8441)',
  intro:
    'Over HTTP/2 a WebSocket does not get a TCP connection of its own. It is one stream of an HTTP/2 connection, opened with an extended CONNECT request; the WebSocket frames then travel inside that stream’s DATA frames, exactly as RFC 6455 defines them.',
  steps: [
    {
      id: 'h2-preface',
      title: 'The connection starts as HTTP/2',
      from: 'client',
      frame: 'connection preface + SETTINGS',
      stream: 'stream 0 (the connection)',
      fields: [
        {
          name: 'preface',
          value: 'PRI * HTTP/2.0\\r\\n\\r\\nSM\\r\\n\\r\\n',
          note: '24 bytes, then SETTINGS',
        },
      ],
      text: 'Over TLS, client and server agree on HTTP/2 during the TLS handshake (ALPN h2); that is what browsers do. Cleartext HTTP/2 (h2c) starts straight away with the preface when the client knows the server speaks it. The connection may already carry other requests: a WebSocket does not need a new one.',
      rfc: 'RFC 9113 §3.4',
    },
    {
      id: 'h2-settings',
      title: 'The server says it accepts extended CONNECT',
      from: 'server',
      frame: 'SETTINGS',
      stream: 'stream 0 (the connection)',
      fields: [
        {
          name: 'SETTINGS_ENABLE_CONNECT_PROTOCOL (0x8)',
          value: '1',
          note: 'identifier 0x0008, value 0x00000001: 6 bytes of the SETTINGS payload',
        },
      ],
      text: 'A client may send an extended CONNECT only after the server’s SETTINGS said SETTINGS_ENABLE_CONNECT_PROTOCOL = 1. A server that never sends it does not speak WebSocket over HTTP/2, and the browser opens a separate HTTP/1.1 connection with the usual Upgrade instead.',
      rfc: 'RFC 8441 §3',
    },
    {
      id: 'h2-request',
      title: 'The extended CONNECT request opens a stream',
      from: 'client',
      frame: 'HEADERS (END_STREAM not set)',
      stream: 'stream 1 (a new client stream: odd ids)',
      fields: REQUEST_FIELDS('https'),
      text: 'The request is a header list compressed with HPACK, not text lines. END_STREAM stays unset: the stream stays open in both directions, because it is going to carry the WebSocket. Upgrade and Connection headers are gone: HTTP/2 forbids connection-specific headers.',
      rfc: 'RFC 8441 §4, §5',
    },
    {
      id: 'h2-response',
      title: 'The server answers 200',
      from: 'server',
      frame: 'HEADERS',
      stream: 'stream 1',
      fields: RESPONSE_FIELDS,
      text: 'A 2xx status opens the WebSocket; anything else refuses it and the stream ends. There is no 101: HTTP/2 has no Upgrade mechanism, the stream itself becomes the tunnel.',
      rfc: 'RFC 8441 §5',
    },
    {
      id: 'h2-no-key',
      title: 'No Sec-WebSocket-Key, no Sec-WebSocket-Accept',
      from: 'both',
      frame: '—',
      stream: '—',
      fields: [
        { name: 'sec-websocket-key', value: '(not sent)' },
        { name: 'sec-websocket-accept', value: '(not sent)' },
      ],
      text: 'Over HTTP/1.1 the key and its SHA-1 answer prove the server really understood a WebSocket request, so that a plain HTTP server or a cache can never accept one by accident. Over HTTP/2 the :protocol pseudo-header does that job: only a server that announced SETTINGS_ENABLE_CONNECT_PROTOCOL can accept it, and nothing else can read it as an ordinary request. RFC 8441 says the key and accept processing is superseded by :protocol.',
      rfc: 'RFC 8441 §5',
    },
    {
      id: 'h2-data',
      title: 'WebSocket frames travel in DATA frames',
      from: 'both',
      frame: 'DATA',
      stream: 'stream 1',
      fields: [
        { name: 'HTTP/2 frame header', value: '9 bytes', note: 'length, type 0x0 (DATA), flags, stream id' },
        {
          name: 'payload',
          value: '81 85 37 fa 21 3d 7f 9f 4d 51 58',
          note: 'a masked text frame “Hello”, unchanged',
        },
      ],
      text: 'The WebSocket bytes are exactly those of RFC 6455: opcodes, FIN, client masking, close codes, permessage-deflate. HTTP/2 just cuts the byte stream into DATA frames; a WebSocket frame may span several DATA frames and one DATA frame may hold several WebSocket frames. HTTP/2 flow control applies per stream.',
      rfc: 'RFC 8441 §5',
    },
    {
      id: 'h2-multiplex',
      title: 'Many WebSockets share one connection',
      from: 'both',
      frame: 'HEADERS, DATA',
      stream: 'streams 1, 3, 5 …',
      fields: [
        { name: 'stream 1', value: 'WebSocket /chat' },
        { name: 'stream 3', value: 'WebSocket /feed' },
        { name: 'stream 5', value: 'GET /app.js' },
      ],
      text: 'Each extended CONNECT opens one more stream; ordinary requests run beside them. One TCP and TLS handshake serves them all. Framescope’s Replay shows each WebSocket stream of an h2c capture as a connection of its own.',
      rfc: 'RFC 9113 §5',
    },
    {
      id: 'h2-close',
      title: 'Closing: END_STREAM, or RST_STREAM',
      from: 'both',
      frame: 'DATA with END_STREAM, or RST_STREAM (CANCEL)',
      stream: 'stream 1',
      fields: [
        { name: 'END_STREAM', value: 'flag 0x1', note: 'after the close frames: what a TCP FIN was' },
        { name: 'RST_STREAM', value: 'CANCEL (0x8)', note: 'an abrupt end: what a TCP reset was' },
      ],
      text: 'The WebSocket closing handshake is unchanged (close frames with a code and reason). Where RFC 6455 closes the TCP connection, the stream ends instead: END_STREAM from each side for an orderly close, RST_STREAM with CANCEL for an abrupt one. The HTTP/2 connection and its other streams live on.',
      rfc: 'RFC 8441 §5',
    },
  ],
};

export const HTTP3_WALKTHROUGH: HandshakeVersion = {
  id: 'http3',
  tab: 'HTTP/3',
  heading: 'WebSockets over HTTP/3 (RFC 9220)',
  intro:
    'RFC 9220 carries the same extended CONNECT over HTTP/3. What changes is below HTTP: QUIC over UDP instead of TCP, streams provided by QUIC, QPACK instead of HPACK. What stays: the request, the 200, and every WebSocket byte.',
  steps: [
    {
      id: 'h3-quic',
      title: 'A QUIC connection, TLS 1.3 inside',
      from: 'both',
      frame: 'QUIC handshake (UDP)',
      stream: '—',
      fields: [{ name: 'ALPN', value: 'h3' }],
      text: 'QUIC runs over UDP and always includes TLS 1.3: there is no cleartext HTTP/3, so a capture shows nothing without the TLS keys. QUIC itself provides streams, each independently ordered: a lost packet delays only its own stream.',
      rfc: 'RFC 9114 §3',
    },
    {
      id: 'h3-settings',
      title: 'SETTINGS on the control streams',
      from: 'server',
      frame: 'SETTINGS',
      stream: 'the server’s control stream (unidirectional)',
      fields: [
        {
          name: 'SETTINGS_ENABLE_CONNECT_PROTOCOL (0x08)',
          value: '1',
          note: 'the same setting as in HTTP/2, registered for HTTP/3 with the same number',
        },
      ],
      text: 'Each side opens a unidirectional control stream and sends SETTINGS first. As over HTTP/2, the client waits for SETTINGS_ENABLE_CONNECT_PROTOCOL = 1 before it sends an extended CONNECT.',
      rfc: 'RFC 9220 §3',
    },
    {
      id: 'h3-request',
      title: 'Extended CONNECT on a request stream',
      from: 'client',
      frame: 'HEADERS',
      stream: 'a client-initiated bidirectional QUIC stream (id 0, 4, 8 …)',
      fields: REQUEST_FIELDS('https'),
      text: 'The same pseudo-headers and header fields as over HTTP/2, compressed with QPACK. The request stream stays open: it becomes the WebSocket.',
      rfc: 'RFC 9220 §3, RFC 8441 §4',
    },
    {
      id: 'h3-response',
      title: 'The server answers 200',
      from: 'server',
      frame: 'HEADERS',
      stream: 'the same request stream',
      fields: RESPONSE_FIELDS,
      text: 'As over HTTP/2: a 2xx status, no 101, and no Sec-WebSocket-Accept.',
      rfc: 'RFC 9220 §3',
    },
    {
      id: 'h3-data',
      title: 'WebSocket frames in HTTP/3 DATA frames',
      from: 'both',
      frame: 'DATA (type 0x00)',
      stream: 'the same request stream',
      fields: [
        { name: 'HTTP/3 frame header', value: 'type 0x00, length', note: 'two variable-length integers' },
        {
          name: 'payload',
          value: 'RFC 6455 frames, unchanged',
          note: 'masking and permessage-deflate included',
        },
      ],
      text: 'Nothing inside the WebSocket changes: the frames Framescope decodes elsewhere are the bytes of these DATA payloads.',
      rfc: 'RFC 9220 §3',
    },
    {
      id: 'h3-close',
      title: 'Closing: FIN, or a stream reset',
      from: 'both',
      frame: 'QUIC stream FIN, or RESET_STREAM',
      stream: 'the same request stream',
      fields: [
        { name: 'FIN', value: 'end of the stream', note: 'an orderly close, after the close frames' },
        {
          name: 'H3_REQUEST_CANCELLED',
          value: '0x010c',
          note: 'the stream error that stands for a TCP reset',
        },
      ],
      text: 'An orderly close ends the QUIC stream with FIN; an abrupt one resets it with the error H3_REQUEST_CANCELLED. The QUIC connection and its other streams continue.',
      rfc: 'RFC 9220 §3',
    },
  ],
};

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

export const HTTP2_SECTION_TEXT = {
  heading: 'Over HTTP/2 and HTTP/3',
  lede: 'The handshake above is the HTTP/1.1 one. Over HTTP/2 and HTTP/3 the same WebSocket starts differently; step through each, or compare all three side by side.',
  compareTab: 'Side by side',
  keyboard:
    'Keyboard: with a step or the Previous or Next button focused, ← and → step through the handshake, Home and End jump to the first and last step. On the tabs, ← and → switch between HTTP/2, HTTP/3 and the comparison.',
  capture:
    'See it in a real capture: the Replay sample “HTTP/2: two WebSockets (h2c)” was made with Node’s node:http2, two WebSockets and a GET on one connection.',
} as const;
