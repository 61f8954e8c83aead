/**
 * TCP reassembly per connection and direction (RFC 9293 §3.4): segments are put in sequence-number order
 * (wrapping at 2^32), retransmitted and overlapping bytes are kept once (first captured wins), and missing bytes
 * become gaps that nothing is decoded across.
 */
import type { TcpSegment } from './ip';
import { maxOf, minOf } from './numbers';

/** A segment with the time it was captured (ms since the capture's start). */
export interface TimedSegment extends TcpSegment {
  time: number;
}

/** A contiguous run of reassembled bytes of one direction. */
export interface StreamRun {
  /** Offset of the run's first byte in the direction's stream (0 = first byte after the SYN, when seen). */
  offset: number;
  bytes: Uint8Array;
  /** Start offset (within `bytes`) and capture time of each segment that contributed, ascending. */
  marks: { at: number; time: number }[];
}

/** One direction of a connection, reassembled. */
export interface DirectionStream {
  runs: StreamRun[];
  gaps: { offset: number; length: number; time: number }[];
  /** No SYN was captured: the stream starts at the first byte seen, maybe mid-connection. */
  midStream: boolean;
  retransmitted: number;
  overlapping: number;
  /** Time of the first and last segment, ms. */
  firstTime: number;
  lastTime: number;
}

/** A TCP connection: the two endpoints and both directions. `a` sent the first SYN (or the first segment). */
export interface TcpConnection {
  a: { address: string; port: number };
  b: { address: string; port: number };
  aToB: DirectionStream;
  bToA: DirectionStream;
  /** `a` sent the first SYN captured (so it opened the connection); false when no SYN was captured. */
  aSentSyn: boolean;
}

const key = (addr: string, port: number) => `${addr}|${port}`;

/** Signed distance from `base` to `seq` in 32-bit sequence space. */
const rel = (seq: number, base: number) => (seq - base) | 0;

function reassemble(segments: TimedSegment[]): DirectionStream {
  const syn = segments.find((s) => s.syn);
  const withData = segments.filter((s) => s.payload.length > 0);
  const first = withData[0] ?? segments[0];
  const times = segments.map((s) => s.time);
  const stream: DirectionStream = {
    runs: [],
    gaps: [],
    midStream: !syn,
    retransmitted: 0,
    overlapping: 0,
    firstTime: minOf(times),
    lastTime: maxOf(times),
  };
  if (!first) return stream;
  let base = syn ? (syn.seq + 1) >>> 0 : first.seq;
  if (!syn) {
    // The earliest sequence number seen is the stream's start.
    let min = 0;
    for (const s of withData) min = Math.min(min, rel(s.seq, base));
    base = (base + min) >>> 0;
  }
  const ordered = withData
    .map((s, i) => ({ s, start: rel(s.seq, base), i }))
    .filter((x) => x.start >= 0)
    .sort((x, y) => x.start - y.start || x.i - y.i);
  let cursor = 0;
  let run: {
    offset: number;
    parts: Uint8Array[];
    marks: { at: number; time: number }[];
    length: number;
  } | null = null;
  const flush = () => {
    if (!run) return;
    const bytes = new Uint8Array(run.length);
    let at = 0;
    for (const p of run.parts) {
      bytes.set(p, at);
      at += p.length;
    }
    stream.runs.push({ offset: run.offset, bytes, marks: run.marks });
    run = null;
  };
  for (const { s, start } of ordered) {
    const end = start + s.payload.length;
    if (end <= cursor) {
      stream.retransmitted++;
      continue;
    }
    if (start > cursor) {
      flush();
      stream.gaps.push({ offset: cursor, length: start - cursor, time: s.time });
      cursor = start;
    } else if (start < cursor) {
      stream.overlapping++;
    }
    const part = s.payload.subarray(cursor - start);
    run ??= { offset: cursor, parts: [], marks: [], length: 0 };
    run.marks.push({ at: run.length, time: s.time });
    run.parts.push(part);
    run.length += part.length;
    cursor = end;
  }
  flush();
  return stream;
}

/** Group segments into connections (by their two endpoints) and reassemble both directions of each. */
export function reassembleConnections(segments: TimedSegment[]): TcpConnection[] {
  const groups = new Map<string, { a: TimedSegment; list: TimedSegment[] }>();
  for (const s of segments) {
    const k1 = key(s.src, s.srcPort);
    const k2 = key(s.dst, s.dstPort);
    const k = k1 < k2 ? `${k1}/${k2}` : `${k2}/${k1}`;
    let g = groups.get(k);
    if (!g) {
      g = { a: s, list: [] };
      groups.set(k, g);
    }
    // A connection is opened by the first pure SYN: its sender is the client side.
    if (s.syn && !g.list.some((x) => x.syn)) g.a = s;
    g.list.push(s);
  }
  const out: TcpConnection[] = [];
  for (const { a, list } of groups.values()) {
    const fromA = list.filter((s) => s.src === a.src && s.srcPort === a.srcPort);
    const fromB = list.filter((s) => !(s.src === a.src && s.srcPort === a.srcPort));
    out.push({
      a: { address: a.src, port: a.srcPort },
      b: { address: a.dst, port: a.dstPort },
      aToB: reassemble(fromA),
      bToA: reassemble(fromB),
      aSentSyn: a.syn,
    });
  }
  return out;
}

/** Capture time of the byte at `at` (an index into `run.bytes`). */
export function timeAt(run: StreamRun, at: number): number {
  const marks = run.marks;
  let lo = 0;
  let hi = marks.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((marks[mid]?.at ?? 0) <= at) lo = mid;
    else hi = mid - 1;
  }
  return marks[lo]?.time ?? 0;
}
