/**
 * The rules a single frame must follow on its own (RFC 6455 §5, RFC 7692 §6), written once and used by
 * the encoder (to refuse forbidden frames), the decoder (to report them) and the receiver.
 */
import { parseClosePayload } from './close';
import { type FrameHeader, lengthEncodingFor, maxLengthFor } from './frame-header';
import { isControlOpcode, isKnownOpcode, opcodeName } from './opcode';
import { Opcode } from './types';
import type { LengthEncoding, Role, Violation } from './types';
import { createUtf8Validator } from './utf8';
import { violation } from './violations';

export interface RuleInput {
  fin: boolean;
  rsv1: boolean;
  rsv2?: boolean;
  rsv3?: boolean;
  opcode: number;
  payloadLength?: number | bigint;
  lengthEncoding?: LengthEncoding;
  masked?: boolean;
  /** Offset of the frame's first byte, for violation offsets. */
  frameOffset?: number;
  /** The unmasked payload, when the payload rules should be checked too. */
  payload?: Uint8Array;
  /** Offset of the payload's first byte. */
  payloadOffset?: number;
}

export interface RuleOptions {
  /** Role of the receiving endpoint; decides whether MASK must be 1 (server) or 0 (client). */
  role?: Role | undefined;
  rsv1Allowed?: boolean;
  rsv2Allowed?: boolean;
  rsv3Allowed?: boolean;
  /** Check only the payload rules (the header was checked already). */
  payloadOnly?: boolean;
}

const TOP_BIT_64 = 1n << 63n;

/** Every violation of the single-frame rules, in wire order. */
export function frameViolations(f: RuleInput, opts: RuleOptions = {}): Violation[] {
  const out: Violation[] = [];
  const at = f.frameOffset ?? 0;
  const control = isControlOpcode(f.opcode);
  const name = opcodeName(f.opcode);
  if (!opts.payloadOnly) {
    if (f.rsv1 && !opts.rsv1Allowed) out.push(violation('reserved-bit-set', at, { bit: 'RSV1' }));
    else if (f.rsv1 && control) out.push(violation('rsv1-on-control-frame', at, { name }));
    else if (f.rsv1 && f.opcode === Opcode.Continuation) out.push(violation('rsv1-on-continuation', at));
    if (f.rsv2 && !opts.rsv2Allowed) out.push(violation('reserved-bit-set', at, { bit: 'RSV2' }));
    if (f.rsv3 && !opts.rsv3Allowed) out.push(violation('reserved-bit-set', at, { bit: 'RSV3' }));
    if (!isKnownOpcode(f.opcode)) out.push(violation('reserved-opcode', at, { opcode: f.opcode }));
    if (control && !f.fin) out.push(violation('control-frame-fragmented', at, { name }));
    if (opts.role === 'server' && f.masked === false) out.push(violation('unmasked-client-frame', at + 1));
    if (opts.role === 'client' && f.masked === true) out.push(violation('masked-server-frame', at + 1));
    if (f.payloadLength !== undefined) {
      const len = f.payloadLength;
      if (control && len > maxLengthFor('7')) {
        out.push(violation('control-frame-too-long', at + 1, { name, length: len }));
      }
      if (typeof len === 'bigint' && len >= TOP_BIT_64) {
        out.push(violation('length-top-bit-set', at + 2, { length: len }));
      } else if (f.lengthEncoding && f.lengthEncoding !== lengthEncodingFor(len)) {
        out.push(
          violation('non-minimal-length', at + 1, {
            length: len,
            encoding: f.lengthEncoding,
            minimal: lengthEncodingFor(len),
          }),
        );
      }
    }
  }
  if (f.payload) {
    const base = f.payloadOffset ?? 0;
    if (f.opcode === Opcode.Close && f.payload.length <= 125) {
      for (const v of parseClosePayload(f.payload).violations) out.push({ ...v, offset: v.offset + base });
    } else if (f.opcode === Opcode.Text && !f.rsv1) {
      // A single frame can be judged fully only when it is the whole message (FIN = 1); the first
      // fragment of a longer message may end in the middle of a code point.
      const v = createUtf8Validator();
      let bad = v.write(f.payload);
      let why = v.why;
      if (bad < 0 && f.fin && !v.complete) {
        bad = f.payload.length - 1;
        while (bad > 0 && (f.payload[bad]! & 0xc0) === 0x80) bad--;
        why = 'sequence cut off by the end of the message';
      }
      if (bad >= 0)
        out.push(violation('invalid-utf8', base + bad, { byte: f.payload[bad]!, index: bad, why }));
    }
  }
  return out;
}

/**
 * The receiver's fast path: true exactly when {@link frameViolations} finds no error in this header (warnings such
 * as a non-minimal length do not stop a receiver) and the length is one JavaScript counts exactly. Checked without
 * building violation objects; a property test holds it to `frameViolations` over every first two bytes.
 */
export function isPlainHeader(h: FrameHeader, server: boolean, rsv1Allowed: boolean): boolean {
  const control = (h.opcode & 0b1000) !== 0;
  return (
    !h.rsv2 &&
    !h.rsv3 &&
    (!h.rsv1 || (rsv1Allowed && h.opcode !== Opcode.Continuation && !control)) &&
    (h.opcode <= Opcode.Binary || (h.opcode >= Opcode.Close && h.opcode <= Opcode.Pong)) &&
    (!control || (h.fin && h.payloadLength <= maxLengthFor('7'))) &&
    h.masked === server &&
    h.payloadLength <= maxLengthFor('64')
  );
}
