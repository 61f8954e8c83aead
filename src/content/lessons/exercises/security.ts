/**
 * Lesson 12: size limits. How soon does a receiver with a limit fail? The answer is found by pushing the frame
 * into a real receiver one byte at a time.
 */
import { decodeFrame } from '../../../codec/frame';
import { encodeFrame } from '../../../codec/frame-encode';
import { createReceiver } from '../../../codec/receiver';
import { createRng } from './prng';
import type { Exercise } from './types';

export function failAfter(seed: number): Exercise {
  const rng = createRng(seed);
  const limit = rng.pick([1024, 4096, 65536]);
  const length = rng.pick([limit + rng.int(1, 100), rng.int(70_000, 200_000), 1 << 20]);
  // Only the header and a few payload bytes are built: the receiver must decide from the header.
  const frame = encodeFrame({ opcode: 2, payload: new Uint8Array(length), mask: rng.bytes(4) });
  const receiver = createReceiver({ role: 'server', maxMessageSize: limit });
  let pushed = 0;
  for (; pushed < frame.length; pushed++) {
    if (receiver.push(frame.subarray(pushed, pushed + 1)).some((e) => e.type === 'fail')) break;
  }
  const answer = pushed + 1;
  const total = frame.length;
  const decoded = decodeFrame(frame);
  const ext = decoded.incomplete ? 0 : decoded.headerLength - 6;
  return {
    prompt: [
      `A server accepts messages of at most ${limit.toLocaleString('en-US')} bytes. A client starts sending a binary frame with a ${length.toLocaleString('en-US')}-byte payload.`,
      'The bytes arrive one at a time. Like Framescope’s own server, this one reads the whole header (the masking key included) before it judges it. After how many bytes of the frame does it fail the connection with 1009?',
    ],
    input: { kind: 'text', label: 'Bytes received when it fails' },
    answer: String(answer),
    answerText: `${answer} bytes`,
    why: `The header (2 bytes, ${ext} of extended length, ${answer - 2 - ext} of masking key) says ${length.toLocaleString('en-US')} bytes follow, more than ${limit.toLocaleString('en-US')}: the server fails right after the header, without waiting for or allocating the payload.`,
    mistakes: [
      {
        answer: String(total),
        message: 'It need not wait for the whole frame: the header already says how long the payload is.',
      },
      {
        answer: String(limit),
        message:
          'It need not read the payload up to the limit: the header already says how long the payload is.',
      },
      {
        answer: '2',
        message: `After 2 bytes only the 7-bit field is known, and it says ${frame[1]! & 0x7f}: the real length is in the ${ext} bytes that follow.`,
      },
    ],
    otherwise: () => 'Count the bytes of the whole header: 2, the extended length, the masking key.',
  };
}
