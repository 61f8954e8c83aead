/** Teaching text for the Handshake view (RFC 6455 §4). */

export const HANDSHAKE_TEXT = {
  intro:
    'Every WebSocket starts as an HTTP/1.1 request that asks to switch protocols. The server checks each header, proves it read the key by hashing it, and answers 101; the client checks the answer. Only then do frames flow.',
  keyboard:
    'Keyboard: Space plays or pauses, → and ← step, Home and End jump to the start and the end, + and − change the speed.',
  emptyHeader: 'Leave a field empty to leave that header out.',
  pasteHelp:
    'Paste a raw request, a raw response, or both (as copied from DevTools “Raw” headers, curl -v, or a capture). Line ends may be \\r\\n or \\n.',
  pastePlaceholder: 'GET /chat HTTP/1.1\nHost: server.example.com\n…\n\nHTTP/1.1 101 Switching Protocols\n…',
  pasteEmpty: 'Paste a request or a response first.',
  serverHelp:
    'What the simulated server speaks and how it answers. Leave an override empty for a correct server.',
  fallbackWhy:
    'WebCrypto’s crypto.subtle exists only in secure contexts (https, or http from localhost). Served over plain http from another address, as on a classroom network, the app falls back to @noble/hashes, an audited JavaScript SHA-1. The result is the same.',
  guid: 'The GUID is fixed by RFC 6455 §1.3. A server that does not speak WebSocket cannot produce this value by accident, and a cached HTTP response cannot contain it.',
} as const;

/** Which headers the editor shows, in request order, with the RFC section that asks for each. */
export const REQUEST_FIELDS = [
  { id: 'method', label: 'Method', rfc: '§4.1 (2)' },
  { id: 'path', label: 'Request-URI', rfc: '§4.1 (3)' },
  { id: 'host', label: 'Host', rfc: '§4.1 (4)' },
  { id: 'upgrade', label: 'Upgrade', rfc: '§4.1 (5)' },
  { id: 'connection', label: 'Connection', rfc: '§4.1 (6)' },
  { id: 'key', label: 'Sec-WebSocket-Key', rfc: '§4.1 (7)' },
  { id: 'origin', label: 'Origin', rfc: '§4.1 (8)' },
  { id: 'version', label: 'Sec-WebSocket-Version', rfc: '§4.1 (9)' },
  { id: 'protocols', label: 'Sec-WebSocket-Protocol', rfc: '§4.1 (10)' },
  { id: 'extensions', label: 'Sec-WebSocket-Extensions', rfc: '§4.1 (11)' },
] as const;

export type RequestFieldId = (typeof REQUEST_FIELDS)[number]['id'];
export type RequestFields = Record<RequestFieldId, string>;

/** How the simulated server misbehaves; empty strings mean "as a correct server". */
export interface ServerOverrides {
  accept: string;
  protocol: string;
  extensions: string;
}

export const DEFAULT_FIELDS: RequestFields = {
  method: 'GET',
  path: '/chat',
  host: 'server.example.com',
  upgrade: 'websocket',
  connection: 'Upgrade',
  key: 'dGhlIHNhbXBsZSBub25jZQ==',
  origin: 'http://example.com',
  version: '13',
  protocols: 'chat, superchat',
  extensions: 'permessage-deflate; client_max_window_bits',
};

export interface HandshakePreset {
  id: string;
  label: string;
  /** What goes wrong and what the RFC says happens, in one or two sentences. */
  description: string;
  fields?: Partial<RequestFields>;
  server?: Partial<ServerOverrides>;
  /** Origins the simulated server accepts, comma-separated (empty or absent: it does not check Origin). */
  allowedOrigins?: string;
}

export const PRESETS: HandshakePreset[] = [
  {
    id: 'valid',
    label: 'A valid handshake (RFC example)',
    description: 'The example of RFC 6455 §1.2: every check passes and the connection opens.',
  },
  {
    id: 'wrong-version',
    label: 'Wrong Sec-WebSocket-Version',
    description:
      'The client asks for version 8. The server answers 426 Upgrade Required with Sec-WebSocket-Version: 13 (§4.4).',
    fields: { version: '8' },
  },
  {
    id: 'missing-upgrade',
    label: 'Missing Upgrade header',
    description:
      'Without Upgrade: websocket this is a plain HTTP request; the server stops and answers 400 (§4.2.1).',
    fields: { upgrade: '' },
  },
  {
    id: 'connection-no-upgrade',
    label: 'Connection without “Upgrade”',
    description:
      'Connection: keep-alive lacks the Upgrade token, so proxies drop the Upgrade header; the server answers 400.',
    fields: { connection: 'keep-alive' },
  },
  {
    id: 'short-key',
    label: 'Key not 16 bytes',
    description: 'The key decodes to 9 bytes, not 16; the server answers 400 (§4.2.1 (5)).',
    fields: { key: 'c2hvcnQta2V5' },
  },
  {
    id: 'wrong-accept',
    label: 'Wrong Sec-WebSocket-Accept',
    description:
      'The server answers 101 with an accept value that does not match the key; the client fails the connection (§4.1).',
    server: { accept: 'HSmrc0sMlYUkAGmm5OPpG2HaGWk=' },
  },
  {
    id: 'unoffered-protocol',
    label: 'Subprotocol not offered',
    description:
      'The server picks “mqtt”, which the client never offered; the client fails the connection (§4.1).',
    server: { protocol: 'mqtt' },
  },
  {
    id: 'unoffered-extension',
    label: 'Extension not offered',
    description:
      'The client offers no extension, yet the server accepts permessage-deflate; the client fails the connection (§4.1).',
    fields: { extensions: '' },
    server: { extensions: 'permessage-deflate' },
  },
  {
    id: 'foreign-origin',
    label: 'Origin the server does not accept',
    description:
      'The server serves pages of https://chat.example.com only; this request comes from a page on http://example.com. A browser always sends Origin, so the server can refuse other sites’ pages: 403 Forbidden, and no WebSocket (§4.2.2, §10.2). A client without Origin (curl, a script) is not a page and passes.',
    allowedOrigins: 'https://chat.example.com',
  },
  {
    id: 'post',
    label: 'POST instead of GET',
    description: 'Only a GET can be upgraded; the server answers 400 (§4.2.1 (1)).',
    fields: { method: 'POST' },
  },
];

/** Labels of the four parts of the RFC the checks come from. */
export const STAGE_LABELS = {
  'client-request': 'What the client must send (§4.1)',
  'server-reads': 'What the server reads (§4.2.1)',
  'server-answers': 'What the server answers (§4.2.2)',
  'client-verifies': 'How the client verifies (§4.1)',
} as const;
