import { keyIndex, unmask, xorByte } from './exercises/masking';
import { verdict } from './exercises/verdict';
import { exercise } from './define';
import type { LessonBody } from './types';

export const masking: LessonBody = (meta) => [
  {
    kind: 'p',
    text: 'Every frame a client sends is masked; no frame a server sends is. The reason is not secrecy: the key travels in the clear right before the payload. It is to stop an attacker’s page from choosing the exact bytes that cross the network. Without masking, a script could send bytes that look like an HTTP request to a badly written proxy and poison its cache (RFC 6455 §10.3). With a fresh, unpredictable key for every frame, the script cannot predict what goes on the wire.',
  },
  {
    kind: 'p',
    text: 'The operation is simple: payload byte i is XORed with byte i mod 4 of the key. XOR gives 1 where the bits differ, so the same operation masks and unmasks.',
  },
  { kind: 'masking', payload: 'Hello', key: [0x37, 0xfa, 0x21, 0x3d] },
  exercise(meta, 'key-index', keyIndex),
  exercise(meta, 'xor', xorByte),
  {
    kind: 'p',
    text: 'In a frame, the key is the 4 bytes right after the length, and the masked payload follows. A server unmasks with the same XOR.',
  },
  exercise(meta, 'unmask', unmask),
  {
    kind: 'p',
    text: 'A server that receives an unmasked frame must fail the connection (1002), and so must a client that receives a masked one.',
  },
  exercise(meta, 'verdict', (seed) => verdict(seed, 'masking', 'rule')),
];
