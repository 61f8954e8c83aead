import { encodeMessage } from '../../codec/message';
import { fragmentByte, fragmentCount } from './exercises/messages';
import { verdict } from './exercises/verdict';
import type { Lesson } from './types';

export const fragmentation: Lesson = {
  id: 'fragmentation',
  number: 7,
  title: 'Fragmentation',
  minutes: 6,
  sections: ['RFC 6455 §5.4'],
  summary: 'One message in several frames: continuation opcodes, FIN, and what may come between fragments.',
  blocks: [
    {
      kind: 'p',
      text: 'A message does not have to fit one frame. A sender that does not know the final length yet, or wants to interleave a ping, splits it: the first frame has the message’s opcode (text or binary) and FIN = 0, the frames after it are continuation frames (opcode `0x0`), and the last one has FIN = 1.',
    },
    {
      kind: 'frame',
      heading: 'The second of three frames of “Hello World”',
      direction: 'server-to-client',
      bytes: () =>
        encodeMessage({ opcode: 1, data: new TextEncoder().encode('Hello World'), fragmentSize: 5 })[1]!,
    },
    {
      kind: 'exercise',
      exercise: {
        id: 'count',
        title: 'How many frames?',
        rules: ['frag-first-opcode'],
        generate: fragmentCount,
      },
    },
    {
      kind: 'exercise',
      exercise: {
        id: 'byte-0',
        title: 'Byte 0 of a fragment',
        rules: ['frag-first-opcode', 'frame-fin'],
        generate: fragmentByte,
      },
    },
    {
      kind: 'p',
      text: 'Between the fragments of a message only control frames (ping, pong, close) may appear. Another text or binary frame before the last fragment, or a continuation frame when no message was started, is a protocol error: the receiver fails the connection with 1002.',
    },
    {
      kind: 'exercise',
      exercise: {
        id: 'verdict',
        title: 'Valid, or which rule?',
        rules: ['frag-no-interleave', 'frag-control-between', 'frag-order'],
        generate: (seed) => verdict(seed, 'fragments', 'rule'),
      },
    },
  ],
};
