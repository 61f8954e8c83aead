/**
 * Test helpers: frames written byte by byte from RFC 6455 §5.2, independent of the codec under test, and a
 * compact view of receiver events for table-driven tests.
 */
import type { Receiver, ReceiverEvent } from '../../../src/codec/index';

export interface WireFrame {
  fin?: boolean;
  /** RSV1..RSV3 as bits 0b100, 0b010, 0b001. */
  rsv?: number;
  opcode: number;
  payload?: Uint8Array | string | number[];
  /** true (default): masked with a fixed key; false: unmasked; or a 4-byte key. */
  mask?: boolean | Uint8Array;
  /** Force the length form; default minimal. */
  len?: '7' | '16' | '64' | undefined;
}

const KEY = Uint8Array.of(0x37, 0xfa, 0x21, 0x3d);
const utf8 = new TextEncoder();

export function bytesOf(p: Uint8Array | string | number[] | undefined): Uint8Array {
  if (p === undefined) return new Uint8Array(0);
  if (typeof p === 'string') return utf8.encode(p);
  return p instanceof Uint8Array ? p : Uint8Array.from(p);
}

/** One frame on the wire. */
export function wire(f: WireFrame): Uint8Array {
  const payload = bytesOf(f.payload);
  const key = f.mask === false ? null : f.mask instanceof Uint8Array ? f.mask : KEY;
  const n = payload.length;
  const len = f.len ?? (n <= 125 ? '7' : n <= 0xffff ? '16' : '64');
  const ext = len === '7' ? 0 : len === '16' ? 2 : 8;
  const out = new Uint8Array(2 + ext + (key ? 4 : 0) + n);
  out[0] = ((f.fin ?? true) ? 0x80 : 0) | ((f.rsv ?? 0) << 4) | f.opcode;
  out[1] = (key ? 0x80 : 0) | (len === '7' ? n : len === '16' ? 126 : 127);
  if (len === '16') new DataView(out.buffer).setUint16(2, n);
  if (len === '64') new DataView(out.buffer).setBigUint64(2, BigInt(n));
  let at = 2 + ext;
  if (key) {
    out.set(key, at);
    at += 4;
  }
  for (let i = 0; i < n; i++) out[at + i] = (payload[i] as number) ^ (key ? (key[i & 3] as number) : 0);
  return out;
}

export function cat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((a, p) => a + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

const hex = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');

/** Events as short strings: `text:Hello`, `binary:256`, `ping:6869`, `close:1000:bye`, `fail:1002`. Frames are left out. */
export function summary(events: ReceiverEvent[]): string[] {
  const out: string[] = [];
  for (const e of events) {
    if (e.type === 'message') out.push(e.opcode === 1 ? `text:${e.text}` : `binary:${e.data.length}`);
    else if (e.type === 'ping' || e.type === 'pong') out.push(`${e.type}:${hex(e.data)}`);
    else if (e.type === 'close') out.push(`close:${e.code ?? ''}:${e.reason}`);
    else if (e.type === 'fail') out.push(`fail:${e.code}`);
  }
  return out;
}

/** Pushes `bytes` in pieces cut at `cuts` (sorted offsets) and returns every event. */
export function pushCut(rx: Receiver, bytes: Uint8Array, cuts: number[]): ReceiverEvent[] {
  const events: ReceiverEvent[] = [];
  let from = 0;
  for (const c of [...cuts, bytes.length]) {
    if (c < from) continue;
    events.push(...rx.push(bytes.subarray(from, c)));
    from = c;
  }
  return events;
}

export function oneByteAtATime(rx: Receiver, bytes: Uint8Array): ReceiverEvent[] {
  return pushCut(
    rx,
    bytes,
    Array.from({ length: bytes.length }, (_, i) => i),
  );
}

/** Like {@link summary}, but a failure also names the violation and the stream offset of the offending byte: `fail:1002 reserved-bit-set@8`. */
export function summaryAt(events: ReceiverEvent[]): string[] {
  const out = summary(events);
  let i = 0;
  for (const e of events) {
    if (e.type === 'frame') continue;
    if (e.type === 'fail') out[i] = `fail:${e.code} ${e.violation.id}@${e.violation.offset}`;
    i++;
  }
  return out;
}
