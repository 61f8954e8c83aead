/**
 * After a gap, which frame boundary can be trusted. A plausible header is not enough: inside a large payload long
 * chains of well-formed "frames" occur (a saved capture being uploaded holds real frames; one letter repeated
 * under one masking key repeats a header), and such a chain runs on into the real frames after the payload.
 * What payload bytes do not share with real frames is where TCP segments cut them: senders write frames to the
 * socket whole, so a segment tends to start where a frame starts and end where one ends, while segment edges fall
 * inside a payload wherever the size of the segments puts them. A boundary is therefore *confirmed* when a segment
 * starts with a frame whose header a conforming sender writes, and either the frames from it fill that segment
 * exactly, or that first frame, longer than the segment, ends exactly where a later segment ends. Everything
 * decoded between the gap and that boundary is unconfirmed. (A payload could still be built to match segment
 * edges; this makes a chance match rare, not impossible.)
 */
import { decodeFrame } from '../codec/frame';
import type { Role } from '../codec/types';
import { createHeader, lengthEncodingFor, readHeader } from '../codec/frame-header';
import { isPlainHeader } from '../codec/frame-rules';
import type { StreamRun } from './tcp-reassembly';

/** Whether `at` is where one of the run's segments ends (the next one's start, or the end of the run). */
function segmentEndsAt(run: StreamRun, at: number): boolean {
  if (at === run.bytes.length) return true;
  const marks = run.marks;
  let lo = 1;
  let hi = marks.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const m = marks[mid]?.at ?? 0;
    if (m === at) return true;
    if (m < at) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

/**
 * The first offset at or after `from` in `run.bytes` where a frame boundary is confirmed: a segment starts there
 * with a valid header for the receiving `role` (known opcode, MASK as the role requires, no reserved bit unless
 * `rsv1` is negotiated, the minimal length form), and the frames read from it end exactly at that segment's end,
 * or the first one is longer than the segment and ends exactly where a later segment ends. -1 when there is none.
 * Each segment is read at most once, so the cost is linear in the run.
 *
 * @example confirmBoundary(run, 0, 'server', false) // 1448: the segment at 1448 starts with a whole frame
 * @see RFC 6455 §5.2 (frame layout), RFC 9293 §3.4 (segments)
 */
export function confirmBoundary(run: StreamRun, from: number, role: Role, rsv1: boolean): number {
  const bytes = run.bytes;
  const marks = run.marks;
  const h = createHeader();
  for (let i = 0; i < marks.length; i++) {
    const start = marks[i]?.at ?? 0;
    if (start < from) continue;
    const segmentEnd = marks[i + 1]?.at ?? bytes.length;
    let at = start;
    for (;;) {
      const headerLength = readHeader(bytes, at, bytes.length, h);
      if (headerLength < 0) break;
      if (!isPlainHeader(h, role === 'server', rsv1)) break;
      if (lengthEncodingFor(h.payloadLength) !== h.lengthEncoding) break;
      const end = at + headerLength + h.payloadLength;
      if (end === segmentEnd) return start;
      if (end > segmentEnd) {
        if (at === start && end <= bytes.length && segmentEndsAt(run, end)) return start;
        break;
      }
      at = end;
    }
  }
  return -1;
}

/**
 * Bytes at the start of `bytes` that hold the rest of a fragmented message whose first frame was lost: the
 * continuation frames up to the final one, and control frames between them. 0 when the first data frame starts a
 * message (or there is none).
 *
 * @example orphanFragments(Uint8Array.of(0x00, 0x01, 0x61, 0x80, 0x01, 0x62, 0x81, 0x00), 'client', false) // 6
 * @see RFC 6455 §5.4 (fragmentation)
 */
export function orphanFragments(bytes: Uint8Array, role: Role, rsv1: boolean): number {
  let at = 0;
  let continued = false;
  for (;;) {
    const f = decodeFrame(bytes, at, { role, extensionsRsv1: rsv1, fields: false });
    if (f.incomplete) return continued ? at : 0;
    if (f.opcode === 0) {
      continued = true;
      at += f.totalLength;
      if (f.fin) return at;
    } else if (f.opcode >= 8) at += f.totalLength;
    else return continued ? at : 0;
  }
}
