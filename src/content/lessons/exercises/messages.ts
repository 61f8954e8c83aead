/**
 * Lessons 7–10: fragments, pings and pongs, close payloads, UTF-8. Answers come from `encodeMessage`,
 * `encodeFrame`, `encodeClosePayload`, `describeCloseCode` and `validateUtf8`.
 */
import { describeCloseCode, encodeClosePayload } from '../../../codec/close';
import { decodeFrame } from '../../../codec/frame';
import { encodeFrame } from '../../../codec/frame-encode';
import { toHex } from '../../../codec/hex';
import { encodeMessage } from '../../../codec/message';
import { validateUtf8 } from '../../../codec/utf8';
import { bits8, byteHex, firstDifference } from './check';
import { decoderLink, frameRegions } from './links';
import { createRng, WORDS } from './prng';
import type { Exercise, Mistake } from './types';

const utf8 = (s: string) => new TextEncoder().encode(s);
const hex1 = (b: number) => toHex(Uint8Array.of(b));

const SENTENCES = [
  'Hello, World',
  'fragments please',
  'one two three four',
  'score:7 move:e4',
  '{"type":"chat"}',
];

/** Byte 0 of frame j of a fragmented message. */
export function fragmentByte(seed: number): Exercise {
  const rng = createRng(seed);
  const text = rng.pick(SENTENCES);
  const opcode = rng.pick([1, 2] as const);
  const size = rng.int(3, 6);
  const frames = encodeMessage({ opcode, data: utf8(text), fragmentSize: size });
  const j = rng.int(0, frames.length - 1);
  const answer = frames[j]![0]!;
  const last = j === frames.length - 1;
  const mistakes: Mistake[] = [
    {
      answer: hex1(answer ^ 0x80),
      message: last
        ? 'This is the last fragment: FIN = 1.'
        : 'More fragments follow this one, so FIN = 0; only the last fragment has FIN = 1.',
    },
  ];
  if (j > 0) {
    mistakes.push({
      answer: hex1(answer | opcode),
      message: `Only the first frame carries the opcode (0x${opcode}); the frames after it are continuation frames, opcode 0x0.`,
    });
  } else {
    mistakes.push({
      answer: hex1(answer & 0xf0),
      message: `The first frame carries the message's opcode (0x${opcode}); only the frames after it use 0x0.`,
    });
  }
  return {
    prompt: [
      `A server sends the ${opcode === 1 ? 'text' : 'binary'} message \`${text}\` (${utf8(text).length} bytes) in frames of at most ${size} payload bytes.`,
      `Type byte 0 of frame ${j + 1} of ${frames.length}.`,
    ],
    input: { kind: 'hex', label: `Byte 0 of frame ${j + 1} in hex` },
    answer: hex1(answer),
    answerText: `${byteHex(answer)} (${bits8(answer)})`,
    why: `Frame ${j + 1}: FIN = ${last ? 1 : 0} (${last ? 'the last' : 'not the last'}), opcode ${j === 0 ? `0x${opcode}` : '0x0 (continuation)'}.`,
    mistakes,
    otherwise: (given) => firstDifference(hex1(answer), given),
    open: decoderLink(Uint8Array.from(frames.flatMap((f) => Array.from(f))), 's2c'),
  };
}

/** How many frames does a message take? */
export function fragmentCount(seed: number): Exercise {
  const rng = createRng(seed);
  const length = rng.int(7, 40);
  const size = rng.int(2, 9);
  const frames = encodeMessage({ opcode: 2, data: rng.bytes(length), fragmentSize: size });
  const n = frames.length;
  return {
    prompt: [
      `A binary message of ${length} bytes is sent in frames of at most ${size} payload bytes each.`,
      'How many frames go on the wire?',
    ],
    input: { kind: 'text', label: 'Number of frames' },
    answer: String(n),
    answerText: `${n} frames`,
    why: `${n - 1} full frame${n - 1 === 1 ? '' : 's'} of ${size} bytes, the last carrying the ${length - (n - 1) * size} left; only the last has FIN = 1.`,
    mistakes: [
      {
        answer: String(Math.floor(length / size)),
        message: `${length} ÷ ${size} leaves ${length % size} bytes over: they need one more frame.`,
      },
      {
        answer: String(n + 1),
        message: 'A continuation frame is not needed to end a message: the last fragment itself has FIN = 1.',
      },
    ],
    otherwise: () => `Divide ${length} by ${size} and round up.`,
  };
}

/** The server's pong to a client's ping. */
export function pongReply(seed: number): Exercise {
  const rng = createRng(seed);
  const data = utf8(rng.pick(WORDS));
  const key = rng.bytes(4);
  const ping = encodeFrame({ opcode: 9, payload: data, mask: key });
  const decoded = decodeFrame(ping, 0, { role: 'server' });
  const echoed = decoded.incomplete ? data : decoded.payload;
  const pong = encodeFrame({ opcode: 0xa, payload: echoed });
  const answer = toHex(pong);
  return {
    prompt: ['A server receives this ping from a client.', 'Type every byte of the pong it answers with.'],
    shown: [{ label: 'The ping', bytes: ping, regions: frameRegions(6, 0, true, ping.length) }],
    input: { kind: 'hex', label: 'The pong frame in hex' },
    answer,
    answerText: answer,
    why: 'Opcode 0xA with FIN = 1, no mask (a server never masks), and the ping’s application data, unmasked, unchanged.',
    mistakes: [
      {
        answer: toHex(
          encodeFrame({ opcode: 0xa, payload: decoded.incomplete ? data : decoded.maskedPayload }),
        ),
        message:
          'You echoed the masked bytes. The pong carries the ping’s application data: unmask it first.',
      },
      {
        answer: toHex(encodeFrame({ opcode: 0x9, payload: echoed })),
        message: 'That is a ping (opcode 0x9). The answer to a ping is a pong, opcode 0xA.',
      },
      {
        answer: toHex(encodeFrame({ opcode: 0xa, payload: echoed, mask: key })),
        message: 'A server never masks: drop the MASK bit and the key.',
      },
      {
        answer: toHex(Uint8Array.of(pong[0]!, pong[1]!)),
        message: 'A pong must carry the same application data as the ping it answers.',
      },
    ],
    otherwise: (given) => firstDifference(answer, given),
    open: decoderLink(ping, 'c2s'),
  };
}

