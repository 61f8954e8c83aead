/**
 * The whole Builder state as one object (short keys), so a link reproduces the sequence exactly; it travels in a
 * versioned compressed link (`src/lib/share-link.ts`), and the older `?s=` links (the same object as JSON) are still
 * read. Reading never throws: a damaged link gives an error message and the caller falls back to a default.
 */
import type { Role } from '../../codec/types';
import type { FrameDraft, LengthForm, PayloadSource } from './frame-draft';
import { keyFromHex } from './frame-draft';
import { toHex } from './hex-input';

/** File payloads up to this size travel in the link as hex; bigger ones as their length only. */
export const LINK_FILE_LIMIT = 2048;

/**
 * The most payload bytes a link may ask the Builder to generate, over all its frames: 16 MiB (one frame of the
 * largest generated size). A link is checked before anything is built, so a crafted one (eight frames of 16 MiB)
 * is refused with a reason instead of running out of memory.
 */
export const LINK_TOTAL_LIMIT = 1 << 24;

export interface SharedState {
  role: Role;
  /** permessage-deflate negotiated. */
  deflate: boolean;
  frames: FrameDraft[];
  selected: number;
}

type WirePayload = ['t', string] | ['x', string] | ['c', number | null, string] | ['n', number] | ['z'];

interface WireFrame {
  /** First header byte: FIN, RSV1–3 and the opcode, as the frame writes it. */
  b: number;
  m: 0 | 1;
  k: string;
  l: LengthForm;
  p: WirePayload;
  /** Compressed (present only when set). */
  z?: 1;
  /** Compressed bytes this frame carries (present only when set). */
  c?: number;
}

function payloadToWire(p: PayloadSource): WirePayload {
  switch (p.kind) {
    case 'text':
      return ['t', p.text];
    case 'hex':
      return ['x', p.hex];
    case 'close':
      return ['c', p.code, p.reason];
    case 'fill':
      return ['n', p.length];
    case 'file':
      return p.bytes.length <= LINK_FILE_LIMIT ? ['x', toHex(p.bytes)] : ['n', p.bytes.length];
    case 'deflated':
      return ['z'];
  }
}

/** The state as the link's JSON object (short keys: `r` role, `i` selected, `d` deflate, `f` frames). */
export function sharedStateWire(state: SharedState): object {
  const frames: WireFrame[] = state.frames.map((f) => ({
    b:
      (f.fin ? 0x80 : 0) |
      (f.rsv1 ? 0x40 : 0) |
      (f.rsv2 ? 0x20 : 0) |
      (f.rsv3 ? 0x10 : 0) |
      (f.opcode & 0x0f),
    m: f.masked ? 1 : 0,
    k: toHex(f.key, ''),
    l: f.length,
    p: payloadToWire(f.payload),
    ...(f.compress ? { z: 1 as const } : {}),
    ...(f.cut !== null ? { c: f.cut } : {}),
  }));
  return {
    r: state.role === 'client' ? 'c' : 's',
    i: state.selected,
    ...(state.deflate ? { d: 1 } : {}),
    f: frames,
  };
}

/** The state as compact JSON (the older `?s=` form). */
export function encodeSharedState(state: SharedState): string {
  return JSON.stringify(sharedStateWire(state));
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

function payloadFromWire(p: unknown): PayloadSource | null {
  if (!Array.isArray(p)) return null;
  const [kind, a, b] = p as unknown[];
  if (kind === 't' && typeof a === 'string') return { kind: 'text', text: a };
  if (kind === 'x' && typeof a === 'string') return { kind: 'hex', hex: a };
  if (
    kind === 'c' &&
    (a === null || (typeof a === 'number' && Number.isInteger(a) && a >= 0 && a <= 0xffff)) &&
    typeof b === 'string'
  )
    return { kind: 'close', code: a, reason: b };
  if (kind === 'n' && typeof a === 'number' && Number.isInteger(a) && a >= 0 && a <= 1 << 24)
    return { kind: 'fill', length: a };
  if (kind === 'z') return { kind: 'deflated' };
  return null;
}

function frameFromWire(w: unknown, index: number): FrameDraft | string {
  if (!isObject(w)) return `frame ${index + 1} is not an object`;
  const { b, m, k, l, p, z, c } = w;
  if (typeof b !== 'number' || !Number.isInteger(b) || b < 0 || b > 0xff)
    return `frame ${index + 1}: bad first byte`;
  const key = typeof k === 'string' ? keyFromHex(k) : null;
  if (!key) return `frame ${index + 1}: the masking key must be 8 hex digits`;
  if (l !== 'auto' && l !== '16' && l !== '64') return `frame ${index + 1}: unknown length form`;
  const payload = payloadFromWire(p);
  if (!payload) return `frame ${index + 1}: unreadable payload`;
  if (c !== undefined && (typeof c !== 'number' || !Number.isInteger(c) || c < 0 || c > 1 << 24))
    return `frame ${index + 1}: bad compressed share`;
  return {
    fin: (b & 0x80) !== 0,
    rsv1: (b & 0x40) !== 0,
    rsv2: (b & 0x20) !== 0,
    rsv3: (b & 0x10) !== 0,
    opcode: b & 0x0f,
    masked: m === 1,
    key,
    length: l,
    payload,
    compress: z === 1,
    cut: typeof c === 'number' ? c : null,
  };
}

/** Bytes a payload will take at least once built (text and hex as written; close payloads are small). */
function payloadSize(p: PayloadSource): number {
  switch (p.kind) {
    case 'fill':
      return p.length;
    case 'text':
      return p.text.length;
    case 'hex':
      return p.hex.length >> 1;
    case 'file':
      return p.bytes.length;
    default:
      return 0;
  }
}

const mib = (bytes: number) => `${Number((bytes / 2 ** 20).toFixed(1))} MiB`;

export type SharedRead = { ok: true; state: SharedState } | { ok: false; error: string };

/** Read the older `?s=` form (JSON text). */
export function decodeSharedState(text: string): SharedRead {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { ok: false, error: 'The link’s builder state is not valid JSON.' };
  }
  return readSharedState(raw);
}

/** Check a state object from a link (either form) against the Builder's limits before anything is built. */
export function readSharedState(raw: unknown): SharedRead {
  if (!isObject(raw) || !Array.isArray(raw.f) || raw.f.length === 0 || raw.f.length > 64)
    return { ok: false, error: 'The link’s builder state has no frames (or more than 64).' };
  const frames: FrameDraft[] = [];
  for (const [i, w] of raw.f.entries()) {
    const f = frameFromWire(w, i);
    if (typeof f === 'string') return { ok: false, error: `The link’s builder state is damaged: ${f}.` };
    frames.push(f);
  }
  const total = frames.reduce((n, f) => n + payloadSize(f.payload), 0);
  if (total > LINK_TOTAL_LIMIT)
    return {
      ok: false,
      error: `The link asks for ${mib(total)} of payload in total; a link may ask for at most ${mib(LINK_TOTAL_LIMIT)}, so nothing was built.`,
    };
  const role: Role = raw.r === 's' ? 'server' : 'client';
  const selected = typeof raw.i === 'number' && raw.i >= 0 && raw.i < frames.length ? Math.floor(raw.i) : 0;
  return { ok: true, state: { role, frames, selected, deflate: raw.d === 1 } };
}
