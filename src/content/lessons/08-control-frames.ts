import { pongReply } from './exercises/messages';
import { secondByte } from './exercises/header';
import { verdict } from './exercises/verdict';
import type { Lesson } from './types';

export const controlFrames: Lesson = {
  id: 'control-frames',
  number: 8,
  title: 'Control frames: ping, pong, close',
  minutes: 5,
  sections: ['RFC 6455 §5.5', 'RFC 6455 §5.5.2', 'RFC 6455 §5.5.3'],
  summary: 'At most 125 bytes, never fragmented, allowed between fragments; a pong echoes its ping.',
  blocks: [
    {
      kind: 'p',
      text: 'Opcodes `0x8`–`0xF` are control frames: close (`0x8`), ping (`0x9`) and pong (`0xA`). They manage the connection rather than carry application messages, and two rules keep them quick to handle: their payload is at most 125 bytes, so the length always fits the 7-bit field, and they are never fragmented (FIN = 1).',
    },
    {
      kind: 'exercise',
      exercise: {
        id: 'byte-1',
        title: 'Byte 1 of a ping',
        rules: ['control-125', 'frame-mask-bit'],
        generate: (seed) => secondByte(seed, { opcode: 0x9 }),
      },
    },
    {
      kind: 'p',
      text: 'An endpoint that receives a ping answers with a pong that carries the same application data, as soon as it can. A pong may also be sent unasked, as a heartbeat; it needs no answer.',
    },
    {
      kind: 'exercise',
      exercise: {
        id: 'pong',
        title: 'Answer the ping',
        rules: ['ping-pong', 'pong-echo', 'frame-server-no-mask'],
        generate: pongReply,
      },
    },
    {
      kind: 'p',
      text: 'Because they are short and whole, control frames may arrive in the middle of a fragmented message, and a receiver must handle them there.',
    },
    {
      kind: 'exercise',
      exercise: {
        id: 'verdict',
        title: 'Valid, or which rule?',
        rules: ['control-125', 'control-no-fragment', 'frag-control-between'],
        generate: (seed) => verdict(seed, 'control', 'rule'),
      },
    },
  ],
};
