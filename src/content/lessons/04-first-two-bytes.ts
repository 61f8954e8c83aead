import { encodeFrame } from '../../codec/frame-encode';
import { firstByte, headerBits, secondByte } from './exercises/header';
import { verdict } from './exercises/verdict';
import { exercise } from './define';
import type { LessonBody } from './types';

export const firstTwoBytes: LessonBody = (meta) => [
  {
    kind: 'p',
    text: 'Once the handshake is done, everything on the connection is a frame, and every frame starts with the same two bytes. Read them bit by bit, from the most significant bit of byte 0.',
  },
  {
    kind: 'p',
    text: 'Byte 0 holds FIN (1 on the last frame of a message), three reserved bits RSV1, RSV2 and RSV3, and the 4-bit opcode: `0x1` text, `0x2` binary, `0x0` continuation, `0x8` close, `0x9` ping, `0xA` pong. The reserved bits must be 0 unless an extension negotiated in the handshake gives them a meaning.',
  },
  {
    kind: 'frame',
    heading: 'A server’s text frame “Hello” (RFC 6455 §5.7)',
    direction: 'server-to-client',
    bytes: () => encodeFrame({ opcode: 0x1, payload: new TextEncoder().encode('Hello') }),
  },
  {
    kind: 'p',
    text: 'Here byte 0 is `0x81`: `1000 0001`, FIN = 1 and opcode 1. Predict the next one before you check it.',
  },
  exercise(meta, 'byte-0', firstByte),
  {
    kind: 'p',
    text: 'Byte 1 holds MASK (1 when a 4-byte masking key follows the length, which is the case for every frame a client sends) and a 7-bit payload length. Lengths up to 125 fit right there; lesson 5 covers the longer ones. The length counts bytes, not characters.',
  },
  exercise(meta, 'byte-1', (seed) => secondByte(seed)),
  {
    kind: 'p',
    text: 'Now all sixteen bits at once. The grid below is the Builder’s bit diagram: arrow keys move, Space flips a bit.',
  },
  exercise(meta, 'bits', headerBits),
  {
    kind: 'p',
    text: 'A receiver checks these bits before anything else. A reserved bit set without an extension, or an opcode that is not defined (`0x3`–`0x7`, `0xB`–`0xF`), makes it fail the connection at once with 1002.',
  },
  exercise(meta, 'verdict', (seed) => verdict(seed, 'header', 'rule')),
];
