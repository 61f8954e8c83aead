/**
 * Encoding one frame (RFC 6455 §5.2): the header through `frame-header.ts`, the payload masked in the same pass,
 * and the frame refused with a {@link FrameSpecError} when the RFC forbids it (rules from `frame-rules.ts`).
 */
import { frameViolations } from './frame-rules';
import { firstByte, headerLengthFor, lengthEncodingFor, maxLengthFor, writeHeader } from './frame-header';
import { maskInto } from './mask';
import { createUtf8Validator } from './utf8';
import { Opcode } from './types';
import type { FrameSpec, Violation } from './types';

/** An error from {@link encodeFrame}: the frame the spec describes is forbidden, and why. */
export class FrameSpecError extends Error {
  constructor(
    message: string,
    readonly violations: Violation[] = [],
  ) {
    super(message);
    this.name = 'FrameSpecError';
  }
}

/**
 * Encode one frame. The payload length uses its minimal form unless `length` forces another; a client
 * frame is masked when `mask` is a 4-byte key. Throws a {@link FrameSpecError} explaining why when the RFC
 * forbids the frame (a reserved opcode, a control frame over 125 bytes or fragmented, an invalid close
 * payload or UTF-8 text, a forced non-minimal length), unless `allowInvalid` is set. Never mutates `payload`.
 *
 * @example
 * encodeFrame({ opcode: 0x1, payload: new TextEncoder().encode('Hello') })
 * // → 81 05 48 65 6c 6c 6f
 * encodeFrame({ opcode: 0x1, payload: hello, mask: new Uint8Array([0x37, 0xfa, 0x21, 0x3d]) })
 * // → 81 85 37 fa 21 3d 7f 9f 4d 51 58
 * @see RFC 6455 §5.2
 */
export function encodeFrame(spec: FrameSpec): Uint8Array {
  const { opcode, payload } = spec;
  const fin = spec.fin ?? true;
  const mask = spec.mask ?? null;
  if (!Number.isInteger(opcode) || opcode < 0 || opcode > 0xf) {
    throw new RangeError(`an opcode is 4 bits (0x0–0xF), got ${opcode}`);
  }
  if (mask && mask.length !== 4) throw new RangeError(`a masking key is 4 bytes, got ${mask.length}`);
  const n = payload.length;
  const auto = !spec.length || spec.length === 'auto';
  const fastOpcode =
    opcode === Opcode.Text || opcode === Opcode.Binary || (opcode === Opcode.Continuation && !spec.rsv1);
  if (mask && n <= maxLengthFor('7') && auto && !spec.rsv2 && !spec.rsv3 && fastOpcode) {
    return encodeSmallMasked(fin, !!spec.rsv1, opcode, mask, payload, !!spec.allowInvalid);
  }
  const minimal = lengthEncodingFor(n);
  const encoding = spec.length === undefined || spec.length === 'auto' ? minimal : spec.length;
  if (n > maxLengthFor(encoding)) {
    throw new RangeError(`a ${n}-byte payload does not fit the ${encoding}-bit length form`);
  }
  const headerLength = headerLengthFor(encoding, mask !== null);
  const out = new Uint8Array(headerLength + n);
  writeHeader(out, 0, firstByte(fin, !!spec.rsv1, !!spec.rsv2, !!spec.rsv3, opcode), mask, n, encoding);
  if (mask) maskInto(payload, 0, n, mask, 0, out, headerLength);
  else out.set(payload, headerLength);
  if (!spec.allowInvalid && !isPlainFrame(fin, !!spec.rsv1, opcode, n, encoding === minimal, payload)) {
    const problems = frameViolations(
      {
        fin,
        rsv1: !!spec.rsv1,
        opcode,
        payloadLength: n,
        lengthEncoding: encoding,
        payload,
        payloadOffset: headerLength,
      },
      { rsv1Allowed: true, rsv2Allowed: true, rsv3Allowed: true },
    );
    if (problems.length > 0) throw forbidden(problems);
  }
  return out;
}

/**
 * The hot path of a client: a small masked text or binary frame (7-bit length, no extension bits but RSV1).
 * One loop masks the payload and notes whether it was all ASCII, which settles UTF-8 for most text.
 */
function encodeSmallMasked(
  fin: boolean,
  rsv1: boolean,
  opcode: number,
  mask: Uint8Array,
  payload: Uint8Array,
  allowInvalid: boolean,
): Uint8Array {
  const n = payload.length;
  const out = new Uint8Array(6 + n);
  writeHeader(out, 0, firstByte(fin, rsv1, false, false, opcode), mask, n, '7');
  const k0 = mask[0]!;
  const k1 = mask[1]!;
  const k2 = mask[2]!;
  const k3 = mask[3]!;
  let any = 0;
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const b0 = payload[i]!;
    const b1 = payload[i + 1]!;
    const b2 = payload[i + 2]!;
    const b3 = payload[i + 3]!;
    any |= b0 | b1 | b2 | b3;
    out[6 + i] = b0 ^ k0;
    out[7 + i] = b1 ^ k1;
    out[8 + i] = b2 ^ k2;
    out[9 + i] = b3 ^ k3;
  }
  const keys = i < n ? [k0, k1, k2] : null;
  for (let j = 0; i < n; i++, j++) {
    const b = payload[i]!;
    any |= b;
    out[6 + i] = b ^ keys![j]!;
  }
  // Binary frames and compressed text need no check; text needs valid UTF-8 (a first fragment may end mid-character).
  if (opcode === Opcode.Text && !rsv1 && !allowInvalid && (any >= 0x80 || !fin)) {
    const problems = frameViolations(
      { fin, rsv1, opcode, payloadLength: n, lengthEncoding: '7', payload, payloadOffset: 6 },
      { rsv1Allowed: true, rsv2Allowed: true, rsv3Allowed: true },
    );
    if (problems.length > 0) throw forbidden(problems);
  }
  return out;
}

function forbidden(problems: Violation[]): FrameSpecError {
  return new FrameSpecError(
    `RFC 6455 forbids this frame: ${problems.map((p) => `${p.message} (${p.rfc})`).join('; ')}. ` +
      'Pass allowInvalid: true to build it anyway.',
    problems,
  );
}

/**
 * The common case, checked without building violation objects: a data frame or a short, final ping or pong,
 * its length in the minimal form, and a whole text message that is valid UTF-8. Anything else takes the full
 * rule check (which also explains what is wrong).
 */
function isPlainFrame(
  fin: boolean,
  rsv1: boolean,
  opcode: number,
  n: number,
  minimal: boolean,
  payload: Uint8Array,
): boolean {
  if (!minimal) return false;
  if (opcode === Opcode.Binary || opcode === Opcode.Continuation) return !rsv1 || opcode === Opcode.Binary;
  if (opcode === Opcode.Text) return rsv1 || (fin ? isValidText(payload) : false);
  if (opcode === Opcode.Ping || opcode === Opcode.Pong) return fin && !rsv1 && n <= maxLengthFor('7');
  return false;
}

const textValidator = createUtf8Validator();

function isValidText(payload: Uint8Array): boolean {
  // Most text is ASCII: one OR over the bytes settles it.
  let any = 0;
  for (let i = 0; i < payload.length; i++) any |= payload[i]!;
  if (any < 0x80) return true;
  textValidator.reset();
  return textValidator.write(payload) < 0 && textValidator.complete;
}
