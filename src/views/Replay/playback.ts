/** Pure helpers of the Replay timeline: where each frame sits, and which frame is current at a position. */
import type { CapturedFrame } from '../../capture';

export type Spacing = 'real' | 'even';

/** Milliseconds between two frames on an evenly spaced timeline. */
export const EVEN_STEP = 500;

/** Captures shorter than this play evenly spaced by default. */
export const SHORT_CAPTURE_MS = 3000;

export const SPEEDS = [0.25, 0.5, 1, 2, 4, 10, 100] as const;

export interface FrameFilter {
  direction: 'all' | 'client-to-server' | 'server-to-client';
  opcode: 'all' | 'data' | 'text' | 'binary' | 'continuation' | 'control' | 'close' | 'ping' | 'pong';
}

export function matches(f: CapturedFrame, filter: FrameFilter): boolean {
  if (filter.direction !== 'all' && f.direction !== filter.direction) return false;
  switch (filter.opcode) {
    case 'all':
      return true;
    case 'data':
      return f.opcode <= 2;
    case 'control':
      return f.opcode >= 8;
    default:
      return f.opcodeName === filter.opcode;
  }
}

/** Timeline positions (ms) of the visible frames, ascending. */
export function positions(frames: CapturedFrame[], visible: number[], spacing: Spacing): Float64Array {
  const out = new Float64Array(visible.length);
  visible.forEach((fi, k) => (out[k] = spacing === 'even' ? k * EVEN_STEP : (frames[fi]?.time ?? 0)));
  return out;
}

/** Index of the last position ≤ t, or -1 when t is before the first. */
export function lastAtOrBefore(pos: Float64Array, t: number): number {
  let lo = 0;
  let hi = pos.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if ((pos[mid] ?? 0) <= t) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/** `12.345 ms` or `1.234 s`. */
export function formatTime(ms: number): string {
  return ms < 1000 ? `${ms.toFixed(ms < 10 ? 3 : 1)} ms` : `${(ms / 1000).toFixed(3)} s`;
}
