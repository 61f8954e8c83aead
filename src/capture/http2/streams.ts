/**
 * One direction of an HTTP/2 connection taken apart into its streams (RFC 9113 §5): header blocks decoded with
 * HPACK (HEADERS + CONTINUATION, and PUSH_PROMISE, which also changes the decoder's table), DATA bytes in order
 * with the capture time of each frame, END_STREAM and RST_STREAM; SETTINGS and GOAWAY of the connection.
 */
import { timeAt, type DirectionStream, type StreamRun } from '../tcp-reassembly';
import { errorName, Flag, FrameType, readFrames, readSettings, u32, unpadded, type H2Frame } from './frames';
import { HpackDecoder, type HeaderField } from './hpack';

/** A header block of one stream. */
export interface StreamHeaderBlock {
  headers: HeaderField[];
  time: number;
  /** The HPACK error that stopped decoding, when there was one. */
  error: string | null;
}

/** What one side sent on one stream. */
export interface StreamSide {
  headers: StreamHeaderBlock[];
  /** DATA payloads (padding removed) in order, with the time of the frame that carried each. */
  data: { bytes: Uint8Array; time: number }[];
  /** Time of the frame with END_STREAM. */
  endStream: number | null;
  reset: { time: number; code: number } | null;
}

/** A SETTINGS frame (not an acknowledgement). */
export interface SettingsFrame {
  time: number;
  values: { id: number; value: number }[];
}

/** One direction of the connection, demultiplexed. */
export interface H2Direction {
  streams: Map<number, StreamSide>;
  settings: SettingsFrame[];
  goaway: { time: number; lastStreamId: number; code: number } | null;
  frames: number;
  warnings: string[];
}

/** The frames of one direction from `start`, before header blocks are decoded. */
export interface H2FrameRun {
  frames: H2Frame[];
  run: StreamRun | null;
  warnings: string[];
}

/** Read the frames of one direction; decoding stops at the first gap (HPACK state cannot survive missing bytes). */
export function framesOf(stream: DirectionStream, start: number, side: string): H2FrameRun {
  const warnings: string[] = [];
  const run = stream.runs.find((r) => r.offset <= start && start < r.offset + r.bytes.length) ?? null;
  if (!run) {
    if (stream.runs.some((r) => r.offset + r.bytes.length > start))
      warnings.push(
        `${side}: the first HTTP/2 bytes were not captured; nothing of this direction is decoded`,
      );
    return { frames: [], run: null, warnings };
  }
  const from = start - run.offset;
  const { frames, end } = readFrames(run.bytes, from);
  if (end < run.bytes.length) {
    warnings.push(
      `${side}: ${run.bytes.length - end} bytes at the end do not complete an HTTP/2 frame (the capture or the connection ended)`,
    );
  }
  if (stream.runs.some((r) => r.offset > run.offset)) {
    warnings.push(
      `${side}: bytes are missing after stream offset ${run.offset + run.bytes.length}; HTTP/2 decoding stops there (the HPACK table cannot be followed across a gap)`,
    );
  }
  return { frames, run, warnings };
}

/** The largest SETTINGS_HEADER_TABLE_SIZE a peer announced (the limit for the other side's encoder), or 4096. */
export function tableSizeLimit(frames: H2Frame[]): number {
  let limit = 4096;
  for (const f of frames) {
    if (f.type !== FrameType.SETTINGS || f.flags & Flag.ACK) continue;
    for (const s of readSettings(f.payload)) if (s.id === 0x1) limit = Math.max(limit, s.value);
  }
  return limit;
}

const newSide = (): StreamSide => ({ headers: [], data: [], endStream: null, reset: null });

