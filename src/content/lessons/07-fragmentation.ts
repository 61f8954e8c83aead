import { encodeMessage } from '../../codec/message';
import { fragmentByte, fragmentCount } from './exercises/messages';
import { verdict } from './exercises/verdict';
import { exercise } from './define';
import type { LessonBody } from './types';

export const fragmentation: LessonBody = (meta) => [
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
  exercise(meta, 'count', fragmentCount),
  exercise(meta, 'byte-0', fragmentByte),
  {
    kind: 'p',
    text: 'Between the fragments of a message only control frames (ping, pong, close) may appear. Another text or binary frame before the last fragment, or a continuation frame when no message was started, is a protocol error: the receiver fails the connection with 1002.',
  },
  exercise(meta, 'verdict', (seed) => verdict(seed, 'fragments', 'rule')),
];
