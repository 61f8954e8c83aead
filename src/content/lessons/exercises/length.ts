/**
 * Lesson 5: the three length forms (RFC 6455 §5.2). Answers come from `encodeFrame` and `lengthEncodingFor`;
 * mistakes are `encodeFrame` with a forced form, or the extended length in the wrong byte order.
 */
import { decodeFrame } from '../../../codec/frame';
import { encodeFrame } from '../../../codec/frame-encode';
import { lengthEncodingFor } from '../../../codec/frame-header';
import { toHex } from '../../../codec/hex';
import type { LengthEncoding } from '../../../codec/types';
import { firstDifference } from './check';
import { createRng, type Rng } from './prng';
import type { Exercise, Mistake } from './types';

/** Lengths drawn on purpose at and around the boundaries of the three forms. */
function drawLength(rng: Rng): number {
  return rng.pick([
    () => rng.int(0, 125),
    () => 125,
    () => 126,
    () => 127,
    () => rng.int(128, 65535),
    () => 65535,
    () => 65536,
    () => rng.int(65537, 1 << 20),
  ])();
}

const FORM_WORDS: Record<LengthEncoding, string> = {
  '7': 'the 7-bit field alone (0–125)',
  '16': '126 and a 16-bit length (126–65535)',
  '64': '127 and a 64-bit length (above 65535)',
};

function forced(n: number, length: LengthEncoding): Uint8Array | null {
  try {
    return encodeFrame({ opcode: 0x2, payload: new Uint8Array(n), length, allowInvalid: true });
  } catch {
    return null;
  }
}

/** Type the length bytes (byte 1 and any extended length) of a server's binary frame. */
export function lengthBytes(seed: number): Exercise {
  const rng = createRng(seed);
  const n = drawLength(rng);
  const frame = encodeFrame({ opcode: 0x2, payload: new Uint8Array(n) });
  const decoded = decodeFrame(frame);
  const headerLength = decoded.incomplete ? 2 : decoded.headerLength;
  const answer = toHex(frame.subarray(1, headerLength));
  const form = lengthEncodingFor(n);
  const mistakes: Mistake[] = [];
  for (const other of ['7', '16', '64'] as const) {
    if (other === form) continue;
    const f = forced(n, other);
    if (!f) continue;
    const ext = other === '7' ? 0 : other === '16' ? 2 : 8;
    mistakes.push({
      answer: toHex(f.subarray(1, 2 + ext)),
      message:
        form === '7'
          ? `You used the ${other}-bit form; ${n} fits in 7 bits, and the shortest form must be used.`
          : form === '16' && other === '64'
            ? `You used the 64-bit form; ${n} fits in 16 bits, and the shortest form must be used.`
            : `You used the ${other}-bit form; ${n} needs ${FORM_WORDS[form]}.`,
    });
  }
  if (form !== '7') {
    const ext = frame.subarray(2, headerLength);
    const reversed = Uint8Array.from([frame[1]!, ...Array.from(ext).reverse()]);
    mistakes.push({
      answer: toHex(reversed),
      message:
        'You wrote the extended length little-endian. Network byte order is big-endian: the most significant byte first.',
    });
    mistakes.push({
      answer: toHex(frame.subarray(1, 2)),
      message: `You typed only byte 1. Its 7-bit field says ${frame[1]! & 0x7f}, so ${form === '16' ? 2 : 8} bytes of length must follow.`,
    });
  }
  return {
    prompt: [
      `A server sends a binary frame with a payload of ${n.toLocaleString('en-US')} bytes.`,
      'Type the bytes that give its length: byte 1, then the extended length if there is one.',
    ],
    input: { kind: 'hex', label: 'Length bytes in hex' },
    answer,
    answerText: answer,
    why: `${n} uses ${FORM_WORDS[form]}${decoded.fields.some((f) => f.name === 'extendedPayloadLength') ? ', most significant byte first' : ''}.`,
    mistakes,
    otherwise: (given) => firstDifference(answer, given),
  };
}

/** Which form does a length take? */
export function lengthForm(seed: number): Exercise {
  const rng = createRng(seed);
  const n = drawLength(rng);
  const form = lengthEncodingFor(n);
  const options = (['7', '16', '64'] as const).map((f) => ({ value: f, label: FORM_WORDS[f] }));
  return {
    prompt: [`A payload is ${n.toLocaleString('en-US')} bytes long. How is its length written?`],
    input: { kind: 'choice', label: 'Length form', options },
    answer: form,
    answerText: FORM_WORDS[form],
    why: 'The sender must use the shortest form that holds the length.',
    mistakes: (['7', '16', '64'] as const).map((f) => ({
      answer: f,
      message:
        (f === '7' && n > 125) || (f === '16' && n > 65535)
          ? `${n.toLocaleString('en-US')} does not fit: the ${f}-bit form holds at most ${f === '7' ? 125 : '65,535'}.`
          : `${n.toLocaleString('en-US')} would fit there, but a shorter form holds it, and the shortest form must be used.`,
    })),
    otherwise: () => 'Choose one of the three forms.',
  };
}

/** How many header bytes does a client frame of n bytes have? */
export function headerLength(seed: number): Exercise {
  const rng = createRng(seed);
  const n = drawLength(rng);
  const frame = encodeFrame({ opcode: 0x2, payload: new Uint8Array(n), mask: rng.bytes(4) });
  const decoded = decodeFrame(frame);
  const total = decoded.incomplete ? 0 : decoded.headerLength;
  const withoutKey = total - 4;
  return {
    prompt: [
      `The client sends a binary frame with a ${n.toLocaleString('en-US')}-byte payload.`,
      'How many bytes does the header take, from byte 0 up to the first payload byte?',
    ],
    input: { kind: 'text', label: 'Header length in bytes' },
    answer: String(total),
    answerText: `${total} bytes`,
    why: `2 bytes, ${total - 6} of extended length, 4 of masking key.`,
    mistakes: [
      {
        answer: String(withoutKey),
        message: `You forgot the masking key: every client frame carries 4 bytes of key after the length.`,
      },
    ],
    otherwise: (given) =>
      /^\d+$/.test(given)
        ? `Count again: 2 fixed bytes, then ${FORM_WORDS[lengthEncodingFor(n)]} (${total - 6} extra bytes), then the key.`
        : 'Type a whole number.',
  };
}
