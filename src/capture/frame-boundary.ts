/**
 * Finding where frames start in bytes that begin mid-connection or after a gap: the first offset from which a
 * chain of well-formed frames follows (RFC 6455 §5.2).
 */
import { decodeFrame } from '../codec/frame';
import { isKnownOpcode } from '../codec/opcode';
import type { Role } from '../codec/types';

const SCAN_LIMIT = 64 * 1024;
const CHAIN = 3;

function plausibleAt(bytes: Uint8Array, at: number, role: Role, rsv1: boolean): number {
  // Returns how many well-formed frames follow, counting a frame that runs exactly to the end as a full chain.
  let off = at;
  let count = 0;
  while (count < CHAIN) {
    const f = decodeFrame(bytes, off, { role, extensionsRsv1: rsv1 });
    if (f.incomplete)
      return count > 0 && off === bytes.length ? CHAIN : count > 0 && f.violations.length === 0 ? count : 0;
    if (f.violations.some((v) => v.severity === 'error')) return 0;
    if (!isKnownOpcode(f.opcode)) return 0;
    // Client frames are masked, server frames are not (RFC 6455 §5.1).
    if (f.masked !== (role === 'server')) return 0;
    count++;
    off += f.totalLength;
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
  for (let at = from; at <= last; at++) {
    const n = plausibleAt(bytes, at, role, rsv1);
    if (n >= CHAIN) return at;
    if (n > bestCount) {
      best = at;
      bestCount = n;
    }
  }
  return bestCount >= 1 && bytes.length - from < 256 ? best : -1;
}
