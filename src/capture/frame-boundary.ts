/**
 * Finding where frames start in bytes that begin mid-connection or after a gap: the first offset from which a
 * chain of well-formed frames follows (RFC 6455 §5.2).
 */
import type { Role } from '../codec/types';
import { createHeader, readHeader, type FrameHeader } from '../codec/frame-header';
import { isPlainHeader } from '../codec/frame-rules';

const SCAN_LIMIT = 64 * 1024;
const CHAIN = 3;

/**
 * How many well-formed frames follow `at`, counting a frame that runs exactly to the end as a full chain. Headers
 * only: a payload is never read or copied, so a candidate claiming a 64 KiB payload costs what a small one does.
 */
function plausibleAt(bytes: Uint8Array, at: number, role: Role, rsv1: boolean, h: FrameHeader): number {
  let off = at;
  let count = 0;
  while (count < CHAIN) {
    const headerLength = readHeader(bytes, off, bytes.length, h);
    if (headerLength < 0) return count;
    // Known opcode, no reserved bit, control frames short and final, and client frames masked, server frames
    // not (RFC 6455 §5.1, §5.2).
    if (!isPlainHeader(h, role === 'server', rsv1)) return 0;
    const end = off + headerLength + h.payloadLength;
    if (end > bytes.length) return count;
    count++;
    off = end;
    if (off === bytes.length) return CHAIN;
  }
  return count;
}

/**
 * The first offset at or after `from` where frames plausibly start, or -1 when none is found within 64 KiB.
 * `role` is the receiving side: `server` for client → server bytes (masked frames).
 */
export function findFrameBoundary(bytes: Uint8Array, from: number, role: Role, rsv1: boolean): number {
  const last = Math.min(bytes.length - 2, from + SCAN_LIMIT);
  let best = -1;
  let bestCount = 0;
  const h = createHeader();
  for (let at = from; at <= last; at++) {
    const n = plausibleAt(bytes, at, role, rsv1, h);
    if (n >= CHAIN) return at;
    if (n > bestCount) {
      best = at;
      bestCount = n;
    }
  }
  return bestCount >= 1 && bytes.length - from < 256 ? best : -1;
}