/** Demultiplex one direction's frames into streams, decoding header blocks with a decoder of `tableLimit`. */
export function demux(input: H2FrameRun, side: string, tableLimit: number): H2Direction {
  const out: H2Direction = {
    streams: new Map(),
    settings: [],
    goaway: null,
    frames: input.frames.length,
    warnings: [...input.warnings],
  };
  const run = input.run;
  if (!run) return out;
  const hpack = new HpackDecoder(tableLimit);
  let hpackBroken = false;
  const stream = (id: number) => {
    let s = out.streams.get(id);
    if (!s) out.streams.set(id, (s = newSide()));
    return s;
  };
  // A header block in progress: HEADERS or PUSH_PROMISE without END_HEADERS, then CONTINUATION frames.
  let pending: { streamId: number; parts: Uint8Array[]; push: boolean; endStream: boolean } | null = null;
  const finish = (time: number) => {
    if (!pending) return;
    const size = pending.parts.reduce((n, p) => n + p.length, 0);
    const block = new Uint8Array(size);
    let at = 0;
    for (const p of pending.parts) {
      block.set(p, at);
      at += p.length;
    }
    const r = hpackBroken
      ? { headers: [], error: 'an earlier header block could not be decoded, so the HPACK table is unknown' }
      : hpack.decode(block);
    if (r.error && !hpackBroken) {
      out.warnings.push(`${side}: stream ${pending.streamId}: header block not decoded (${r.error})`);
      hpackBroken = true;
    }
    if (!pending.push) {
      const s = stream(pending.streamId);
      s.headers.push({ headers: r.headers, time, error: r.error });
      if (pending.endStream) s.endStream ??= time;
    }
    pending = null;
  };
  for (const f of input.frames) {
    const time = timeAt(run, f.offset + 8 + f.payload.length);
    if (pending && (f.type !== FrameType.CONTINUATION || f.streamId !== pending.streamId)) {
      out.warnings.push(
        `${side}: stream ${pending.streamId}: a header block is interrupted by another frame (RFC 9113 §6.10)`,
      );
      pending = null;
      hpackBroken = true;
    }
    switch (f.type) {
      case FrameType.DATA: {
        const data = unpadded(f);
        if (f.streamId === 0 || !data) {
          out.warnings.push(`${side}: a DATA frame at byte ${f.offset} is malformed; skipped`);
          break;
        }
        const s = stream(f.streamId);
        if (data.length) s.data.push({ bytes: data, time });
        if (f.flags & Flag.END_STREAM) s.endStream ??= time;
        break;
      }
      case FrameType.HEADERS: {
        const fragment = unpadded(f);
        if (f.streamId === 0 || !fragment) {
          out.warnings.push(`${side}: a HEADERS frame at byte ${f.offset} is malformed; skipped`);
          hpackBroken = true;
          break;
        }
        pending = {
          streamId: f.streamId,
          parts: [fragment],
          push: false,
          endStream: (f.flags & Flag.END_STREAM) !== 0,
        };
        if (f.flags & Flag.END_HEADERS) finish(time);
        break;
      }
      case FrameType.PUSH_PROMISE: {
        // Pad Length and padding as in DATA (RFC 9113 §6.6), then the 4-byte promised stream id.
        const body = unpadded({ ...f, type: FrameType.DATA });
        pending = {
          streamId: f.streamId,
          parts: [body ? body.subarray(4) : new Uint8Array(0)],
          push: true,
          endStream: false,
        };
        if (f.flags & Flag.END_HEADERS) finish(time);
        break;
      }
      case FrameType.CONTINUATION:
        if (!pending) {
          out.warnings.push(
            `${side}: a CONTINUATION frame at byte ${f.offset} follows no header block; skipped`,
          );
          break;
        }
        pending.parts.push(f.payload);
        if (f.flags & Flag.END_HEADERS) finish(time);
        break;
      case FrameType.RST_STREAM:
        stream(f.streamId).reset ??= { time, code: u32(f.payload, 0) };
        break;
      case FrameType.SETTINGS:
        if (!(f.flags & Flag.ACK)) out.settings.push({ time, values: readSettings(f.payload) });
        break;
      case FrameType.GOAWAY:
        out.goaway ??= { time, lastStreamId: u32(f.payload, 0) & 0x7fff_ffff, code: u32(f.payload, 4) };
        break;
      default:
        break;
    }
  }
  if (pending) out.warnings.push(`${side}: the last header block never ends (no END_HEADERS)`);
  if (out.goaway && out.goaway.code !== 0)
    out.warnings.push(`${side}: GOAWAY with ${errorName(out.goaway.code)}`);
  return out;
}
