/**
 * One WebSocket frame (RFC 6455 §5.2): encoding, decoding, and the exact bit span of every field.
 *
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-------+-+-------------+-------------------------------+
 *  |F|R|R|R| opcode|M| Payload len |    Extended payload length    |
 *  |I|S|S|S|  (4)  |A|     (7)     |             (16/64)           |
 *  |N|V|V|V|       |S|             |   (if payload len==126/127)   |
 *  | |1|2|3|       |K|             |                               |
 *  +-+-+-+-+-------+-+-------------+ - - - - - - - - - - - - - - - +
 *  |     Extended payload length continued, if payload len == 127  |
 *  + - - - - - - - - - - - - - - - +-------------------------------+
 *  |                               |Masking-key, if MASK set to 1  |
 *  +-------------------------------+-------------------------------+
 *  | Masking-key (continued)       |          Payload Data         |
 *  +-------------------------------- - - - - - - - - - - - - - - - +
 */
import { frameViolations } from './frame-rules';
import { maskInto } from './mask';
import { createUtf8Validator } from './utf8';
import { violation } from './violations';
import { isControlOpcode, isKnownOpcode, opcodeName } from './opcode';
import { Opcode } from './types';
import type {
  FieldName,
  Frame,
  FrameField,
  FrameSpec,
  IncompleteFrame,
  LengthEncoding,
  ReceivedFrame,
  Role,
  Violation,
} from './types';

/**
 * The minimal length form for a payload of `n` bytes, the one rule the encoder, the decoder and the UI share:
 * 0–125 in the 7-bit field, 126–65535 as a 16-bit extended length (field = 126), more as 64-bit (field = 127).
 *
 * @example lengthEncodingFor(125) // '7'; lengthEncodingFor(126) // '16'; lengthEncodingFor(65536) // '64'
 * @see RFC 6455 §5.2 ("the minimal number of bytes MUST be used to encode the length")
 */
export function lengthEncodingFor(n: number | bigint): LengthEncoding {
  if (n < 0) throw new RangeError(`a payload length is never negative, got ${n}`);
  if (n <= 125) return '7';
  if (n <= 0xffff) return '16';
  return '64';
}

/** Bytes of extended length that follow the 7-bit field for each form. */
export function extendedLengthBytes(encoding: LengthEncoding): number {
  return encoding === '7' ? 0 : encoding === '16' ? 2 : 8;
}

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
  if (mask && n <= 125 && !spec.length && !spec.rsv2 && !spec.rsv3 && (opcode === 1 || opcode === 2)) {
    return encodeSmallMasked(fin, !!spec.rsv1, opcode, mask, payload, !!spec.allowInvalid);
  }
  const minimal = lengthEncodingFor(n);
  const encoding = !spec.length || spec.length === 'auto' ? minimal : spec.length;
  if ((encoding === '7' && n > 125) || (encoding === '16' && n > 0xffff)) {
    throw new RangeError(`a ${n}-byte payload does not fit the ${encoding}-bit length form`);
  }
  const ext = extendedLengthBytes(encoding);
  const headerLength = 2 + ext + (mask ? 4 : 0);
  const out = new Uint8Array(headerLength + n);
  out[0] =
    (fin ? 0b1000_0000 : 0) |
    (spec.rsv1 ? 0b0100_0000 : 0) |
    (spec.rsv2 ? 0b0010_0000 : 0) |
    (spec.rsv3 ? 0b0001_0000 : 0) |
    opcode;
  const maskBit = mask ? 0b1000_0000 : 0;
  if (encoding === '7') {
    out[1] = maskBit | n;
  } else if (encoding === '16') {
    out[1] = maskBit | 126;
    out[2] = n >>> 8;
    out[3] = n & 0xff;
  } else {
    out[1] = maskBit | 127;
    // 64-bit big-endian; JavaScript lengths stay below 2^53, so the top bit is always 0.
    const hi = Math.floor(n / 0x1_0000_0000);
    const lo = n >>> 0;
    out[2] = hi >>> 24;
    out[3] = (hi >>> 16) & 0xff;
    out[4] = (hi >>> 8) & 0xff;
    out[5] = hi & 0xff;
    out[6] = lo >>> 24;
    out[7] = (lo >>> 16) & 0xff;
    out[8] = (lo >>> 8) & 0xff;
    out[9] = lo & 0xff;
  }
  if (mask) {
    out[2 + ext] = mask[0]!;
    out[3 + ext] = mask[1]!;
    out[4 + ext] = mask[2]!;
    out[5 + ext] = mask[3]!;
    maskInto(payload, 0, n, mask, 0, out, headerLength);
  } else {
    out.set(payload, headerLength);
  }
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
  out[0] = (fin ? 0b1000_0000 : 0) | (rsv1 ? 0b0100_0000 : 0) | opcode;
  out[1] = 0b1000_0000 | n;
  const k0 = mask[0]!;
  const k1 = mask[1]!;
  const k2 = mask[2]!;
  const k3 = mask[3]!;
  out[2] = k0;
  out[3] = k1;
  out[4] = k2;
  out[5] = k3;
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
  if (opcode === Opcode.Ping || opcode === Opcode.Pong) return fin && !rsv1 && n <= 125;
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

