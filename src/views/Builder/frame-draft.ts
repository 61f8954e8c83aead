/**
 * The Builder's model, without runes: a frame as the learner describes it (a draft), and how a draft becomes
 * bytes. Bytes always come from the codec's `encodeFrame`; fields and violations from `decodeFrame`.
 */
import { encodeClosePayload } from '../../codec/close';
import { decodeFrame } from '../../codec/frame';
import { encodeFrame } from '../../codec/frame-encode';
import type { Frame, Role } from '../../codec/types';
import type { PresetFrame } from '../../content/builder-presets';
import { parseHexInput } from './hex-input';

/** Largest payload the Builder makes (a 64-bit length could ask for exabytes). */
export const MAX_PAYLOAD = 1 << 24;
/** Payloads set through the length bits above this size become a generated payload. */
const MAX_EDITABLE = 4096;

export type PayloadSource =
  | { kind: 'text'; text: string }
  | { kind: 'hex'; hex: string }
  | { kind: 'close'; code: number | null; reason: string }
  | { kind: 'fill'; length: number }
  | { kind: 'file'; name: string; bytes: Uint8Array }
  /** A continuation of a compressed message: the frame carries the next bytes of its compressed payload. */
  | { kind: 'deflated' };

export type LengthForm = 'auto' | '16' | '64';

export interface FrameDraft {
  fin: boolean;
  rsv1: boolean;
  rsv2: boolean;
  rsv3: boolean;
  opcode: number;
  masked: boolean;
  /** Kept while MASK = 0 so that flipping MASK back restores it. */
  key: Uint8Array;
  length: LengthForm;
  payload: PayloadSource;
  /** Compress the payload with permessage-deflate (only when the sequence negotiated it); sets RSV1. */
  compress: boolean;
  /**
   * In a fragmented compressed message (the first frame, with `compress`, or a `deflated` continuation): how many
   * bytes of the compressed payload this frame carries; null for all that are left.
   */
  cut: number | null;
}

export interface BuiltFrame {
  /** The frame's bytes, or null when the draft cannot be written at all (see `error`). */
  bytes: Uint8Array | null;
  /** The codec's reading of those bytes: fields with bit spans, and violations. */
  frame: Frame | null;
  /** Why the draft could not be turned into bytes (bad hex, a length that does not fit the forced form…). */
  error: string | null;
  /** Which bytes of a compressed message this frame carries, when it carries some (see `build-sequence.ts`). */
  part: DeflatedPart | null;
}

/** A frame's share of a compressed message: bytes `start` to `end` (exclusive) of `total` compressed bytes. */
export interface DeflatedPart {
  /** Index of the message's first frame in the sequence. */
  first: number;
  start: number;
  end: number;
  total: number;
  /** Size of the message before compression. */
  inflated: number;
}

export function receiverRole(sender: Role): Role {
  return sender === 'client' ? 'server' : 'client';
}

export function randomKey(): Uint8Array {
  return crypto.getRandomValues(new Uint8Array(4));
}

export function defaultDraft(role: Role, key: Uint8Array = randomKey()): FrameDraft {
  return {
    fin: true,
    rsv1: false,
    rsv2: false,
    rsv3: false,
    opcode: 0x1,
    masked: role === 'client',
    key,
    length: 'auto',
    payload: { kind: 'text', text: 'Hello' },
    compress: false,
    cut: null,
  };
}

/** Bytes 00 01 02 … ff 00 01 …: easy to recognise in a dump. */
export function fillBytes(length: number): Uint8Array {
  const out = new Uint8Array(length);
  for (let i = 0; i < length; i++) out[i] = i & 0xff;
  return out;
}

export type PayloadResult = { ok: true; bytes: Uint8Array } | { ok: false; error: string };

export function payloadBytes(source: PayloadSource): PayloadResult {
  switch (source.kind) {
    case 'text':
      return { ok: true, bytes: new TextEncoder().encode(source.text) };
    case 'hex': {
      const parsed = parseHexInput(source.hex);
      return parsed.ok ? parsed : { ok: false, error: `Payload hex: ${parsed.error}` };
    }
    case 'close':
      if (source.code === null) return { ok: true, bytes: new Uint8Array(0) };
      if (!Number.isInteger(source.code) || source.code < 0 || source.code > 0xffff)
        return { ok: false, error: `Close code ${source.code} does not fit in two bytes (0–65535)` };
      return { ok: true, bytes: closePayload(source.code, source.reason) };
    case 'fill':
      return { ok: true, bytes: fillBytes(source.length) };
    case 'file':
      return { ok: true, bytes: source.bytes };
    case 'deflated':
      // Its bytes are a slice of the message's compressed payload, known only in sequence (`build-sequence.ts`).
      return { ok: true, bytes: new Uint8Array(0) };
  }
}

