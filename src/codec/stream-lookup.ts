/** Questions about a decoded stream: what a byte is, and a frame's fields on demand. */
import { decodeFrame } from './frame';
import type { StreamFrame, StreamResult, ByteSpan } from './stream-types';
import type { Frame, FrameField, IncompleteFrame } from './types';

/** Where one byte of the input belongs: a field of a frame, or a span that is not part of any frame. */
export type ByteOwner =
  | { kind: 'field'; frame: number; field: FrameField }
  | { kind: 'frame'; frame: number }
  | { kind: 'incomplete'; span: ByteSpan }
  | { kind: 'unread'; span: ByteSpan };

/**
 * Find what a byte of the input is: the field of the frame it belongs to (when fields were kept), or the span
 * it lies in. Returns null only for an offset outside the input.
 *
 * @example
 * const r = decodeStream(new Uint8Array([0x81, 0x05, 0x48, 0x65, 0x6c, 0x6c, 0x6f]));
 * byteOwner(r, 1); // { kind: 'field', frame: 0, field: { name: 'mask', … } } (the first field covering byte 1)
 * @see RFC 6455 §5.2
 */
export function byteOwner(result: StreamResult, offset: number): ByteOwner | null {
  const spans = result.spans;
  let lo = 0;
  let hi = spans.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = spans[mid];
    if (!s) break;
    if (offset < s.start) hi = mid - 1;
    else if (offset >= s.end) lo = mid + 1;
    else if (s.kind === 'frame') {
      const frame = result.frames[s.frame];
      const bit = (offset - s.start) * 8;
      const field = frame?.fields?.find((f) => f.bitOffset < bit + 8 && bit < f.bitOffset + f.bitLength);
      return field ? { kind: 'field', frame: s.frame, field } : { kind: 'frame', frame: s.frame };
    } else return { kind: s.kind, span: s };
  }
  return null;
}

/**
 * Decode one frame of a stream again with the options the stream used, for its fields on demand (when the stream
 * was decoded with `fields: false`). The receiver's violations stay on the {@link StreamFrame}.
 *
 * @example
 * const bytes = new Uint8Array([0x81, 0x05, 0x48, 0x65, 0x6c, 0x6c, 0x6f]);
 * const r = decodeStream(bytes, { fields: false });
 * streamFrameDetail(bytes, r, r.frames[0]).fields.length; // 8 (FIN … payload)
 * @see RFC 6455 §5.2
 */
export function streamFrameDetail(
  bytes: Uint8Array,
  result: StreamResult,
  frame: StreamFrame,
): Frame | IncompleteFrame {
  return decodeFrame(bytes, frame.offset, {
    role: frame.direction === 'client-to-server' ? 'server' : 'client',
    extensionsRsv1: result.permessageDeflate !== null,
  });
}
