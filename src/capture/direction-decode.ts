/**
 * Decoding one direction of a connection: each contiguous run of reassembled bytes goes through the codec's
 * `decodeStream`, and each frame gets the capture time of the segment that completed it.
 */
import { decodeFrame } from '../codec/frame';
import { DEFAULT_MAX_MESSAGE_SIZE } from '../codec/limits';
import { decodeStream } from '../codec/stream';
import type { Direction } from '../codec/stream-types';
import type { PermessageDeflateParams, Role } from '../codec/types';
import { findFrameBoundary } from './frame-boundary';
import { count } from './numbers';
import { confirmBoundary, orphanFragments } from './resync';
import { timeAt, type DirectionStream } from './tcp-reassembly';
import type { CapturedFrame } from './types';

/** The header fields of a frame, as a capture keeps them. */
type FrameHeader = Pick<
  CapturedFrame,
  'fin' | 'rsv1' | 'rsv2' | 'rsv3' | 'opcode' | 'opcodeName' | 'masked' | 'maskingKey' | 'payloadLength'
>;

/** A frame of one direction before both directions are merged (then it becomes a `CapturedFrame`). */
export interface DirFrame
  extends FrameHeader, Pick<CapturedFrame, 'time' | 'bytes' | 'violations' | 'message'> {
  payload: Uint8Array;
  close: { code?: number; reason: string } | null;
  /** Decoded after a gap from a frame boundary that is not confirmed. */
  afterGap: boolean;
}

export interface DirMessage {
  opcode: 1 | 2;
  /** Decoded after a gap from a frame boundary that is not confirmed. */
  afterGap: boolean;
  data: Uint8Array;
  text: string | null;
  frames: number[];
  compressedLength: number | null;
  time: number;
}

export interface DirResult {
  frames: DirFrame[];
  messages: DirMessage[];
  warnings: string[];
}

const side = (d: Direction) => (d === 'client-to-server' ? 'client → server' : 'server → client');

/** The header fields and payload a frame keeps in a capture, from a decoded frame of either kind. */
export function headerOf(f: FrameHeader & { payload: Uint8Array }): FrameHeader & { payload: Uint8Array } {
  return {
    fin: f.fin,
    rsv1: f.rsv1,
    rsv2: f.rsv2,
    rsv3: f.rsv3,
    opcode: f.opcode,
    opcodeName: f.opcodeName,
    masked: f.masked,
    maskingKey: f.maskingKey,
    payloadLength: f.payloadLength,
    payload: f.payload,
  };
}

/**
 * Decode the frames of one direction from `start` (the first byte after the handshake, or 0).
 * `needBoundary`: the stream may start mid-frame (no handshake captured), so look for the first frame boundary.
 * After a gap (or from a boundary found by looking), frames are unconfirmed (`afterGap`) until a boundary is
 * confirmed (see `confirmBoundary`); from there on they are trusted again.
 */
export function decodeDirection(
  stream: DirectionStream,
  direction: Direction,
  start: number,
  deflate: PermessageDeflateParams | null,
  needBoundary: boolean,
  /** The largest message accepted (after inflation); bigger fails with 1009. */
  maxMessageSize = DEFAULT_MAX_MESSAGE_SIZE,
): DirResult {
  const role: Role = direction === 'client-to-server' ? 'server' : 'client';
  const out: DirResult = { frames: [], messages: [], warnings: [] };
  const opts = { direction, deflate, maxMessageSize };
  let afterGap = false;
  for (const [index, run] of stream.runs.entries()) {
    const runEnd = run.offset + run.bytes.length;
    if (runEnd <= start) continue;
    const from = Math.max(0, start - run.offset);
    const timeIn = (base: number) => (at: number) => timeAt(run, base + at);
    const cut =
      index + 1 < stream.runs.length
        ? `the bytes after them were not captured (a gap at stream offset ${runEnd})`
        : undefined;
    if (!needBoundary && !afterGap) {
      decodeRun(
        run.bytes.subarray(from),
        timeIn(from),
        { ...opts, unconfirmed: false, resumed: false, cut },
        out,
      );
      afterGap = true;
      continue;
    }
    // Nothing before this run was captured: frames are unconfirmed until a boundary is confirmed.
    const confirmed = confirmBoundary(run, from, role, deflate !== null);
    const end = confirmed < 0 ? run.bytes.length : confirmed;
    const at = (n: number) => `stream offset ${run.offset + n}`;
    if (end > from) {
      const found = findFrameBoundary(run.bytes.subarray(0, end), from, role, deflate !== null);
      if (found < 0) {
        out.warnings.push(
          confirmed < 0
            ? `${side(direction)}: no frame boundary found in ${end - from} bytes at ${at(from)}; they were not decoded`
            : `${side(direction)}: the ${end - from} bytes at ${at(from)} lead to no frame boundary before the confirmed one at ${at(end)} (they end a frame whose start was not captured); they were not decoded`,
        );
      } else {
        if (found > from)
          out.warnings.push(
            `${side(direction)}: ${found - from} bytes at ${at(from)} were skipped to the first plausible frame header at ${at(found)}`,
          );
        const before = out.frames.length;
        decodeRun(
          run.bytes.subarray(found, end),
          timeIn(found),
          { ...opts, unconfirmed: true, resumed: true, cut: confirmed < 0 ? cut : undefined },
          out,
        );
        const n = out.frames.length - before;
        if (n > 0)
          out.warnings.push(
            confirmed < 0
              ? `${side(direction)}: no frame boundary could be confirmed after ${at(from)}: the ${count(n, 'frame')} decoded from ${at(found)} on are marked unconfirmed (they may be bytes of a payload read as frames)`
              : `${side(direction)}: ${count(n, 'frame')} between ${at(found)} and ${at(end)} are marked unconfirmed (they may be bytes of a payload read as frames)`,
          );
      }
    }
    if (confirmed >= 0) {
      out.warnings.push(
        `${side(direction)}: frames are trusted from ${at(confirmed)} on: a frame starts a TCP segment there, and the frames from it end exactly where a segment ends`,
      );
      decodeRun(
        run.bytes.subarray(confirmed),
        timeIn(confirmed),
        { ...opts, unconfirmed: false, resumed: true, cut },
        out,
      );
    }
    needBoundary = false;
    afterGap = true;
  }
  return out;
}