/** Options for {@link decodeFrame}. */
export interface DecodeFrameOptions {
  /**
   * The role of the endpoint receiving the frame: `server` expects masked frames (from a client), `client`
   * unmasked ones. Without it, masking is not judged.
   */
  role?: Role;
  /** An extension (permessage-deflate) gives RSV1 a meaning: then RSV1 on a first data frame is fine. */
  extensionsRsv1?: boolean;
  /** Build `fields` (default true). Off for bulk decoding; `frameFields(frame)` builds them later. */
  fields?: boolean;
}

/**
 * Decode one frame starting at `offset`: every header field with its exact bit span, the masking key,
 * the masked and unmasked payload, and what is wrong with the frame on its own. When the bytes end
 * before the frame does, returns `{ incomplete: true, needed }` with the fields read so far. Never throws
 * on bad bytes and never allocates more than the bytes present, whatever length the header claims.
 *
 * @example
 * decodeFrame(new Uint8Array([0x81, 0x05, 0x48, 0x65, 0x6c, 0x6c, 0x6f]))
 * // → { incomplete: false, fin: true, opcode: 1, opcodeName: 'text', payloadLength: 5, payload: "Hello", … }
 * decodeFrame(new Uint8Array([0x81, 0x7e, 0x01]))
 * // → { incomplete: true, needed: 1, … } (the 16-bit length is cut)
 * @see RFC 6455 §5.2
 */
