/**
 * Teaching text for WebSockets over HTTP/2 (RFC 8441) in the Handshake view: the steps of the handshake as data
 * (who sends which frame on which stream, with its fields). HTTP/3 is in `http3-handshake.ts`, the side-by-side
 * table in `handshake-comparison.ts`. Rendered as text, never as HTML.
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

/** The extended CONNECT request's fields, the same over HTTP/2 and HTTP/3. */
export const REQUEST_FIELDS = (scheme: string): WireField[] => [
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

/** The response's fields, the same over HTTP/2 and HTTP/3. */
export const RESPONSE_FIELDS: WireField[] = [
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

export const HTTP2_SECTION_TEXT = {
  heading: 'Over HTTP/2 and HTTP/3',
  lede: 'The handshake above is the HTTP/1.1 one. Over HTTP/2 and HTTP/3 the same WebSocket starts differently; step through each, or compare all three side by side.',
  compareTab: 'Side by side',
  keyboard:
    'Keyboard: with a step or the Previous or Next button focused, ← and → step through the handshake, Home and End jump to the first and last step. On the tabs, ← and → switch between HTTP/2, HTTP/3 and the comparison.',
  capture:
    'See it in a real capture: the Replay sample “HTTP/2: two WebSockets (h2c)” was made with Node’s node:http2, two WebSockets and a GET on one connection.',
} as const;
