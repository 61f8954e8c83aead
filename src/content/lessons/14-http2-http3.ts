import { acceptStatus, connectSetting, extendedConnect, hpackField } from './exercises/http2';
import { exercise } from './define';
import type { LessonBody } from './types';

export const http2Http3: LessonBody = (meta) => [
  {
    kind: 'p',
    text: 'HTTP/2 cannot do the HTTP/1.1 upgrade: it has no 101 status, and it forbids `Upgrade` and `Connection` headers, because one connection carries many streams and none of them may switch the whole connection to another protocol. RFC 8441 opens a WebSocket on one stream instead, with an extended CONNECT; RFC 9220 does the same over HTTP/3. Chrome and Firefox use it over TLS when the server offers it.',
  },
  { kind: 'h', text: 'The server offers it' },
  {
    kind: 'p',
    text: 'A server that supports it sends the setting SETTINGS_ENABLE_CONNECT_PROTOCOL, identifier 0x8, with the value 1 in its SETTINGS frame. Until a client has received it, it must not send an extended CONNECT (RFC 8441 §3). HTTP/3 uses the same identifier in its own SETTINGS frame (RFC 9220 §3).',
  },
  exercise(meta, 'setting', connectSetting),
  { kind: 'h', text: 'The request' },
  {
    kind: 'p',
    text: 'The request is a CONNECT with a new pseudo-header, `:protocol websocket`, and, unlike a plain CONNECT, `:scheme` and `:path` (RFC 8441 §4). `sec-websocket-version: 13` goes with it, and so may `sec-websocket-protocol`, `sec-websocket-extensions` and `origin`. There is no Sec-WebSocket-Key and no Sec-WebSocket-Accept (RFC 8441 §5): they exist to prove that an HTTP/1.1 server understood the upgrade, and a server that enabled the setting has already said so.',
  },
  {
    kind: 'p',
    text: '```:method: CONNECT\n:protocol: websocket\n:scheme: https\n:path: /chat\n:authority: example.com\nsec-websocket-version: 13\nsec-websocket-protocol: chat',
  },
  exercise(meta, 'request', extendedConnect),
  exercise(meta, 'hpack', hpackField),
  { kind: 'h', text: 'The answer and the frames' },
  {
    kind: 'p',
    text: 'The server accepts with a 2xx status: `:status 200`, not 101. From then on the stream’s DATA frames carry ordinary WebSocket frames, masked by the client as in lesson 6, closed by a close frame as in lesson 9; the stream ends with END_STREAM or, when something breaks, RST_STREAM. Many WebSockets can share one connection, one stream each, beside ordinary requests.',
  },
  exercise(meta, 'status', acceptStatus),
  {
    kind: 'p',
    text: 'Over HTTP/3 (RFC 9220) the request and the answer are the same, carried on a QUIC stream in HTTP/3 HEADERS and DATA frames; the WebSocket frames inside do not change at all. Framescope’s capture importer reads cleartext HTTP/2 (h2c) captures and shows each extended CONNECT stream as a connection of its own; HTTP/3 runs over QUIC, which is always encrypted, so it cannot be read from a capture without keys.',
  },
];
