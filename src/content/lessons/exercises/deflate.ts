/**
 * Lesson 11: permessage-deflate. Answers come from `encodeMessage` with the real deflater and from
 * `validatePermessageDeflateResponse`.
 */
import { parseExtensions } from '../../../codec/extensions';
import { toHex } from '../../../codec/hex';
import { encodeMessage } from '../../../codec/message';
import { createDeflater } from '../../../codec/permessage-deflate';
import { validatePermessageDeflateResponse } from '../../../codec/permessage-deflate-negotiation';
import { bits8, byteHex, firstDifference } from './check';
import { decoderLink } from './links';
import { createRng, WORDS } from './prng';
import type { Exercise, Mistake } from './types';

const utf8 = (s: string) => new TextEncoder().encode(s);
const hex1 = (b: number) => toHex(Uint8Array.of(b));

/** Byte 0 of frame j of a compressed, fragmented message. */
export function compressedByte(seed: number): Exercise {
  const rng = createRng(seed);
  const text = `${rng.pick(WORDS)} ${rng.pick(WORDS)} ${rng.pick(WORDS)}`;
  const deflater = createDeflater({}, 'server');
  const whole = deflater.deflate(utf8(text));
  const size = Math.max(2, Math.ceil(whole.length / rng.int(2, 3)));
  const frames = encodeMessage({
    opcode: 1,
    data: utf8(text),
    deflater: createDeflater({}, 'server'),
    fragmentSize: size,
  });
  const j = rng.int(0, frames.length - 1);
  const answer = frames[j]![0]!;
  const mistakes: Mistake[] =
    j === 0
      ? [
          {
            answer: hex1(answer & ~0x40),
            message:
              'The first frame of a compressed message has RSV1 (“Per-Message Compressed”) set: add 0x40.',
          },
        ]
      : [
          {
            answer: hex1(answer | 0x40),
            message:
              'RSV1 marks the whole message as compressed and is set on its first frame only; continuation frames have RSV1 = 0.',
          },
        ];
  mistakes.push({
    answer: hex1(answer ^ 0x80),
    message: j === frames.length - 1 ? 'This is the last frame: FIN = 1.' : 'More frames follow: FIN = 0.',
  });
  return {
    prompt: [
      `permessage-deflate was negotiated. The server compresses the text message \`${text}\` to ${whole.length} bytes and sends them in ${frames.length} frames.`,
      `Type byte 0 of frame ${j + 1}.`,
    ],
    input: { kind: 'hex', label: `Byte 0 of frame ${j + 1} in hex` },
    answer: hex1(answer),
    answerText: `${byteHex(answer)} (${bits8(answer)})`,
    why: `FIN = ${j === frames.length - 1 ? 1 : 0}, RSV1 = ${j === 0 ? 1 : 0} (${j === 0 ? 'first frame of a compressed message' : 'only the first frame carries it'}), opcode ${j === 0 ? '0x1' : '0x0'}.`,
    mistakes,
    otherwise: (given) => firstDifference(hex1(answer), given),
    open: decoderLink(Uint8Array.from(frames.flatMap((f) => Array.from(f))), 's2c', true),
  };
}

const OFFERS = [
  'permessage-deflate; client_max_window_bits',
  'permessage-deflate',
  'permessage-deflate; server_max_window_bits=10',
  'permessage-deflate; client_no_context_takeover; client_max_window_bits',
];
const RESPONSES = [
  'permessage-deflate',
  'permessage-deflate; client_max_window_bits=12',
  'permessage-deflate; server_max_window_bits=12',
  'permessage-deflate; server_max_window_bits=9',
  'permessage-deflate; server_no_context_takeover',
  'permessage-deflate; client_no_context_takeover',
  'permessage-deflate; server_max_window_bits=16',
  'permessage-deflate; mystery=1',
  'permessage-deflate; server_no_context_takeover; server_no_context_takeover',
];

/** Does the client accept the server's permessage-deflate response? */
export function negotiation(seed: number): Exercise {
  const rng = createRng(seed);
  const offer = rng.pick(OFFERS);
  const response = rng.pick(RESPONSES);
  const check = validatePermessageDeflateResponse(
    parseExtensions(offer).extensions,
    parseExtensions(response).extensions,
  );
  const problem = check.ok ? '' : check.problems.map((p) => `${p.message} (${p.rfc})`).join('; ');
  return {
    prompt: [
      `The client offers \`Sec-WebSocket-Extensions: ${offer}\`.`,
      `The server answers \`Sec-WebSocket-Extensions: ${response}\`.`,
      'Does the client accept this answer?',
    ],
    input: {
      kind: 'choice',
      label: 'Does the client accept?',
      options: [
        { value: 'accept', label: 'Yes: compression is on with these parameters' },
        { value: 'fail', label: 'No: the client must fail the connection' },
      ],
    },
    answer: check.ok ? 'accept' : 'fail',
    answerText: check.ok ? 'Yes' : 'No',
    why: check.ok
      ? 'Every parameter of the answer is one the offer allows, with a valid value.'
      : `The answer breaks a rule: ${problem}.`,
    mistakes: [
      check.ok
        ? {
            answer: 'fail',
            message:
              'Nothing is wrong: a server may add server_no_context_takeover or a smaller server_max_window_bits, and client_max_window_bits only when the client offered it.',
          }
        : { answer: 'accept', message: `The client must fail the connection: ${problem}.` },
    ],
    otherwise: () => problem,
  };
}
