import { responseOpens, serverReply } from './exercises/handshake';
import { negotiation } from './exercises/deflate';
import type { Lesson } from './types';

export const openingHandshake: Lesson = {
  id: 'opening-handshake',
  number: 2,
  title: 'The opening handshake',
  minutes: 6,
  sections: ['RFC 6455 §4.1', 'RFC 6455 §4.2'],
  summary: 'The request’s required headers, each check a server makes, and 101 vs 400 vs 426.',
  blocks: [
    {
      kind: 'p',
      text: 'A client’s opening handshake is a GET request with HTTP/1.1 or later and these headers: `Host`, `Upgrade: websocket`, `Connection: Upgrade`, `Sec-WebSocket-Key` (16 random bytes in Base64) and `Sec-WebSocket-Version: 13`. `Origin` is sent by browsers; `Sec-WebSocket-Protocol` and `Sec-WebSocket-Extensions` are optional offers.',
    },
    {
      kind: 'p',
      text: 'The server checks them in order and stops at the first problem. A missing or malformed header gets `400 Bad Request`. A version it does not speak gets `426 Upgrade Required` with `Sec-WebSocket-Version: 13`, so the client knows what to retry with. Header names, and the values `websocket` and `Upgrade`, are case-insensitive.',
    },
    {
      kind: 'exercise',
      exercise: {
        id: 'reply',
        title: '101, 400 or 426?',
        rules: ['hs-connection', 'hs-key', 'hs-version', 'hs-server-400', 'hs-server-426', 'hs-host'],
        generate: serverReply,
      },
    },
    {
      kind: 'p',
      text: 'The client checks the answer too: status 101, `Upgrade: websocket`, `Connection: Upgrade`, and a `Sec-WebSocket-Accept` that matches its key (lesson 3). If any is wrong, it fails the connection.',
    },
    {
      kind: 'exercise',
      exercise: {
        id: 'client-check',
        title: 'The client’s verdict',
        rules: ['hs-client-checks-101', 'hs-client-checks-accept'],
        generate: responseOpens,
      },
    },
    {
      kind: 'p',
      text: 'Extensions and subprotocols are offers: the server picks at most what was offered. A response that names an extension the client did not offer, or a parameter it did not allow, makes the client fail the connection. Lesson 11 covers permessage-deflate’s parameters; here is a first look.',
    },
    {
      kind: 'exercise',
      exercise: {
        id: 'extension-answer',
        title: 'An extension in the answer',
        rules: ['hs-client-checks-extensions', 'pmd-response-offered'],
        generate: negotiation,
      },
    },
  ],
};
