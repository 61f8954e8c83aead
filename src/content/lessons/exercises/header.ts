/**
 * Lesson 4 and 8: the first two bytes of a frame. Every answer is `encodeFrame`'s output; every mistake is
 * `encodeFrame` called with the mistaken belief (FIN flipped, MASK flipped, characters counted as bytes).
 */
import { encodeClosePayload } from '../../../codec/close';
import { decodeFrame } from '../../../codec/frame';
import { encodeFrame } from '../../../codec/frame-encode';
import { toHex } from '../../../codec/hex';
import { opcodeName } from '../../../codec/opcode';
import { bits8, byteHex, firstDifference } from './check';
import { createRng, WORDS } from './prng';
import type { Exercise, Mistake } from './types';

const utf8 = (s: string) => new TextEncoder().encode(s);

const DATA_OPCODES = [0x1, 0x2, 0x0] as const;
const CONTROL_OPCODES = [0x8, 0x9, 0xa] as const;

function describe(opcode: number): string {
  return `${opcodeName(opcode)} (opcode ${byteHex(opcode).replace('0x0', '0x')})`;
}

/** Type byte 0 of a frame described in words. */
export function firstByte(seed: number): Exercise {
  const rng = createRng(seed);
  const control = rng.chance(0.35);
  const opcode = control ? rng.pick(CONTROL_OPCODES) : rng.pick(DATA_OPCODES);
  // Control frames are never fragmented; a continuation is as often the last fragment as not.
  const fin = control ? true : opcode === 0 ? rng.chance(0.5) : rng.chance(0.6);
  const payload = opcode === 0x8 ? encodeClosePayload(1000, rng.pick(WORDS)) : utf8(rng.pick(WORDS));
  const frame = encodeFrame({ opcode, fin, payload });
  const answer = frame[0]!;
  const flipped = encodeFrame({ opcode, fin: !fin, payload, allowInvalid: true })[0]!;
  const swapped = ((answer & 0x0f) << 4) | (answer >> 4);
  const mistakes: Mistake[] = [
    {
      answer: toHex(Uint8Array.of(flipped)),
      message: fin
        ? `You left FIN at 0. This is ${control ? 'a control frame, which is never fragmented' : 'the final frame of its message'}, so FIN, the top bit, is 1: add 0x80.`
        : 'You set FIN to 1, but more fragments of this message follow: FIN stays 0.',
    },
    {
      answer: toHex(Uint8Array.of(swapped)),
      message: `You put the opcode in the high half. The opcode is the low 4 bits of byte 0; the high 4 bits are FIN, RSV1, RSV2, RSV3.`,
    },
  ];
  return {
    prompt: [
      `A server sends a ${describe(opcode)} frame. ${fin ? 'It is the final frame of its message' : 'More fragments of the message follow'}; no extension was negotiated.`,
      'Type byte 0 of the frame in hex.',
    ],
    input: { kind: 'hex', label: 'Byte 0 in hex' },
    answer: toHex(Uint8Array.of(answer)),
    answerText: `${byteHex(answer)} (${bits8(answer)})`,
    why: `FIN = ${fin ? 1 : 0}, RSV1–3 = 000, opcode = ${opcode.toString(2).padStart(4, '0')}.`,
    mistakes,
    otherwise: (given) => firstDifference(toHex(Uint8Array.of(answer)), given),
  };
}

