import { encodeFrame } from '../../codec/frame-encode';
import { headerLength, lengthBytes, lengthForm } from './exercises/length';
import { verdict } from './exercises/verdict';
import type { Lesson } from './types';

export const lengths: Lesson = {
  id: 'lengths',
  number: 5,
  title: 'Lengths: 7, 16 or 64 bits',
  minutes: 6,
  sections: ['RFC 6455 §5.2'],
  summary:
    'The three forms of the payload length, the minimal-encoding rule and the top bit of the 64-bit form.',
  blocks: [
    {
      kind: 'p',
      text: 'Seven bits hold 0–127, but only 0–125 are lengths. The value 126 means “the real length follows in the next 2 bytes”, and 127 means “it follows in the next 8 bytes”. Both extended forms are unsigned and in network byte order: most significant byte first.',
    },
    {
      kind: 'exercise',
      exercise: {
        id: 'form',
        title: 'Which form?',
        rules: ['frame-length-7', 'frame-length-16', 'frame-length-64'],
        generate: lengthForm,
      },
    },
    {
      kind: 'frame',
      heading: 'A 256-byte binary frame from a server (RFC 6455 §5.7)',
      direction: 'server-to-client',
      bytes: () => encodeFrame({ opcode: 0x2, payload: new Uint8Array(256) }),
    },
    {
      kind: 'p',
      text: 'Here byte 1 is `0x7e` (126) and the next two bytes are `01 00`: 256. The sender must use the shortest form that holds the length, so 125 is never written in 16 bits and 65,535 never in 64.',
    },
    {
      kind: 'exercise',
      exercise: {
        id: 'length-bytes',
        title: 'Type the length bytes',
        rules: ['frame-length-16', 'frame-length-64', 'frame-length-minimal'],
        generate: lengthBytes,
      },
    },
    {
      kind: 'p',
      text: 'The header of a client frame then carries the 4-byte masking key. So a header is 2, 4 or 10 bytes, plus 4 when masked.',
    },
    {
      kind: 'exercise',
      exercise: {
        id: 'header-length',
        title: 'How long is the header?',
        rules: ['frame-length-64', 'frame-mask-bit'],
        generate: headerLength,
      },
    },
    {
      kind: 'p',
      text: 'In the 64-bit form the most significant bit must be 0. A receiver fails a frame that sets it; a length in a longer form than needed breaks the sender’s rule, though most receivers still read it.',
    },
    {
      kind: 'exercise',
      exercise: {
        id: 'verdict',
        title: 'Valid, or which rule?',
        rules: ['frame-length-msb', 'frame-length-minimal'],
        generate: (seed) => verdict(seed, 'length', 'rule'),
      },
    },
  ],
};
