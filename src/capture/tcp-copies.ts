/**
 * Retransmitted bytes that differ from the first copy: which copy a TCP receiver took, and a record of where the
 * copies differ.
 */
import { timeAt, type DirectionStream, type StreamRun } from './tcp-reassembly';

/**
 * Two captured copies of the same stream bytes that differ. The receiver keeps the first copy it accepts and
 * ignores later ones, so the copy used is the one it took: the first copy when the receiver acknowledged those
 * bytes before the retransmission was captured (it had them), otherwise the retransmission (the first copy never
 * reached it in a usable state, which is why the sender resent it).
 */
export interface CopyConflict {
  /** Stream offsets of the bytes both copies hold. */
  offset: number;
  length: number;
  /** Stream offset of the first byte that differs. */
  differsAt: number;
  firstTime: number;
  laterTime: number;
  used: 'first' | 'retransmission';
  /** When the receiver acknowledged the first copy (before the retransmission), if it did. */
  ackTime: number | null;
}

/** The run holding stream offset `at` (runs are in offset order). */
function runAt(stream: DirectionStream, at: number): StreamRun | undefined {
  let lo = 0;
  let hi = stream.runs.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const r = stream.runs[mid]!;
    if (at < r.offset) hi = mid - 1;
    else if (at >= r.offset + r.bytes.length) lo = mid + 1;
    else return r;
  }
  return undefined;
}

/**
 * Compare each later copy with the bytes placed, in capture order; where they differ, keep the copy the receiver
 * took ({@link CopyConflict}) and record the conflict.
 */
export function resolveCopies(
  stream: DirectionStream,
  copies: { s: { time: number; payload: Uint8Array }; start: number; end: number; i: number }[],
  acks: { time: number; ack: number }[],
): void {
  // Bytes rewritten with a retransmission: their copy's time replaces the time of the segment first placed there.
  const rewritten: { from: number; to: number; time: number }[] = [];
  copies.sort((x, y) => x.s.time - y.s.time || x.i - y.i);
  for (const c of copies) {
    const run = runAt(stream, c.start);
    if (!run) continue;
    const placed = run.bytes.subarray(c.start - run.offset, c.end - run.offset);
    const copy = c.s.payload.subarray(0, c.end - c.start);
    let differs = -1;
    for (let k = 0; k < copy.length; k++)
      if (copy[k] !== placed[k]) {
        differs = k;
        break;
      }
    if (differs < 0) continue;
    const at = c.start + differs;
    let placedTime = timeAt(run, at - run.offset);
    for (const w of rewritten) if (at >= w.from && at < w.to) placedTime = w.time;
    const [firstTime, laterTime] = placedTime <= c.s.time ? [placedTime, c.s.time] : [c.s.time, placedTime];
    const ack = acks.find((a) => a.time >= firstTime && a.time < laterTime && a.ack >= c.end);
    const used = ack ? 'first' : 'retransmission';
    const useCopy = (used === 'first') === c.s.time <= placedTime;
    if (useCopy) {
      placed.set(copy);
      rewritten.push({ from: c.start, to: c.end, time: c.s.time });
    }
    stream.conflicts.push({
      offset: c.start,
      length: c.end - c.start,
      differsAt: at,
      firstTime,
      laterTime,
      used,
      ackTime: ack?.time ?? null,
    });
  }
}