export function decodeFrame(
  bytes: Uint8Array,
  offset = 0,
  opts: DecodeFrameOptions = {},
): Frame | IncompleteFrame {
  if (!Number.isInteger(offset) || offset < 0)
    throw new RangeError(`offset must be a whole number ≥ 0, got ${offset}`);
  const available = bytes.length - offset;
  const partial = (needed: number, fields: FrameField[], violations: Violation[] = []): IncompleteFrame => ({
    incomplete: true,
    offset,
    needed,
    available: Math.max(0, available),
    fields,
    violations,
  });
  if (available < 2) {
    if (available < 1) return partial(2, []);
    // The first byte alone can already break a rule (a reserved bit or opcode, a fragmented control frame).
    const b0 = bytes[offset]!;
    const early = frameViolations(
      {
        fin: (b0 & 0x80) !== 0,
        rsv1: (b0 & 0x40) !== 0,
        rsv2: (b0 & 0x20) !== 0,
        rsv3: (b0 & 0x10) !== 0,
        opcode: b0 & 0x0f,
        frameOffset: offset,
      },
      { rsv1Allowed: !!opts.extensionsRsv1 },
    );
    return partial(1, firstByteFields(b0), early);
  }
  const b0 = bytes[offset]!;
  const b1 = bytes[offset + 1]!;
  const len7 = b1 & 0x7f;
  const masked = (b1 & 0x80) !== 0;
  const encoding: LengthEncoding = len7 === 126 ? '16' : len7 === 127 ? '64' : '7';
  const ext = extendedLengthBytes(encoding);
  const headerLength = 2 + ext + (masked ? 4 : 0);
  const head = {
    fin: (b0 & 0x80) !== 0,
    rsv1: (b0 & 0x40) !== 0,
    rsv2: (b0 & 0x20) !== 0,
    rsv3: (b0 & 0x10) !== 0,
    opcode: b0 & 0x0f,
    masked,
    lengthEncoding: encoding,
    headerLength,
  };
  if (available < 2 + ext) {
    // The length is cut, but the first two bytes can already break a rule (bits, opcode, MASK for the role;
    // a control frame announcing a 16- or 64-bit length is too long whatever follows).
    const early = frameViolations(
      { ...head, frameOffset: offset },
      { role: opts.role, rsv1Allowed: !!opts.extensionsRsv1 },
    );
    if ((head.opcode & 0b1000) !== 0) {
      early.push(
        violation('control-frame-too-long', offset + 1, {
          name: opcodeName(head.opcode),
          length: 'more than 125',
        }),
      );
    }
    return partial(
      2 + ext - available,
      headerFields({ ...head, payloadLength: len7, maskingKey: null }, false),
      early,
    );
  }
  let length: number | bigint = len7;
  if (encoding === '16') {
    length = (bytes[offset + 2]! << 8) | bytes[offset + 3]!;
  } else if (encoding === '64') {
    const view = new DataView(bytes.buffer, bytes.byteOffset + offset + 2, 8);
    const big = view.getBigUint64(0);
    length = big <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(big) : big;
  }
  const maskingKey =
    masked && available >= 2 + ext + 4 ? bytes.slice(offset + 2 + ext, offset + 6 + ext) : null;
  const lengthNumber = typeof length === 'bigint' ? Number(length) : length;
  const shape = { ...head, payloadLength: length, maskingKey };
  const violations = frameViolations(
    {
      fin: head.fin,
      rsv1: head.rsv1,
      rsv2: head.rsv2,
      rsv3: head.rsv3,
      opcode: head.opcode,
      payloadLength: length,
      lengthEncoding: encoding,
      masked,
      frameOffset: offset,
    },
    { role: opts.role, rsv1Allowed: !!opts.extensionsRsv1 },
  );
  if (available < headerLength) {
    return partial(headerLength - available, headerFields(shape, false), violations);
  }
  if (available < headerLength + lengthNumber) {
    const fields = headerFields(shape, false);
    return partial(headerLength + lengthNumber - available, fields, violations);
  }
  const start = offset + headerLength;
  const maskedPayload = bytes.subarray(start, start + lengthNumber);
  const payload = new Uint8Array(lengthNumber);
  if (maskingKey) maskInto(maskedPayload, 0, lengthNumber, maskingKey, 0, payload, 0);
  else payload.set(maskedPayload);
  violations.push(
    ...frameViolations(
      {
        fin: head.fin,
        rsv1: head.rsv1,
        opcode: head.opcode,
        payloadLength: lengthNumber,
        payload,
        payloadOffset: start,
      },
      { rsv1Allowed: true, rsv2Allowed: true, rsv3Allowed: true, payloadOnly: true },
    ),
  );
  const frame: Frame = {
    incomplete: false,
    offset,
    fin: head.fin,
    rsv1: head.rsv1,
    rsv2: head.rsv2,
    rsv3: head.rsv3,
    opcode: head.opcode,
    opcodeName: opcodeName(head.opcode),
    masked,
    maskingKey,
    payloadLength: lengthNumber,
    lengthEncoding: encoding,
    headerLength,
    totalLength: headerLength + lengthNumber,
    maskedPayload,
    payload,
    fields: [],
    violations,
  };
  if (opts.fields !== false) frame.fields = frameFields(frame);
  return frame;
}

/** What `frameFields` needs to know about a frame. */
type FieldSource = Pick<
  ReceivedFrame,
  'fin' | 'rsv1' | 'rsv2' | 'rsv3' | 'opcode' | 'masked' | 'maskingKey' | 'lengthEncoding' | 'headerLength'
> & { payloadLength: number | bigint };

/**
 * Every field of a frame with its bit span from the frame's first bit, in wire order, the payload last.
 *
 * @example
 * frameFields(decodeFrame(bytes)).map((f) => [f.name, f.bitOffset, f.bitLength])
 * // → [['fin', 0, 1], ['rsv1', 1, 1], …, ['payloadLength', 9, 7], ['payload', 16, 40]]
 * @see RFC 6455 §5.2
 */
export function frameFields(frame: FieldSource): FrameField[] {
  return headerFields(frame, true);
}

function firstByteFields(b0: number): FrameField[] {
  const fields = headerFields(
    {
      fin: (b0 & 0x80) !== 0,
      rsv1: (b0 & 0x40) !== 0,
      rsv2: (b0 & 0x20) !== 0,
      rsv3: (b0 & 0x10) !== 0,
      opcode: b0 & 0x0f,
      masked: false,
      maskingKey: null,
      lengthEncoding: '7',
      headerLength: 2,
      payloadLength: 0,
    },
    false,
  );
  return fields.slice(0, 5);
}

