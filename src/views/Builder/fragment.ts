/**
 * Fragmenting a message in the Builder (RFC 6455 §5.4): the continuation frames the sequence actions add, and
 * how a payload is split. A compressed message is split after compression (RFC 7692 §6.1): the frames share out
 * its compressed bytes (`cut`), they are never compressed one by one.
 */
import { isControlOpcode } from '../../codec/opcode';
import type { Role } from '../../codec/types';
import {
  decodeUtf8,
  defaultDraft,
  payloadBytes,
  type BuiltFrame,
  type DeflatedPart,
  type FrameDraft,
  type PayloadSource,
} from './frame-draft';
import { toHex } from './hex-input';

const continuation = (d: FrameDraft, role: Role, key: Uint8Array, payload: PayloadSource): FrameDraft => ({
  ...defaultDraft(role, key),
  opcode: 0x0,
  fin: d.fin,
  payload,
});

/** `d` keeps the first half of its compressed bytes; the continuation returned carries the other half. */
function splitShare(d: FrameDraft, part: DeflatedPart, role: Role, key: Uint8Array): FrameDraft {
  const share = part.end - part.start;
  const half = Math.ceil(share / 2);
  const next = continuation(d, role, key, { kind: 'deflated' });
  // A frame that took "all that are left" passes that on; one with a fixed share keeps the total the same.
  next.cut = d.cut === null ? null : share - half;
  d.cut = half;
  d.fin = false;
  return next;
}

/** Whether `d` (carrying `part` of a compressed message, if any) can be split in two: data frames, 2+ bytes. */
export function canSplit(d: FrameDraft, part: DeflatedPart | null): boolean {
  if (part) return part.end - part.start >= 2;
  const bytes = payloadBytes(d.payload);
  return bytes.ok && bytes.bytes.length >= 2 && !isControlOpcode(d.opcode) && d.payload.kind !== 'deflated';
}

/**
 * Split `d` in two: it keeps the first half and loses FIN, the returned continuation carries the rest (and the FIN
 * `d` had). A text cut inside a character becomes hex (legal: only the whole message must be UTF-8). For a share of
 * a compressed message, the halves are of its compressed bytes and the continuation has RSV1 = 0.
 */
export function splitDraft(
  d: FrameDraft,
  part: DeflatedPart | null,
  role: Role,
  key: Uint8Array,
): FrameDraft | null {
  if (!canSplit(d, part)) return null;
  if (part) return splitShare(d, part, role, key);
  const bytes = payloadBytes(d.payload);
  if (!bytes.ok) return null;
  const half = Math.ceil(bytes.bytes.length / 2);
  const asSource = (piece: Uint8Array): PayloadSource => {
    const text = d.payload.kind === 'text' ? decodeUtf8(piece) : null;
    return text === null ? { kind: 'hex', hex: toHex(piece) } : { kind: 'text', text };
  };
  const next = continuation(d, role, key, asSource(bytes.bytes.subarray(half)));
  d.payload = asSource(bytes.bytes.subarray(0, half));
  d.fin = false;
  return next;
}

/**
 * The continuation the Fragment button puts after `d` (which loses FIN). A share of a compressed message is split
 * instead: compressed bytes cannot be extended by hand.
 */
export function fragmentDraft(
  d: FrameDraft,
  part: DeflatedPart | null,
  role: Role,
  key: Uint8Array,
): FrameDraft {
  if (part) return splitShare(d, part, role, key);
  const payload: PayloadSource =
    d.payload.kind === 'text' ? { kind: 'text', text: ' more' } : { kind: 'hex', hex: '00' };
  const next = continuation(d, role, key, payload);
  d.fin = false;
  return next;
}

/**
 * Before frame `index` is removed: a continuation of a compressed message gives its compressed bytes back to the
 * frame before it in the same message (and its FIN, if it had it), so the message stays whole.
 */
export function giveBackShare(frames: FrameDraft[], built: readonly BuiltFrame[], index: number): void {
  const gone = frames[index];
  const part = built[index]?.part;
  if (!gone || !part || part.first === index) return;
  let before = index - 1;
  while (before > part.first && built[before]?.part?.first !== part.first) before--;
  const prev = frames[before];
  if (!prev) return;
  prev.cut = gone.cut === null || prev.cut === null ? null : prev.cut + (part.end - part.start);
  if (gone.fin) prev.fin = true;
}
