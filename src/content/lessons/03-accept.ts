import { acceptBase64, acceptChoice, acceptInput } from './exercises/handshake';
import type { Lesson } from './types';

export const accept: Lesson = {
  id: 'accept',
  number: 3,
  title: 'Sec-WebSocket-Accept by hand',
  minutes: 5,
  sections: ['RFC 6455 §4.2.2', 'RFC 6455 §1.3'],
  summary: 'Key + GUID → SHA-1 → Base64, computed with your own random key.',
  blocks: [
    {
      kind: 'p',
      text: 'The server proves that it read the handshake as WebSocket, not as some other protocol, by answering the client’s key with a value only a WebSocket server would compute: append the GUID `258EAFA5-E914-47DA-95CA-C5AB0DC85B11` to the key, hash the result with SHA-1, and encode the 20-byte digest in Base64.',
    },
    {
      kind: 'p',
      text: 'Below is the computation for a key made just for you (it changes with the page’s seed), done by the Handshake view.',
    },
    { kind: 'accept' },
    {
      kind: 'exercise',
      exercise: { id: 'input', title: 'What is hashed?', rules: ['hs-accept-value'], generate: acceptInput },
    },
    {
      kind: 'p',
      text: 'SHA-1 cannot be done by hand in class, but Base64 can: each group of 3 bytes becomes 4 characters of 6 bits each. A 20-byte digest gives 28 characters, the last one `=` padding.',
    },
    {
      kind: 'exercise',
      exercise: {
        id: 'base64',
        title: 'Base64 of the first 3 bytes',
        rules: ['hs-accept-value'],
        generate: acceptBase64,
      },
    },
    {
      kind: 'p',
      text: 'The client computes the same value and compares. Any slip on the server’s side, such as trimming the key’s padding or changing its case, gives a completely different value, and the client fails the connection.',
    },
    {
      kind: 'exercise',
      exercise: {
        id: 'choose',
        title: 'Spot the right accept value',
        rules: ['hs-accept-value', 'hs-client-checks-accept', 'hs-key'],
        generate: acceptChoice,
      },
    },
  ],
};