/**
 * The codec refuses to write a close payload that is invalid on the wire (code 1005, a reason over 123 bytes).
 * The Builder exists to show such frames, so then it lays the bytes out as §5.5.1 does: code, then reason.
 */
function closePayload(code: number, reason: string): Uint8Array {
  try {
    return encodeClosePayload(code, reason);
  } catch {
    const text = new TextEncoder().encode(reason);
    const out = new Uint8Array(2 + text.length);
    out[0] = code >> 8;
    out[1] = code & 0xff;
    out.set(text, 2);
    return out;
  }
}

/** Whether a draft is the first frame of a data message, the only kind permessage-deflate compresses. */
export function canCompress(draft: FrameDraft): boolean {
  return draft.opcode === 0x1 || draft.opcode === 0x2;
}

/** What goes on the wire instead of the draft's own payload: a (slice of a) compressed message. */
export interface WirePayload {
  payload: Uint8Array;
  /** The first frame of a compressed message: RSV1 is set (RFC 7692 §6). */
  compressed: boolean;
  part: DeflatedPart | null;
}

/**
 * Bytes, fields and violations of one draft. `wire` replaces the draft's payload for the frames of a compressed
 * message (see `build-sequence.ts`); `extensionsRsv1`: permessage-deflate negotiated, so RSV1 is allowed.
 */
export function buildFrame(
  draft: FrameDraft,
  sender: Role,
  wire: WirePayload | null = null,
  extensionsRsv1 = false,
): BuiltFrame {
  const part = wire?.part ?? null;
  const payload = wire ? { ok: true as const, bytes: wire.payload } : payloadBytes(draft.payload);
  if (!payload.ok) return { bytes: null, frame: null, error: payload.error, part };
  let bytes: Uint8Array;
  try {
    bytes = encodeFrame({
      fin: draft.fin,
      rsv1: draft.rsv1 || (wire?.compressed ?? false),
      rsv2: draft.rsv2,
      rsv3: draft.rsv3,
      opcode: draft.opcode,
      mask: draft.masked ? draft.key : null,
      payload: payload.bytes,
      length: draft.length,
      allowInvalid: true,
    });
  } catch (err) {
    return { bytes: null, frame: null, error: err instanceof Error ? err.message : String(err), part };
  }
  const decoded = decodeFrame(bytes, 0, { role: receiverRole(sender), extensionsRsv1 });
  if (decoded.incomplete)
    return { bytes, frame: null, error: 'The codec could not read back the frame it wrote.', part };
  return { bytes, frame: decoded, error: null, part };
}

/**
 * A new payload of `length` bytes that keeps as much of the old one as possible: text stays text while it is
 * valid UTF-8 (padded with dots), small payloads become hex, big ones a generated payload.
 */
export function resizePayload(source: PayloadSource, length: number): PayloadSource {
  if (length > MAX_EDITABLE || source.kind === 'fill') return { kind: 'fill', length };
  const current = payloadBytes(source);
  const old = current.ok ? current.bytes : new Uint8Array(0);
  const next = new Uint8Array(length);
  next.set(old.subarray(0, length));
  if (source.kind === 'text') {
    next.fill(0x2e, Math.min(old.length, length));
    const text = decodeUtf8(next);
    if (text !== null) return { kind: 'text', text };
  }
  return { kind: 'hex', hex: toSpacedHex(next) };
}

/** The text, or null when the bytes are not valid UTF-8. */
export function decodeUtf8(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

function toSpacedHex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join(' ');
}

export function keyFromHex(hex: string | undefined): Uint8Array | null {
  if (hex === undefined) return null;
  const parsed = parseHexInput(hex);
  return parsed.ok && parsed.bytes.length === 4 ? parsed.bytes : null;
}

export function draftFromPreset(p: PresetFrame): FrameDraft {
  const key = keyFromHex(p.key);
  const payload: PayloadSource = p.deflated
    ? { kind: 'deflated' }
    : p.close !== undefined
      ? { kind: 'close', code: p.close.code, reason: p.close.reason }
      : p.fill !== undefined
        ? { kind: 'fill', length: p.fill }
        : p.payloadHex !== undefined
          ? { kind: 'hex', hex: p.payloadHex }
          : { kind: 'text', text: p.text ?? '' };
  return {
    fin: p.fin ?? true,
    rsv1: false,
    rsv2: false,
    rsv3: false,
    opcode: p.opcode,
    masked: key !== null,
    key: key ?? new Uint8Array([0x12, 0x34, 0x56, 0x78]),
    length: 'auto',
    payload,
    compress: p.compress ?? false,
    cut: p.cut ?? null,
  };
}
