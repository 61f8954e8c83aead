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
import { firstByteFields, frameFields, headerFields } from './frame-fields';
import {
  createHeader,
  exactPayloadLength,
  extendedLengthBytes,
  maxLengthFor,
  readHeader,
} from './frame-header';
import { maskInto } from './mask';
import { violation } from './violations';
import { opcodeName } from './opcode';
import type { Frame, FrameField, IncompleteFrame, Role, Violation } from './types';

export { encodeFrame, FrameSpecError } from './frame-encode';
export { frameFields } from './frame-fields';
export { lengthEncodingFor } from './frame-header';

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
  const ruleOpts = { role: opts.role, rsv1Allowed: !!opts.extensionsRsv1 };
  if (available < 2) {
    if (available < 1) return partial(2, []);
    // The first byte alone can already break a rule (a reserved bit or opcode, a fragmented control frame).
    const b0 = bytes[offset]!;
    const early = frameViolations(
      {
        fin: (b0 & 0b1000_0000) !== 0,
        rsv1: (b0 & 0b0100_0000) !== 0,
        rsv2: (b0 & 0b0010_0000) !== 0,
        rsv3: (b0 & 0b0001_0000) !== 0,
        opcode: b0 & 0b0000_1111,
        frameOffset: offset,
      },
      { rsv1Allowed: ruleOpts.rsv1Allowed },
    );
    return partial(1, firstByteFields(b0), early);
  }
  const h = createHeader();
  let headerLength = readHeader(bytes, offset, bytes.length, h);
  const cut = headerLength < 0;
  if (cut) {
    // The header itself is cut: read what is there from a zero-padded copy, then keep only what the bytes give.
    const padded = new Uint8Array(14);
    padded.set(bytes.subarray(offset, offset + 14));
    headerLength = readHeader(padded, 0, padded.length, h);
  }
  const ext = extendedLengthBytes(h.lengthEncoding);
  const head = {
    fin: h.fin,
    rsv1: h.rsv1,
    rsv2: h.rsv2,
    rsv3: h.rsv3,
    opcode: h.opcode,
    masked: h.masked,
    lengthEncoding: h.lengthEncoding,
    headerLength,
    frameOffset: offset,
  };
  if (available < 2 + ext) {
    // The length is cut, but the first two bytes can already break a rule (bits, opcode, MASK for the role;
    // a control frame announcing a 16- or 64-bit length is too long whatever follows).
    const early = frameViolations(head, ruleOpts);
    if ((h.opcode & 0b1000) !== 0) {
      early.push(
        violation('control-frame-too-long', offset + 1, {
          name: opcodeName(h.opcode),
          length: `more than ${maxLengthFor('7')}`,
        }),
      );
    }
    const len7 = bytes[offset + 1]! & 0b0111_1111;
    return partial(
      2 + ext - available,
      headerFields({ ...head, payloadLength: len7, maskingKey: null }, false),
      early,
    );
  }
  const length = exactPayloadLength(h);
  const maskingKey = h.masked && !cut ? h.key.slice() : null;
  const lengthNumber = h.payloadLength;
  const shape = { ...head, payloadLength: length, maskingKey };
  const violations = frameViolations({ ...head, payloadLength: length }, ruleOpts);
  if (cut) return partial(headerLength - available, headerFields(shape, false), violations);
  if (available < headerLength + lengthNumber) {
    return partial(headerLength + lengthNumber - available, headerFields(shape, false), violations);
  }
  const start = offset + headerLength;
  const maskedPayload = bytes.subarray(start, start + lengthNumber);
  const payload = new Uint8Array(lengthNumber);
  if (maskingKey) maskInto(maskedPayload, 0, lengthNumber, maskingKey, 0, payload, 0);
  else payload.set(maskedPayload);
  violations.push(
    ...frameViolations(
      {
        fin: h.fin,
        rsv1: h.rsv1,
        opcode: h.opcode,
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
    fin: h.fin,
    rsv1: h.rsv1,
    rsv2: h.rsv2,
    rsv3: h.rsv3,
    opcode: h.opcode,
    opcodeName: opcodeName(h.opcode),
    masked: h.masked,
    maskingKey,
    payloadLength: lengthNumber,
    lengthEncoding: h.lengthEncoding,
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
