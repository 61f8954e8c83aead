/**
 * TCP reassembly per connection and direction (RFC 9293 §3.4): segments are put in sequence-number order
 * (wrapping at 2^32), retransmitted and overlapping bytes are kept once, and missing bytes become gaps that
 * nothing is decoded across. Data on a SYN (TCP Fast Open, RFC 7413) is the stream's first bytes. A new SYN with
 * another initial sequence number on the same two endpoints starts a new connection. When two copies of the same
 * bytes differ, the copy the receiver took is kept (see {@link CopyConflict}).
 */
import type { TcpSegment } from './ip';
import { maxOf, minOf } from './numbers';
import { resolveCopies, type CopyConflict } from './tcp-copies';

export type { CopyConflict } from './tcp-copies';

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
  conflicts: CopyConflict[];
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

/** The sequence number of a segment's first data byte: a SYN's own number comes before its data (RFC 9293 §3.4). */
const dataSeq = (s: TimedSegment) => (s.syn ? (s.seq + 1) >>> 0 : s.seq);

/**
 * Reassemble one direction from its segments; `acks` are the other side's acknowledgments (time and number), which
 * tell which of two differing copies the receiver took.
 */
function reassemble(segments: TimedSegment[], acks: { time: number; ack: number }[]): DirectionStream {
  const syn = segments.find((s) => s.syn);
  const withData = segments.filter((s) => s.payload.length > 0);
  const first = withData[0] ?? segments[0];
  const times = segments.map((s) => s.time);
  const stream: DirectionStream = {
    runs: [],
    conflicts: [],
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
    for (const s of withData) min = Math.min(min, rel(dataSeq(s), base));
    base = (base + min) >>> 0;
  }
  const ordered = withData
    .map((s, i) => ({ s, start: rel(dataSeq(s), base), i }))
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
  // Copies of bytes already placed, compared once the runs are built.
  const copies: { s: TimedSegment; start: number; end: number; i: number }[] = [];
  for (const { s, start, i } of ordered) {
    const end = start + s.payload.length;
    if (start < cursor) copies.push({ s, start, end: Math.min(end, cursor), i });
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
  resolveCopies(
    stream,
    copies,
    acks.map((a) => ({ time: a.time, ack: rel(a.ack, base) })),
  );
  return stream;
}

interface Group {
  a: { address: string; port: number };
  b: { address: string; port: number };
  aSentSyn: boolean;
  /** The initial sequence number of the SYN that opened it, when captured. */
  isn: number | null;
  /** The sequence number of the first segment captured from each side (by `address|port`). */
  firstSeq: Map<string, number>;
  list: TimedSegment[];
}

/** How far past a SYN a segment captured before it may lie and still belong to it (a capture's reordering). */
const LATE_SYN_WINDOW = 1 << 24;

/** A SYN (without ACK) from `from` that does not open `g` but a new connection on the same endpoints. */
function opensAnother(g: Group, s: TimedSegment, from: string): boolean {
  if (g.list.length === 0) return false;
  // Only the side that opened the connection reuses it; the other side's SYN is a simultaneous open.
  if (g.isn !== null) return from === key(g.a.address, g.a.port) && g.isn !== s.seq;
  // Segments were captured before any SYN: the SYN belongs to them when they follow it closely in sequence space.
  const first = g.firstSeq.get(from);
  return first !== undefined && !(rel(first, s.seq) > 0 && rel(first, s.seq) <= LATE_SYN_WINDOW);
}

function acksOf(list: TimedSegment[]): { time: number; ack: number }[] {
  const acks: { time: number; ack: number }[] = [];
  for (const s of list) if (s.ack !== null) acks.push({ time: s.time, ack: s.ack });
  return acks;
}

/**
 * Group segments into connections (by their two endpoints) and reassemble both directions of each. A SYN (without
 * ACK) with another initial sequence number than the connection's own opens a new connection on the same
 * endpoints (a reused port pair, as Wireshark's "TCP port numbers reused"), whichever number is higher.
 */
export function reassembleConnections(segments: TimedSegment[]): TcpConnection[] {
  const open = new Map<string, Group>();
  const groups: Group[] = [];
  for (const s of segments) {
    const k1 = key(s.src, s.srcPort);
    const k2 = key(s.dst, s.dstPort);
    const k = k1 < k2 ? `${k1}/${k2}` : `${k2}/${k1}`;
    const pureSyn = s.syn && s.ack === null;
    let g = open.get(k);
    if (g && pureSyn && opensAnother(g, s, k1)) g = undefined;
    if (!g) {
      g = {
        a: { address: s.src, port: s.srcPort },
        b: { address: s.dst, port: s.dstPort },
        aSentSyn: false,
        isn: null,
        firstSeq: new Map(),
        list: [],
      };
      open.set(k, g);
      groups.push(g);
    }
    if (pureSyn && g.isn === null) {
      // The SYN's sender opened the connection: it is the client side.
      g.isn = s.seq;
      g.a = { address: s.src, port: s.srcPort };
      g.b = { address: s.dst, port: s.dstPort };
      g.aSentSyn = true;
    } else if (s.syn && !g.aSentSyn) {
      // Only the SYN-ACK was captured: its receiver opened the connection.
      g.a = { address: s.dst, port: s.dstPort };
      g.b = { address: s.src, port: s.srcPort };
      g.aSentSyn = true;
    }
    if (!g.firstSeq.has(k1)) g.firstSeq.set(k1, s.seq);
    g.list.push(s);
  }
  return groups.map(({ a, b, aSentSyn, list }) => {
    const fromA = list.filter((s) => s.src === a.address && s.srcPort === a.port);
    const fromB = list.filter((s) => !(s.src === a.address && s.srcPort === a.port));
    return {
      a,
      b,
      aToB: reassemble(fromA, acksOf(fromB)),
      bToA: reassemble(fromB, acksOf(fromA)),
      aSentSyn,
    };
  });
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
