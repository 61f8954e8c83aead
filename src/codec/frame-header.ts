/**
 * The frame header's wire format (RFC 6455 §5.2), read and written in one place: the encoder, `decodeFrame`,
 * the receiver and the Builder all go through these functions, so the length rule and the bit layout cannot
 * disagree between them.
 *
 *   byte 0: FIN RSV1 RSV2 RSV3 opcode(4)      0b1000_0001 = FIN + text
 *   byte 1: MASK payload-len(7)               0..125 = the length, 126 = 16-bit follows, 127 = 64-bit follows
 *   then 0, 2 or 8 bytes of extended length (network byte order), then 4 bytes of masking key if MASK = 1.
 */
import type { LengthEncoding } from './types';

/** The 7-bit length field's values that announce an extended length. */
const LEN16 = 126;
const LEN64 = 127;

/**
 * The minimal length form for a payload of `n` bytes, the one rule the encoder, the decoder and the UI share:
 * 0–125 in the 7-bit field, 126–65535 as a 16-bit extended length (field = 126), more as 64-bit (field = 127).
 *
 * @example lengthEncodingFor(125) // '7'; lengthEncodingFor(126) // '16'; lengthEncodingFor(65536) // '64'
 * @see RFC 6455 §5.2 ("the minimal number of bytes MUST be used to encode the length")
 */
export function lengthEncodingFor(n: number | bigint): LengthEncoding {
  if (n < 0) throw new RangeError(`a payload length is never negative, got ${n}`);
  if (n <= maxLengthFor('7')) return '7';
  if (n <= maxLengthFor('16')) return '16';
  return '64';
}

/** The largest payload a length form can hold (the 64-bit form: the largest length JavaScript counts exactly). */
export function maxLengthFor(encoding: LengthEncoding): number {
  return encoding === '7' ? 125 : encoding === '16' ? 0xffff : Number.MAX_SAFE_INTEGER;
}

/** Bytes of extended length that follow the 7-bit field for each form. */
export function extendedLengthBytes(encoding: LengthEncoding): number {
  return encoding === '7' ? 0 : encoding === '16' ? 2 : 8;
}

/** The length form a value of the 7-bit field announces: 126 → '16', 127 → '64', else '7'. */
export function encodingOfLengthField(len7: number): LengthEncoding {
  return len7 === LEN16 ? '16' : len7 === LEN64 ? '64' : '7';
}

/** The value of the 7-bit field for a payload of `n` bytes written in `encoding`. */
export function lengthFieldFor(encoding: LengthEncoding, n: number): number {
  return encoding === '7' ? n : encoding === '16' ? LEN16 : LEN64;
}

/** Header bytes once the second byte is known: 2 + extended length + masking key. */
export function headerLengthFrom(b1: number): number {
  const len7 = b1 & 0x7f;
  return 2 + (len7 === LEN16 ? 2 : len7 === LEN64 ? 8 : 0) + (b1 & 0x80 ? 4 : 0);
}

/** Header bytes for a frame written in `encoding`, masked or not. */
export function headerLengthFor(encoding: LengthEncoding, masked: boolean): number {
  return 2 + extendedLengthBytes(encoding) + (masked ? 4 : 0);
}

/** A frame header as read by {@link readHeader}: mutable and reused, so reading a header allocates nothing. */
export interface FrameHeader {
  fin: boolean;
  rsv1: boolean;
  rsv2: boolean;
  rsv3: boolean;
  opcode: number;
  masked: boolean;
  lengthEncoding: LengthEncoding;
  /** The payload length; exact up to 2^53 − 1, approximate beyond (see {@link exactPayloadLength}). */
  payloadLength: number;
  /** The 64-bit length's two 32-bit words as read, for an exact report of a length past 2^53. */
  lengthHi: number;
  lengthLo: number;
  headerLength: number;
  /** The masking key (meaningful when `masked`). */
  readonly key: Uint8Array;
}

export function createHeader(): FrameHeader {
  return {
    fin: false,
    rsv1: false,
    rsv2: false,
    rsv3: false,
    opcode: 0,
    masked: false,
    lengthEncoding: '7',
    payloadLength: 0,
    lengthHi: 0,
    lengthLo: 0,
    headerLength: 2,
    key: new Uint8Array(4),
  };
}

/**
 * Read the header at `buf[p..end)` into `h`. Returns the header's length in bytes, or -1 (leaving `h` as it
 * was) when the bytes end before the header does.
 *
 * @example readHeader(new Uint8Array([0x81, 0x85, 0x37, 0xfa, 0x21, 0x3d]), 0, 6, h) // 6; h.opcode 1, h.payloadLength 5
 * @see RFC 6455 §5.2
 */
