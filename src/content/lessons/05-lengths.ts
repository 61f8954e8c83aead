import { encodeFrame } from '../../codec/frame-encode';
import { headerLength, lengthBytes, lengthForm } from './exercises/length';
import { verdict } from './exercises/verdict';
import { exercise } from './define';
import type { LessonBody } from './types';

export const lengths: LessonBody = (meta) => [
  {
    kind: 'p',
    text: 'Seven bits hold 0–127, but only 0–125 are lengths. The value 126 means “the real length follows in the next 2 bytes”, and 127 means “it follows in the next 8 bytes”. Both extended forms are unsigned and in network byte order: most significant byte first.',
  },
  exercise(meta, 'form', lengthForm),
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
  exercise(meta, 'length-bytes', lengthBytes),
  {
    kind: 'p',
    text: 'The header of a client frame then carries the 4-byte masking key. So a header is 2, 4 or 10 bytes, plus 4 when masked.',
  },
  exercise(meta, 'header-length', headerLength),
  {
    kind: 'p',
    text: 'In the 64-bit form the most significant bit must be 0. A receiver fails a frame that sets it; a length in a longer form than needed breaks the sender’s rule, though most receivers still read it.',
  },
  exercise(meta, 'verdict', (seed) => verdict(seed, 'length', 'rule')),
];
