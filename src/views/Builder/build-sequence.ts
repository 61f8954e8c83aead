/**
 * Every frame of the sequence as bytes, in wire order. Frames of a compressed message (RFC 7692 §6.1) are not
 * independent: the message is deflated once, by its first frame, and the compressed bytes are then shared out
 * between that frame (opcode, RSV1 = 1) and the continuation frames after it (RSV1 = 0), each taking its `cut`.
 */
import { createDeflater } from '../../codec/permessage-deflate';
import type { Role } from '../../codec/types';
import {
  buildFrame,
  canCompress,
  payloadBytes,
  type BuiltFrame,
  type DeflatedPart,
  type FrameDraft,
} from './frame-draft';

/** The compressed message whose bytes are being shared out, and how far the frames so far have taken them. */
interface OpenMessage {
  first: number;
  bytes: Uint8Array;
  inflated: number;
  at: number;
}

/** The next share of `open`: `cut` bytes, or all that are left when `cut` is null. */
function take(open: OpenMessage, cut: number | null): DeflatedPart {
  const start = open.at;
  const end = cut === null ? open.bytes.length : Math.min(open.bytes.length, start + Math.max(0, cut));
  open.at = end;
  return { first: open.first, start, end, total: open.bytes.length, inflated: open.inflated };
}

/**
 * Build the drafts in order. `deflate`: permessage-deflate negotiated (default parameters, so with context
 * takeover). One deflater serves the whole sequence, in wire order, exactly as a sender's would, and it is made
 * afresh on every call: editing any message rebuilds every later compressed message from the same window state.
 */
export function buildSequence(drafts: readonly FrameDraft[], sender: Role, deflate: boolean): BuiltFrame[] {
  const deflater = deflate ? createDeflater({}, sender) : null;
  let open: OpenMessage | null = null;
  return drafts.map((d, index) => {
    if (d.payload.kind === 'deflated') {
      if (!open) return buildFrame(d, sender, null, deflate);
      const part = take(open, d.cut);
      const payload = open.bytes.subarray(part.start, part.end);
      return buildFrame(d, sender, { payload, compressed: false, part }, deflate);
    }
    // A text or binary frame starts a new message: nothing more of the previous one can follow.
    if (canCompress(d)) open = null;
    if (!deflater || !d.compress || !canCompress(d)) return buildFrame(d, sender, null, deflate);
    const data = payloadBytes(d.payload);
    if (!data.ok) return buildFrame(d, sender, null, deflate);
    open = { first: index, bytes: deflater.deflate(data.bytes), inflated: data.bytes.length, at: 0 };
    const part = take(open, d.cut);
    const payload = open.bytes.subarray(part.start, part.end);
    return buildFrame(d, sender, { payload, compressed: true, part }, deflate);
  });
}
