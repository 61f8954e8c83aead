import { requestForUrl, responseOpens, serverReply } from './exercises/handshake';
import { exercise } from './define';
import type { LessonBody } from './types';

export const httpToWebsocket: LessonBody = (meta) => [
  {
    kind: 'p',
    text: 'HTTP is request and response: the client asks, the server answers, and the server cannot speak first. Chat, games and live dashboards need both sides to send whenever they like. WebSocket gives them one TCP connection on which either side sends messages at any time.',
  },
  {
    kind: 'p',
    text: 'It starts as HTTP so that it can use the same ports (80 and 443), the same proxies and the same servers. The client sends an ordinary `GET` with `Upgrade: websocket`; a server that agrees answers `101 Switching Protocols`, and from the next byte on, both sides speak WebSocket frames. Nothing after that is HTTP.',
  },
  {
    kind: 'p',
    text: 'WebSocket URLs look like HTTP ones: `ws://host:port/path?query` for plain TCP (default port 80) and `wss://` over TLS (default port 443). The path and query go in the request line; the host and a non-default port go in the Host header.',
  },
  exercise(meta, 'host', requestForUrl),
  {
    kind: 'p',
    text: 'Whether the connection switches is decided by the server’s answer. Only a 101 with the right headers opens it; anything else leaves the client in HTTP, or makes it fail the connection.',
  },
  exercise(meta, 'switch', responseOpens),
  {
    kind: 'p',
    text: 'The request itself has to be a proper upgrade: a GET, HTTP/1.1 at least, and the upgrade headers.',
  },
  exercise(meta, 'reply', serverReply),
];
