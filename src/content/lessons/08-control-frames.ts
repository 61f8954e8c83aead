import { pongReply } from './exercises/messages';
import { secondByte } from './exercises/header';
import { verdict } from './exercises/verdict';
import { exercise } from './define';
import type { LessonBody } from './types';

export const controlFrames: LessonBody = (meta) => [
  {
    kind: 'p',
    text: 'Opcodes `0x8`–`0xF` are control frames: close (`0x8`), ping (`0x9`) and pong (`0xA`). They manage the connection rather than carry application messages, and two rules keep them quick to handle: their payload is at most 125 bytes, so the length always fits the 7-bit field, and they are never fragmented (FIN = 1).',
  },
  exercise(meta, 'byte-1', (seed) => secondByte(seed, { opcode: 0x9 })),
  {
    kind: 'p',
    text: 'An endpoint that receives a ping answers with a pong that carries the same application data, as soon as it can. A pong may also be sent unasked, as a heartbeat; it needs no answer.',
  },
  exercise(meta, 'pong', pongReply),
  {
    kind: 'p',
    text: 'Because they are short and whole, control frames may arrive in the middle of a fragmented message, and a receiver must handle them there.',
  },
  exercise(meta, 'verdict', (seed) => verdict(seed, 'control', 'rule')),
];