function field(
  name: FieldName,
  label: string,
  bitOffset: number,
  bitLength: number,
  value: number | bigint,
  display: string,
  meaning: string,
  rfc = 'RFC 6455 §5.2',
): FrameField {
  return { name, label, bitOffset, bitLength, value, display, meaning, rfc };
}

function bit(on: boolean): number {
  return on ? 1 : 0;
}

function headerFields(f: FieldSource, withPayload: boolean): FrameField[] {
  const control = isControlOpcode(f.opcode);
  const fields: FrameField[] = [
    field(
      'fin',
      'FIN',
      0,
      1,
      bit(f.fin),
      String(bit(f.fin)),
      f.fin ? 'final fragment of its message' : 'more fragments follow',
    ),
    field(
      'rsv1',
      'RSV1',
      1,
      1,
      bit(f.rsv1),
      String(bit(f.rsv1)),
      f.rsv1 ? 'set: meaningful only with an extension (permessage-deflate: compressed)' : 'not set',
    ),
    field(
      'rsv2',
      'RSV2',
      2,
      1,
      bit(f.rsv2),
      String(bit(f.rsv2)),
      f.rsv2 ? 'set: no standard extension defines it' : 'not set',
    ),
    field(
      'rsv3',
      'RSV3',
      3,
      1,
      bit(f.rsv3),
      String(bit(f.rsv3)),
      f.rsv3 ? 'set: no standard extension defines it' : 'not set',
    ),
    field(
      'opcode',
      'opcode',
      4,
      4,
      f.opcode,
      `0x${f.opcode.toString(16)} (${opcodeName(f.opcode)})`,
      isKnownOpcode(f.opcode)
        ? `${control ? 'control' : 'data'} frame: ${opcodeName(f.opcode)}`
        : `reserved ${control ? 'control' : 'non-control'} opcode`,
    ),
    field(
      'mask',
      'MASK',
      8,
      1,
      bit(f.masked),
      String(bit(f.masked)),
      f.masked ? 'payload is masked (client → server)' : 'payload is not masked (server → client)',
      'RFC 6455 §5.2, §5.3',
    ),
  ];
  const len7 = f.lengthEncoding === '7' ? Number(f.payloadLength) : f.lengthEncoding === '16' ? 126 : 127;
  fields.push(
    field(
      'payloadLength',
      'Payload len',
      9,
      7,
      len7,
      String(len7),
      len7 === 126
        ? 'the length follows as a 16-bit unsigned integer'
        : len7 === 127
          ? 'the length follows as a 64-bit unsigned integer'
          : `payload is ${len7} byte${len7 === 1 ? '' : 's'}`,
    ),
  );
  let bitPos = 16;
  if (f.lengthEncoding !== '7') {
    const bits = f.lengthEncoding === '16' ? 16 : 64;
    fields.push(
      field(
        'extendedPayloadLength',
        'Extended payload length',
        bitPos,
        bits,
        f.payloadLength,
        String(f.payloadLength),
        `payload is ${f.payloadLength} bytes (${bits}-bit, network byte order)`,
      ),
    );
    bitPos += bits;
  }
  if (f.masked) {
    const key = f.maskingKey;
    const value = key ? ((key[0]! << 24) | (key[1]! << 16) | (key[2]! << 8) | key[3]!) >>> 0 : 0;
    const display = key ? Array.from(key, (b) => b.toString(16).padStart(2, '0')).join(' ') : '(cut off)';
    fields.push(
      field(
        'maskingKey',
        'Masking-key',
        bitPos,
        32,
        value,
        display,
        'XORed with the payload, byte i with key byte i mod 4',
        'RFC 6455 §5.3',
      ),
    );
  }
  if (withPayload) {
    const n = Number(f.payloadLength);
    fields.push(
      field(
        'payload',
        'Payload Data',
        f.headerLength * 8,
        n * 8,
        n,
        `${n} byte${n === 1 ? '' : 's'}`,
        payloadMeaning(f.opcode),
        'RFC 6455 §5.6',
      ),
    );
  }
  return fields;
}

function payloadMeaning(opcode: number): string {
  switch (opcode) {
    case Opcode.Text:
      return 'application data: UTF-8 text';
    case Opcode.Binary:
      return 'application data: binary';
    case Opcode.Continuation:
      return 'application data continuing the current message';
    case Opcode.Close:
      return 'optional 2-byte status code, then an optional UTF-8 reason';
    case Opcode.Ping:
      return 'application data the pong must echo';
    case Opcode.Pong:
      return 'the application data of the ping it answers';
    default:
      return 'payload of a reserved opcode';
  }
}
