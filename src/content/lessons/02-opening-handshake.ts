import { responseOpens, serverReply } from './exercises/handshake';
import { negotiation } from './exercises/deflate';
import { exercise } from './define';
import type { LessonBody } from './types';

export const openingHandshake: LessonBody = (meta) => [
  {
    kind: 'p',
    text: 'A client’s opening handshake is a GET request with HTTP/1.1 or later and these headers: `Host`, `Upgrade: websocket`, `Connection: Upgrade`, `Sec-WebSocket-Key` (16 random bytes in Base64) and `Sec-WebSocket-Version: 13`. `Origin` is sent by browsers; `Sec-WebSocket-Protocol` and `Sec-WebSocket-Extensions` are optional offers.',
  },
  {
    kind: 'p',
    text: 'The server checks them in order and stops at the first problem. A missing or malformed header gets `400 Bad Request`. A version it does not speak gets `426 Upgrade Required` with `Sec-WebSocket-Version: 13`, so the client knows what to retry with. Header names, and the values `websocket` and `Upgrade`, are case-insensitive.',
  },
  exercise(meta, 'reply', serverReply),
  {
    kind: 'p',
    text: 'The client checks the answer too: status 101, `Upgrade: websocket`, `Connection: Upgrade`, and a `Sec-WebSocket-Accept` that matches its key (lesson 3). If any is wrong, it fails the connection.',
  },
  exercise(meta, 'client-check', responseOpens),
  {
    kind: 'p',
    text: 'Extensions and subprotocols are offers: the server picks at most what was offered. A response that names an extension the client did not offer, or a parameter it did not allow, makes the client fail the connection. Lesson 11 covers permessage-deflate’s parameters; here is a first look.',
  },
  exercise(meta, 'extension-answer', negotiation),
];
