/**
 * Lesson 6: masking (RFC 6455 §5.3). Answers come from `applyMask`, `maskSteps` and `decodeFrame`; mistakes
 * are the same functions applied with the mistaken key (byte 0 only, read backwards) or skipped.
 */
import { decodeFrame } from '../../../codec/frame';
import { encodeFrame } from '../../../codec/frame-encode';
import { toHex } from '../../../codec/hex';
import { applyMask, maskSteps } from '../../../codec/mask';
import { bits8, byteHex, firstDifference } from './check';
import { decoderLink, frameRegions, maskingLink } from './links';
import { createRng, WORDS } from './prng';
import type { Exercise, Mistake } from './types';

const utf8 = (s: string) => new TextEncoder().encode(s);
const hex1 = (b: number) => toHex(Uint8Array.of(b));

/** A payload of 5–12 bytes, so index i mod 4 wraps at least once. */
function longPayload(words: () => string): Uint8Array {
  let text = words();
  while (utf8(text).length < 5) text += ` ${words()}`;
  return utf8(text).subarray(0, 12);
}

/** Mask one payload byte. */
export function xorByte(seed: number): Exercise {
  const rng = createRng(seed);
  const payload = longPayload(() => rng.pick(WORDS));
  const key = rng.bytes(4);
  const i = rng.int(1, payload.length - 1);
  const masked = applyMask(payload, key);
  const answer = masked[i]!;
  const k = maskSteps(payload, key, i, i + 1)[0]!.keyIndex;
  const p = payload[i]!;
  const mistakes: Mistake[] = [
    {
      answer: hex1(p ^ key[0]!),
      message: `You XORed with key byte 0 instead of key byte ${i} mod 4 = ${k} (${byteHex(key[k]!)}).`,
    },
    {
      answer: hex1(p | key[k]!),
      message: `You used OR. Masking is XOR: a bit is 1 where the two bits differ, so 1 ⊕ 1 = 0.`,
    },
    {
      answer: hex1(p & key[k]!),
      message: 'You used AND. Masking is XOR: a bit is 1 where the two bits differ.',
    },
    {
      answer: hex1(p),
      message: 'That is the payload byte unchanged: it still has to be XORed with its key byte.',
    },
  ];
  return {
    prompt: [
      `The client masks the payload below with the key \`${toHex(key)}\`.`,
      `Type the masked value of payload byte ${i} (counting from 0).`,
    ],
    shown: [
      {
        label: 'Payload before masking',
        bytes: payload,
        regions: [{ start: i, end: i + 1, tone: 'payload' }],
      },
      { label: 'Masking key', bytes: key, regions: [{ start: 0, end: 4, tone: 'key' }] },
    ],
    input: { kind: 'hex', label: `Masked byte ${i} in hex` },
    answer: hex1(answer),
    answerText: byteHex(answer),
    why: `${i} mod 4 = ${k}, so ${byteHex(p)} ⊕ ${byteHex(key[k]!)}: ${bits8(p)} ⊕ ${bits8(key[k]!)} = ${bits8(answer)}.`,
    mistakes,
    otherwise: (given) => firstDifference(hex1(answer), given),
    open: maskingLink(payload, key),
  };
}

/** Which key byte masks payload byte i? */
export function keyIndex(seed: number): Exercise {
  const rng = createRng(seed);
  const i = rng.int(3, 60);
  const payload = new Uint8Array(i + 1);
  const key = rng.bytes(4);
  const k = maskSteps(payload, key, i, i + 1)[0]!.keyIndex;
  const options = [0, 1, 2, 3].map((n) => ({ value: String(n), label: `key byte ${n}` }));
  return {
    prompt: [`Which byte of the masking key is XORed with payload byte ${i} (counting from 0)?`],
    input: { kind: 'choice', label: 'Key byte', options },
    answer: String(k),
    answerText: `key byte ${k}`,
    why: `${i} mod 4 = ${k}: the key repeats every 4 bytes.`,
    mistakes: [
      {
        answer: String((k + 3) % 4),
        message: `You counted from 1. Payload byte ${i} is the ${i + 1}th byte; with indices from 0 it uses ${i} mod 4 = ${k}.`,
      },
      { answer: String((k + 1) % 4), message: `That is (${i} + 1) mod 4; byte i uses key byte i mod 4.` },
    ],
    otherwise: (given) =>
      `Key byte ${given} masks payload bytes ${given}, ${Number(given) + 4}, ${Number(given) + 8}, …; ${i} is not one of them.`,
  };
}

/** Unmask a client frame's payload. */
export function unmask(seed: number): Exercise {
  const rng = createRng(seed);
  const text = rng.pick(WORDS);
  const payload = utf8(text).subarray(0, 8);
  const key = rng.bytes(4);
  const frame = encodeFrame({ opcode: 0x1, payload, mask: key });
  const decoded = decodeFrame(frame);
  const plain = decoded.incomplete ? payload : decoded.payload;
  const maskedBytes = decoded.incomplete ? payload : decoded.maskedPayload;
  const answer = toHex(plain);
  const reversedKey = Uint8Array.from(key).reverse();
  return {
    prompt: ['The client sent this frame. Unmask its payload and type the payload bytes in hex.'],
    shown: [{ label: 'The frame', bytes: frame, regions: frameRegions(6, 0, true, frame.length) }],
    input: { kind: 'hex', label: 'Unmasked payload in hex' },
    answer,
    answerText: `${answer} (“${text}”)`,
    why: `The key is bytes 2–5; payload byte i is XORed with key byte i mod 4, the same operation that masked it.`,
    mistakes: [
      {
        answer: toHex(maskedBytes),
        message: 'Those are the masked bytes as they travel: XOR each with its key byte.',
      },
      {
        answer: toHex(applyMask(maskedBytes, reversedKey)),
        message:
          'You read the key backwards: key byte 0 is the first byte after the length (byte 2 of this frame).',
      },
      {
        answer: toHex(applyMask(maskedBytes, Uint8Array.of(key[0]!, key[0]!, key[0]!, key[0]!))),
        message: 'You XORed every byte with key byte 0; payload byte i uses key byte i mod 4.',
      },
    ],
    otherwise: (given) => firstDifference(answer, given),
    open: decoderLink(frame, 'c2s'),
  };
}
