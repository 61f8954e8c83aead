/**
 * Shared benchmark machinery: the ws peer, a deterministic byte-stream builder, ring-buffer feeding and timing.
 *
 * ws's Receiver unmasks in place, so every pass first restores the stream from a pristine copy (untimed), and
 * both implementations are fed the same Buffer chunks the same way. Timings are best-of-N passes over rounds.
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** The part of ws's Receiver (a Writable) the bench drives: `_write` parses synchronously. */
export interface WsReceiver {
  _write(chunk: Buffer, encoding: string, cb: (err?: Error) => void): void;
  on(event: 'message', fn: (data: Buffer | Buffer[] | ArrayBuffer, isBinary: boolean) => void): this;
  on(event: 'error', fn: (err: Error) => void): this;
}

interface WsModule {
  Receiver: new (opts: { isServer: boolean; maxPayload?: number }) => WsReceiver;
  Sender: {
    frame(
      data: Buffer,
      opts: {
        fin: boolean;
        opcode: number;
        mask: boolean;
        readOnly: boolean;
        rsv1: boolean;
        maskBuffer?: Buffer;
        generateMask?: (mask: Buffer) => void;
      },
    ): Buffer[];
  };
}

/**
 * ws in pure JavaScript: bufferutil (a native add-on another dev dependency installs) is switched off, as in
 * bench/index.ts, unless the caller set WS_NO_BUFFER_UTIL itself. UTF-8 is checked with Node's own `isUtf8`.
 */
process.env.WS_NO_BUFFER_UTIL ??= '1';
export const ws = require('ws') as WsModule;

/** Mulberry32: a small deterministic PRNG so every run builds the same streams. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function randomBytes(rand: () => number, n: number): Uint8Array {
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = (rand() * 256) | 0;
  return out;
}

export function concat(parts: Uint8Array[]): Buffer {
  let total = 0;
  for (const p of parts) total += p.length;
  const out = Buffer.allocUnsafe(total);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** A running digest both sides compute on each delivered message: count, bytes, and a few sampled bytes. */
export class Digest {
  messages = 0;
  bytes = 0;
  sum = 0;
  add(data: Uint8Array): void {
    const n = data.length;
    this.messages++;
    this.bytes += n;
    if (n > 0)
      this.sum =
        (this.sum * 31 +
          (data[0] as number) +
          (data[n >> 1] as number) * 7 +
          (data[n - 1] as number) * 13) >>>
        0;
  }
  toString(): string {
    return `${this.messages} msgs, ${this.bytes} B, sum ${this.sum.toString(16)}`;
  }
}

/**
 * CPU seconds this process has used (user + system, every thread: the collector's too). Timings use it rather
 * than the wall clock: on a shared machine a process that waits for a core is not charged for the wait, so two
 * implementations measured one after the other compare fairly even when other jobs take the cores.
 */
export function cpuSeconds(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
}

/** Something that consumes chunks of a stream. */
export type Sink = (chunk: Buffer) => void;

/**
 * Feeds `ring` `passes` times in `chunkSize` pieces to `sink`; returns the CPU seconds spent inside `sink` calls.
 * Before each pass, `work` is restored from `ring` (untimed) because ws unmasks its input in place.
 */
export function feed(ring: Buffer, chunkSize: number, passes: number, sink: Sink): number {
  const work = Buffer.allocUnsafe(ring.length);
  let seconds = 0;
  for (let p = 0; p < passes; p++) {
    work.set(ring);
    const t0 = cpuSeconds();
    for (let off = 0; off < work.length; off += chunkSize) {
      sink(work.subarray(off, Math.min(off + chunkSize, work.length)));
    }
    seconds += cpuSeconds() - t0;
  }
  return seconds;
}

/** Rounds per measurement (best is kept); `BENCH_ROUNDS=1` for a quick run. */
export const ROUNDS = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 2));

/** Runs each measurement `ROUNDS` times, interleaved (A, B, C, A, B, C…) so machine noise hits all alike; keeps the best. */
export function bestOf<K extends string>(measures: Record<K, () => number>): Record<K, number> {
  const best = {} as Record<K, number>;
  for (let r = 0; r < ROUNDS; r++) {
    for (const k of Object.keys(measures) as K[]) {
      const s = measures[k]();
      if (!(k in best) || s < best[k]) best[k] = s;
    }
  }
  return best;
}

export const mbps = (bytes: number, seconds: number) => bytes / seconds / 1e6;