/** Type byte 1 (MASK and the 7-bit length) of a frame with a short text payload. */
export function secondByte(seed: number, opts: { opcode?: number } = {}): Exercise {
  const rng = createRng(seed);
  const opcode = opts.opcode ?? 0x1;
  const fromClient = rng.chance(0.5);
  const text = rng.pick(WORDS);
  const payload = utf8(text);
  const key = rng.bytes(4);
  const frame = encodeFrame({ opcode, payload, mask: fromClient ? key : null });
  const answer = frame[1]!;
  const maskFlip = encodeFrame({ opcode, payload, mask: fromClient ? null : key })[1]!;
  const mistakes: Mistake[] = [
    {
      answer: toHex(Uint8Array.of(maskFlip)),
      message: fromClient
        ? 'You left MASK at 0. Every frame a client sends is masked (RFC 6455 §5.1), so the top bit of byte 1 is 1: add 0x80.'
        : 'You set MASK to 1, but a server never masks its frames (RFC 6455 §5.1): the top bit of byte 1 is 0.',
    },
  ];
  if ([...text].length !== payload.length) {
    const chars = encodeFrame({
      opcode,
      payload: new Uint8Array([...text].length),
      mask: fromClient ? key : null,
    })[1]!;
    mistakes.push({
      answer: toHex(Uint8Array.of(chars)),
      message: `You counted ${[...text].length} characters. The length counts bytes of UTF-8: “${text}” is ${payload.length} bytes, because é takes 2.`,
    });
  }
  if (payload.length >= 10 && /^[0-9]{2}$/.test(String(payload.length))) {
    const decimal = parseInt(String(payload.length), 16) | (fromClient ? 0x80 : 0);
    mistakes.push({
      answer: toHex(Uint8Array.of(decimal)),
      message: `You wrote the length ${payload.length} as if its decimal digits were hex. ${payload.length} is ${byteHex(payload.length)}.`,
    });
  }
  const name = opcodeName(opcode);
  return {
    prompt: [
      `The ${fromClient ? 'client' : 'server'} sends a ${name} frame whose payload is the text \`${text}\`.`,
      'Type byte 1 of the frame in hex: MASK, then the 7-bit payload length.',
    ],
    input: { kind: 'hex', label: 'Byte 1 in hex' },
    answer: toHex(Uint8Array.of(answer)),
    answerText: `${byteHex(answer)} (${bits8(answer)})`,
    why: `MASK = ${fromClient ? 1 : 0} (${fromClient ? 'clients mask' : 'servers do not mask'}), length = ${payload.length} bytes = ${payload.length.toString(2).padStart(7, '0')}.`,
    mistakes,
    otherwise: (given) => firstDifference(toHex(Uint8Array.of(answer)), given),
  };
}

/** Set the 16 bits of the first two bytes on a bit grid. */
export function headerBits(seed: number): Exercise {
  const rng = createRng(seed);
  const opcode = rng.pick([0x1, 0x2, 0x9, 0xa, 0x8, 0x0]);
  const fin = opcode >= 8 ? true : rng.chance(0.6);
  const fromClient = rng.chance(0.5);
  // Any valid payload of that length: a close code and an ASCII reason for close, ASCII text otherwise.
  const size = rng.int(opcode === 0x8 ? 2 : 0, 40);
  const payload = opcode === 0x8 ? encodeClosePayload(1000, 'x'.repeat(size - 2)) : utf8('x'.repeat(size));
  const frame = encodeFrame({ opcode, fin, payload, mask: fromClient ? rng.bytes(4) : null });
  const decoded = decodeFrame(frame);
  const toBits = (f: Uint8Array) => bits8(f[0]!).replace(' ', '') + bits8(f[1]!).replace(' ', '');
  const answer = toBits(frame);
  const fields = decoded.fields.filter((f) => f.bitOffset < 16);
  const captions = fields.flatMap((f) => Array.from({ length: f.bitLength }, () => f.label));
  const groups = fields.flatMap((f) => Array.from({ length: f.bitLength }, () => f.name));
  const flip = (bit: number) =>
    answer.slice(0, bit) + (answer[bit] === '1' ? '0' : '1') + answer.slice(bit + 1);
  return {
    prompt: [
      `The ${fromClient ? 'client' : 'server'} sends a ${describe(opcode)} frame with a ${payload.length}-byte payload${opcode < 8 ? (fin ? ', the last frame of its message' : '; more fragments follow') : ''}. No extension was negotiated.`,
      'Set the 16 bits of its first two bytes.',
    ],
    input: { kind: 'bits', label: 'The first 16 bits of the frame', captions, groups },
    answer,
    answerText: `${toHex(frame.subarray(0, 2))} = ${answer.slice(0, 8)} ${answer.slice(8)}`,
    why: fields.map((f) => `${f.label} = ${f.display}`).join(', ') + '.',
    mistakes: [
      {
        answer: flip(0),
        message: fin
          ? 'FIN is 0 in your answer, but this is the final frame (control frames always are): FIN = 1.'
          : 'FIN is 1 in your answer, but more fragments follow: FIN = 0.',
      },
      {
        answer: flip(8),
        message: fromClient
          ? 'MASK is 0 in your answer; a client masks every frame it sends.'
          : 'MASK is 1 in your answer; a server never masks.',
      },
    ],
    otherwise: (given) => {
      const wrong = fields
        .filter(
          (f) =>
            given.slice(f.bitOffset, f.bitOffset + f.bitLength) !==
            answer.slice(f.bitOffset, f.bitOffset + f.bitLength),
        )
        .map((f) => f.label);
      return `These fields are not right yet: ${wrong.join(', ')}.`;
    },
  };
}
