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
}

export interface DirMessage {
  opcode: 1 | 2;
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

/**
 * Decode the frames of one direction from `start` (the first byte after the handshake, or 0).
 * `needBoundary`: the stream may start mid-frame (no handshake captured), so look for the first frame boundary.
 */
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
  let afterGap = false;
  for (const run of stream.runs) {
    const runEnd = run.offset + run.bytes.length;
    if (runEnd <= start) continue;
    let from = Math.max(0, start - run.offset);
    if (needBoundary || afterGap) {
      const found = findFrameBoundary(run.bytes, from, role, deflate !== null);
      if (found < 0) {
        out.warnings.push(
          `${side(direction)}: no frame boundary found in ${run.bytes.length - from} bytes at stream offset ${run.offset + from}; they were not decoded`,
        );
        afterGap = true;
        continue;
      }
      if (found > from) {
        out.warnings.push(
          `${side(direction)}: the capture starts inside a frame; ${found - from} bytes were skipped to the first frame boundary at stream offset ${run.offset + found}`,
        );
      }
      from = found;
      needBoundary = false;
    }
    decodeRun(
      run.bytes.subarray(from),
      (at) => timeAt(run, from + at),
      { direction, deflate, afterGap, maxMessageSize },
      out,
    );
    afterGap = true;
  }
  return out;
}

function decodeRun(
  bytes: Uint8Array,
  time: (at: number) => number,
  run: {
    direction: Direction;
    deflate: PermessageDeflateParams | null;
    afterGap: boolean;
    maxMessageSize: number;
  },
  out: DirResult,
): void {
  const { direction, deflate, afterGap, maxMessageSize } = run;
  // After a gap a compressed stream has lost its window: inflation of later messages may fail, and says so.
  const result = decodeStream(bytes, {
    direction,
    permessageDeflate: deflate,
    fields: false,
    maxMessageSize,
  });
  const frameBase = out.frames.length;
  const messageBase = out.messages.length;
  for (const f of result.frames) {
    const close = result.closes.find((c) => c.frame === f.index);
    out.frames.push({
      time: time(f.offset + f.length - 1),
      bytes: bytes.subarray(f.offset, f.offset + f.length),
      ...headerOf(f),
      violations: f.violations.map((v) => ({ ...v, offset: v.offset - f.offset })),
      message: f.message === null ? null : f.message + messageBase,
      close: close
        ? { ...(close.code !== undefined ? { code: close.code } : {}), reason: close.reason }
        : null,
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
    });
  }
  if (afterGap && deflate && result.messages.length > 0) {
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
  if (result.failure) {
    const role: Role = direction === 'client-to-server' ? 'server' : 'client';
    while (off < bytes.length) {
      const f = decodeFrame(bytes, off, { role, extensionsRsv1: deflate !== null });
      if (f.incomplete) break;
      out.frames.push({
        time: time(off + f.totalLength - 1),
        bytes: bytes.subarray(off, off + f.totalLength),
        ...headerOf(f),
        violations: f.violations.map((v) => ({ ...v, offset: v.offset - off })),
        message: null,
        close: null,
      });
      off += f.totalLength;
    }
  }
  if (off < bytes.length) {
    out.warnings.push(
      `${side(direction)}: ${bytes.length - off} bytes at the end do not complete a frame (the capture or the connection ended)`,
    );
  }
}
