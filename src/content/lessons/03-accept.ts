import { acceptBase64, acceptChoice, acceptInput } from './exercises/handshake';
import { exercise } from './define';
import type { LessonBody } from './types';

export const accept: LessonBody = (meta) => [
  {
    kind: 'p',
    text: 'The server proves that it read the handshake as WebSocket, not as some other protocol, by answering the client’s key with a value only a WebSocket server would compute: append the GUID `258EAFA5-E914-47DA-95CA-C5AB0DC85B11` to the key, hash the result with SHA-1, and encode the 20-byte digest in Base64.',
  },
  {
    kind: 'p',
    text: 'Below is the computation for a key made just for you (it changes with the page’s seed), done by the Handshake view.',
  },
  { kind: 'accept' },
  exercise(meta, 'input', acceptInput),
  {
    kind: 'p',
    text: 'SHA-1 cannot be done by hand in class, but Base64 can: each group of 3 bytes becomes 4 characters of 6 bits each. A 20-byte digest gives 28 characters, the last one `=` padding.',
  },
  exercise(meta, 'base64', acceptBase64),
  {
    kind: 'p',
    text: 'The client computes the same value and compares. Any slip on the server’s side, such as trimming the key’s padding or changing its case, gives a completely different value, and the client fails the connection.',
  },
  exercise(meta, 'choose', acceptChoice),
];