export function readHeader(buf: Uint8Array, p: number, end: number, h: FrameHeader): number {
  if (end - p < 2) return -1;
  const b1 = buf[p + 1]!;
  const headerLength = headerLengthFrom(b1);
  if (end - p < headerLength) return -1;
  const b0 = buf[p]!;
  h.fin = (b0 & 0b1000_0000) !== 0;
  h.rsv1 = (b0 & 0b0100_0000) !== 0;
  h.rsv2 = (b0 & 0b0010_0000) !== 0;
  h.rsv3 = (b0 & 0b0001_0000) !== 0;
  h.opcode = b0 & 0b0000_1111;
  h.masked = (b1 & 0b1000_0000) !== 0;
  h.headerLength = headerLength;
  const len7 = b1 & 0b0111_1111;
  let k = p + 2;
  if (len7 < LEN16) {
    h.payloadLength = len7;
    h.lengthEncoding = '7';
  } else if (len7 === LEN16) {
    h.payloadLength = (buf[p + 2]! << 8) | buf[p + 3]!;
    h.lengthEncoding = '16';
    k += 2;
  } else {
    // 64-bit big-endian, high word first. A value past 2^53 stays imprecise here; exactPayloadLength() has it.
    const hi = ((buf[p + 2]! << 24) | (buf[p + 3]! << 16) | (buf[p + 4]! << 8) | buf[p + 5]!) >>> 0;
    const lo = ((buf[p + 6]! << 24) | (buf[p + 7]! << 16) | (buf[p + 8]! << 8) | buf[p + 9]!) >>> 0;
    h.payloadLength = hi * 0x1_0000_0000 + lo;
    h.lengthHi = hi;
    h.lengthLo = lo;
    h.lengthEncoding = '64';
    k += 8;
  }
  if (h.masked) {
    h.key[0] = buf[k]!;
    h.key[1] = buf[k + 1]!;
    h.key[2] = buf[k + 2]!;
    h.key[3] = buf[k + 3]!;
  }
  return headerLength;
}

/** The header's payload length exactly: a bigint only past 2^53 − 1. */
export function exactPayloadLength(h: FrameHeader): number | bigint {
  if (h.payloadLength <= Number.MAX_SAFE_INTEGER) return h.payloadLength;
  return (BigInt(h.lengthHi) << 32n) | BigInt(h.lengthLo);
}

/**
 * The header's first byte: FIN, RSV1–3 and the opcode.
 *
 * @example firstByte(true, false, false, false, 0x1) // 0x81
 */
export function firstByte(fin: boolean, rsv1: boolean, rsv2: boolean, rsv3: boolean, opcode: number): number {
  return (
    (fin ? 0b1000_0000 : 0) |
    (rsv1 ? 0b0100_0000 : 0) |
    (rsv2 ? 0b0010_0000 : 0) |
    (rsv3 ? 0b0001_0000 : 0) |
    opcode
  );
}

/**
 * Write a header at `out[at..]`: the first byte `b0` (see {@link firstByte}), MASK and the length in `encoding`,
 * then the masking key if any. Returns the header's length. The caller has checked that `n` fits the form.
 *
 * @example writeHeader(out, 0, 0x81, null, 126, '16') // 4: 81 7e 00 7e
 * @see RFC 6455 §5.2
 */
export function writeHeader(
  out: Uint8Array,
  at: number,
  b0: number,
  mask: Uint8Array | null,
  n: number,
  encoding: LengthEncoding,
): number {
  out[at] = b0;
  out[at + 1] = (mask ? 0b1000_0000 : 0) | lengthFieldFor(encoding, n);
  let k = at + 2;
  if (encoding === '16') {
    out[k] = n >>> 8;
    out[k + 1] = n & 0xff;
    k += 2;
  } else if (encoding === '64') {
    // JavaScript lengths stay below 2^53, so the top bit (which must be 0) always is.
    const hi = Math.floor(n / 0x1_0000_0000);
    const lo = n >>> 0;
    out[k] = hi >>> 24;
    out[k + 1] = (hi >>> 16) & 0xff;
    out[k + 2] = (hi >>> 8) & 0xff;
    out[k + 3] = hi & 0xff;
    out[k + 4] = lo >>> 24;
    out[k + 5] = (lo >>> 16) & 0xff;
    out[k + 6] = (lo >>> 8) & 0xff;
    out[k + 7] = lo & 0xff;
    k += 8;
  }
  if (mask) {
    out[k] = mask[0]!;
    out[k + 1] = mask[1]!;
    out[k + 2] = mask[2]!;
    out[k + 3] = mask[3]!;
    k += 4;
  }
  return k - at;
}