/** The payload of a close frame. */
export function closePayload(seed: number): Exercise {
  const rng = createRng(seed);
  const code = rng.pick([1000, 1001, 1003, 1008, 1011, 3000, 4000 + rng.int(0, 999)]);
  const reason = rng.pick(['', 'bye', 'done', 'idle']);
  const payload = encodeClosePayload(code, reason);
  const answer = toHex(payload);
  const little = Uint8Array.from(payload);
  little[0] = payload[1]!;
  little[1] = payload[0]!;
  const digits = String(code).padStart(4, '0');
  return {
    prompt: [
      `An endpoint closes with status code ${code}${reason ? ` and the reason \`${reason}\`` : ' and no reason'}.`,
      'Type the payload of its close frame in hex.',
    ],
    input: { kind: 'hex', label: 'Close payload in hex' },
    answer,
    answerText: answer,
    why: `${code} = ${byteHex(code >> 8)}${(code & 0xff).toString(16).padStart(2, '0')}, 2 bytes in network byte order${reason ? ', then the reason in UTF-8' : ''}.`,
    mistakes: [
      {
        answer: toHex(little),
        message: 'You wrote the code little-endian. Network byte order puts the most significant byte first.',
      },
      {
        answer: toHex(
          Uint8Array.of(
            parseInt(digits.slice(0, 2), 16),
            parseInt(digits.slice(2), 16),
            ...payload.subarray(2),
          ),
        ),
        message: `You wrote the decimal digits of ${code} as hex. ${code} is ${byteHex(code)}.`,
      },
      ...(reason
        ? [
            {
              answer: toHex(payload.subarray(0, 2)),
              message: 'The reason travels too, as UTF-8 after the code.',
            },
          ]
        : []),
    ],
    otherwise: (given) => firstDifference(answer, given),
  };
}

/** May this code be sent in a close frame? */
export function closeOnWire(seed: number): Exercise {
  const rng = createRng(seed);
  const code = rng.pick([
    999,
    1000,
    1002,
    1004,
    1005,
    1006,
    1009,
    1012,
    1015,
    1016,
    2999,
    3000,
    4999,
    5000,
    rng.int(0, 65535),
  ]);
  const info = describeCloseCode(code);
  const answer = info.allowedOnWire ? 'yes' : 'no';
  return {
    prompt: [`May an endpoint put the status code ${code} in a close frame?`],
    input: {
      kind: 'choice',
      label: `May ${code} be sent?`,
      options: [
        { value: 'yes', label: 'Yes' },
        { value: 'no', label: 'No: a receiver fails the connection with 1002' },
      ],
    },
    answer,
    answerText: `${answer === 'yes' ? 'Yes' : 'No'}: ${info.name}`,
    why: info.meaning,
    mistakes: [
      { answer: answer === 'yes' ? 'no' : 'yes', message: `${code} is ${info.name}: ${info.meaning}` },
    ],
    otherwise: () => info.meaning,
  };
}

const BROKEN: { bytes: number[]; what: string }[] = [
  { bytes: [0xff], what: '0xFF never appears in UTF-8' },
  { bytes: [0x80], what: 'a continuation byte with no lead byte' },
  { bytes: [0xc0, 0x80], what: 'an overlong encoding' },
  { bytes: [0xed, 0xa0, 0x80], what: 'a UTF-16 surrogate' },
  { bytes: [0xe2, 0x28, 0xa1], what: 'a 3-byte lead followed by a non-continuation byte' },
  { bytes: [0xf4, 0x90, 0x80, 0x80], what: 'a code point above U+10FFFF' },
];

/** The index of the first invalid byte of a text payload. */
export function firstBadByte(seed: number): Exercise {
  const rng = createRng(seed);
  const before = utf8(rng.pick(['héllo ', 'ok ', 'Grüße ', '€5 ', 'abc']));
  const broken = rng.pick(BROKEN);
  const after = utf8(rng.pick(['x', 'yz', ' end']));
  const payload = Uint8Array.from([...before, ...broken.bytes, ...after]);
  const result = validateUtf8(payload);
  const index = result.valid ? -1 : result.index;
  return {
    prompt: [
      'A text message arrives with this payload.',
      'At which index (from 0) is the first byte a receiver rejects?',
    ],
    shown: [{ label: 'Text payload', bytes: payload }],
    input: { kind: 'text', label: 'Index of the first invalid byte' },
    answer: String(index),
    answerText: `index ${index}`,
    why: result.valid
      ? 'It is valid.'
      : `Byte ${byteHex(result.byte)} at index ${index}: ${result.why}. The receiver fails with 1007 right there (RFC 6455 §8.1).`,
    mistakes: [
      { answer: String(index + 1), message: 'You counted from 1; indices start at 0.' },
      {
        answer: String(before.length + broken.bytes.length - 1),
        message:
          'Fail fast: the receiver stops at the first byte that cannot be part of valid UTF-8, not at the end of the broken sequence.',
      },
    ],
    otherwise: () =>
      `Walk the bytes: ASCII is 00–7F; a lead byte C2–DF, E0–EF or F0–F4 announces 1, 2 or 3 continuation bytes 80–BF.`,
  };
}