/** Frames read one by one, without reassembly into messages (after a failure, or orphaned fragments). */
function pushLoose(
  bytes: Uint8Array,
  from: number,
  to: number,
  time: (at: number) => number,
  run: { direction: Direction; deflate: PermessageDeflateParams | null; unconfirmed: boolean },
  out: DirResult,
): number {
  const role: Role = run.direction === 'client-to-server' ? 'server' : 'client';
  let off = from;
  while (off < to) {
    const f = decodeFrame(bytes, off, { role, extensionsRsv1: run.deflate !== null, fields: false });
    if (f.incomplete) break;
    out.frames.push({
      time: time(off + f.totalLength - 1),
      bytes: bytes.subarray(off, off + f.totalLength),
      ...headerOf(f),
      violations: f.violations.map((v) => ({ ...v, offset: v.offset - off })),
      message: null,
      close: null,
      afterGap: run.unconfirmed,
    });
    off += f.totalLength;
  }
  return off;
}

function decodeRun(
  bytes: Uint8Array,
  time: (at: number) => number,
  run: {
    direction: Direction;
    deflate: PermessageDeflateParams | null;
    maxMessageSize: number;
    /** The frames' boundaries are not confirmed: mark them and their messages `afterGap`. */
    unconfirmed: boolean;
    /** Bytes before these were not captured (or not trusted): the first frames may continue a lost message. */
    resumed: boolean;
    /** Why the bytes end, when it is not the end of the capture. */
    cut?: string | undefined;
  },
  out: DirResult,
): void {
  const { direction, deflate, unconfirmed, resumed, maxMessageSize } = run;
  const role: Role = direction === 'client-to-server' ? 'server' : 'client';
  const orphans = resumed ? orphanFragments(bytes, role, deflate !== null) : 0;
  if (orphans > 0) {
    const before = out.frames.length;
    pushLoose(bytes, 0, orphans, time, run, out);
    out.warnings.push(
      `${side(direction)}: ${count(out.frames.length - before, 'frame')} at the start of the bytes after the gap continue a message whose first frame was not captured; they are shown as frames only`,
    );
    bytes = bytes.subarray(orphans);
    const shift = time;
    time = (at) => shift(at + orphans);
  }
  // After a gap a compressed stream has lost its window: inflation of later messages may fail, and says so.
  const result = decodeStream(bytes, {
    direction,
    permessageDeflate: deflate,
    fields: false,
    maxMessageSize,
  });
  const frameBase = out.frames.length;
  const messageBase = out.messages.length;
  const closes = new Map(result.closes.map((c) => [c.frame, c]));
  for (const f of result.frames) {
    const close = closes.get(f.index);
    const payloadAt = f.offset + f.length - f.payloadLength;
    out.frames.push({
      time: time(f.offset + f.length - 1),
      bytes: bytes.subarray(f.offset, f.offset + f.length),
      ...headerOf(f),
      // A view of the key in the frame's own bytes: no 4-byte buffer of its own per frame.
      maskingKey: f.maskingKey ? bytes.subarray(payloadAt - 4, payloadAt) : null,
      // Most frames have no violation: keep the decoder's empty array rather than allocating another.
      violations:
        f.violations.length === 0
          ? f.violations
          : f.violations.map((v) => ({ ...v, offset: v.offset - f.offset })),
      message: f.message === null ? null : f.message + messageBase,
      close: close
        ? { ...(close.code !== undefined ? { code: close.code } : {}), reason: close.reason }
        : null,
      afterGap: unconfirmed,
    });
  }
  for (const m of result.messages) {
    const last = m.frames[m.frames.length - 1] ?? 0;
    out.messages.push({
      opcode: m.opcode,
      data: m.data,
      text: m.text,
      frames: m.frames.map((i) => i + frameBase),
      compressedLength: m.compressedLength,
      time: out.frames[last + frameBase]?.time ?? 0,
      afterGap: unconfirmed,
    });
  }
  if (resumed && deflate && result.messages.length > 0) {
    out.warnings.push(
      `${side(direction)}: decoding resumed after missing bytes; compressed messages may not inflate`,
    );
  }
  if (result.failure) {
    out.warnings.push(
      `${side(direction)}: a receiver fails the connection here (${result.failure.violation.message}); later frames are shown without reassembly`,
    );
  }
  let off = result.frames.reduce((end, f) => Math.max(end, f.offset + f.length), 0);
  if (result.failure) off = pushLoose(bytes, off, bytes.length, time, run, out);
  if (off < bytes.length) {
    out.warnings.push(
      `${side(direction)}: ${bytes.length - off} bytes at the end do not complete a frame (${run.cut ?? (unconfirmed ? 'they were read from an unconfirmed boundary' : 'the capture or the connection ended')})`,
    );
  }
}
