/**
 * The rows of the Decoder's frame list: every span of the input (frames, and bytes that are not part of any
 * frame), filtered by opcode, direction and payload text. Pure functions over a stream result.
 */
import type { ByteSpan, Direction, StreamFrame, StreamResult } from '../../codec/stream';

export type OpcodeFilter =
  'all' | 'text' | 'binary' | 'continuation' | 'close' | 'ping' | 'pong' | 'reserved';
export type DirectionFilter = 'all' | Direction;

export interface RowFilter {
  opcode: OpcodeFilter;
  direction: DirectionFilter;
  /** Case-insensitive text to find in payloads; empty for none. */
  search: string;
}

export const NO_FILTER: RowFilter = { opcode: 'all', direction: 'all', search: '' };

/** A row: a frame (by index) or a span of bytes outside any frame (by index in `spans`). */
export type Row = { kind: 'frame'; frame: number } | { kind: 'span'; span: number };

const OPCODE_OF: Record<Exclude<OpcodeFilter, 'all' | 'reserved'>, number> = {
  continuation: 0,
  text: 1,
  binary: 2,
  close: 8,
  ping: 9,
  pong: 10,
};

export function isFiltering(f: RowFilter): boolean {
  return f.opcode !== 'all' || f.direction !== 'all' || f.search.trim() !== '';
}

const latin = new TextDecoder('utf-8');

/**
 * The text a search looks in for a frame: its message's text when it belongs to a text message (so compressed
 * and fragmented messages are found by their content), else its own payload read as UTF-8.
 */
export function frameSearchText(result: StreamResult, frame: StreamFrame): string {
  const message = frame.message === null ? undefined : result.messages[frame.message];
  if (message) return message.text ?? '';
  if (frame.opcode === 2 || frame.rsv1) return '';
  return latin.decode(frame.opcode === 8 ? frame.payload.subarray(2) : frame.payload);
}

function matches(result: StreamResult, frame: StreamFrame, f: RowFilter, needle: string): boolean {
  if (f.direction !== 'all' && frame.direction !== f.direction) return false;
  if (f.opcode === 'reserved') {
    if (frame.opcode in { 0: 1, 1: 1, 2: 1, 8: 1, 9: 1, 10: 1 }) return false;
  } else if (f.opcode !== 'all' && frame.opcode !== OPCODE_OF[f.opcode]) return false;
  if (needle && !frameSearchText(result, frame).toLowerCase().includes(needle)) return false;
  return true;
}

/** All spans in order when nothing is filtered; otherwise only the frames that match. */
export function listRows(result: StreamResult, f: RowFilter): Row[] {
  if (!isFiltering(f)) {
    return result.spans.map((s: ByteSpan, i): Row =>
      s.kind === 'frame' ? { kind: 'frame', frame: s.frame } : { kind: 'span', span: i },
    );
  }
  const needle = f.search.trim().toLowerCase();
  const rows: Row[] = [];
  for (const frame of result.frames)
    if (matches(result, frame, f, needle)) rows.push({ kind: 'frame', frame: frame.index });
  return rows;
}

/** Messages whose direction matches and whose text contains the search. */
export function listMessages(result: StreamResult, f: RowFilter): number[] {
  const needle = f.search.trim().toLowerCase();
  const out: number[] = [];
  for (const m of result.messages) {
    if (f.direction !== 'all' && m.direction !== f.direction) continue;
    if (f.opcode === 'text' && m.opcode !== 1) continue;
    if (f.opcode === 'binary' && m.opcode !== 2) continue;
    if (needle && !(m.text ?? '').toLowerCase().includes(needle)) continue;
    out.push(m.index);
  }
  return out;
}

/**
 * How each frame's own payload reads, by frame index: `text` for an uncompressed text frame and the continuation
 * frames of its message (and for pings and pongs, whose data is usually text), `binary` for binary messages (their
 * continuation frames too), compressed payloads (RSV1 on the message's first frame, RFC 7692 §6), close frames
 * and reserved opcodes. One pass; a continuation frame takes the kind of the message it continues in its direction.
 * @see RFC 6455 §5.4 (only the first frame of a fragmented message carries its opcode)
 */
export function framePayloadKinds(result: StreamResult): ('text' | 'binary')[] {
  const open: Record<Direction, 'text' | 'binary'> = {
    'client-to-server': 'binary',
    'server-to-client': 'binary',
  };
  return result.frames.map((f) => {
    if (f.opcode === 1 || f.opcode === 2) {
      open[f.direction] = f.opcode === 1 && !f.rsv1 ? 'text' : 'binary';
      return open[f.direction];
    }
    if (f.opcode === 0) return open[f.direction];
    return f.opcode === 9 || f.opcode === 10 ? 'text' : 'binary';
  });
}

/** A short preview of a payload for a list row: text as is (one line), binary as hex. */
export function preview(bytes: Uint8Array, asText: boolean, max = 60): string {
  if (asText) {
    const t = latin.decode(bytes.subarray(0, max * 4)).replace(/\s+/g, ' ');
    return t.length > max ? `${t.slice(0, max)}…` : t;
  }
  const n = Math.min(bytes.length, Math.floor(max / 3));
  let s = '';
  for (let i = 0; i < n; i++) s += (i ? ' ' : '') + (bytes[i] ?? 0).toString(16).padStart(2, '0');
  return bytes.length > n ? `${s} …` : s;
}
