import { keyIndex, unmask, xorByte } from './exercises/masking';
import { verdict } from './exercises/verdict';
import type { Lesson } from './types';

export const masking: Lesson = {
  id: 'masking',
  number: 6,
  title: 'Masking',
  minutes: 7,
  sections: ['RFC 6455 §5.3', 'RFC 6455 §10.3', 'RFC 6455 §5.1'],
  summary: 'Why clients mask, and the XOR of payload byte i with key byte i mod 4.',
  blocks: [
    {
      kind: 'p',
      text: 'Every frame a client sends is masked; no frame a server sends is. The reason is not secrecy: the key travels in the clear right before the payload. It is to stop an attacker’s page from choosing the exact bytes that cross the network. Without masking, a script could send bytes that look like an HTTP request to a badly written proxy and poison its cache (RFC 6455 §10.3). With a fresh, unpredictable key for every frame, the script cannot predict what goes on the wire.',
    },
    {
      kind: 'p',
      text: 'The operation is simple: payload byte i is XORed with byte i mod 4 of the key. XOR gives 1 where the bits differ, so the same operation masks and unmasks.',
    },
    { kind: 'masking', payload: 'Hello', key: [0x37, 0xfa, 0x21, 0x3d] },
    {
      kind: 'exercise',
      exercise: { id: 'key-index', title: 'Which key byte?', rules: ['mask-xor'], generate: keyIndex },
    },
    {
      kind: 'exercise',
      exercise: { id: 'xor', title: 'One XOR', rules: ['mask-xor', 'mask-key-fresh'], generate: xorByte },
    },
    {
      kind: 'p',
      text: 'In a frame, the key is the 4 bytes right after the length, and the masked payload follows. A server unmasks with the same XOR.',
    },
    {
      kind: 'exercise',
      exercise: {
        id: 'unmask',
        title: 'Unmask a client frame',
        rules: ['mask-xor', 'frame-client-masks'],
        generate: unmask,
      },
    },
    {
      kind: 'p',
      text: 'A server that receives an unmasked frame must fail the connection (1002), and so must a client that receives a masked one.',
    },
    {
      kind: 'exercise',
      exercise: {
        id: 'verdict',
        title: 'Who masks?',
        rules: ['frame-client-masks', 'frame-server-fails-unmasked', 'frame-server-no-mask'],
        generate: (seed) => verdict(seed, 'masking', 'rule'),
      },
    },
  ],
};
