/**
 * Decoding: Framescope's receiver against ws's Receiver (JavaScript path) on the same streams of masked client
 * frames, plus `Uint8Array#set` of the same chunks as the memory ceiling (issue 2 §4).
 */
import { createReceiver, encodeFrame, type ReceiverEvent } from '../src/codec/index';
import { Digest, bestOf, concat, feed, mbps, prng, randomBytes, ws, type Sink } from './harness';
import type { Row } from './types';

interface Workload {
  name: string;
  /** One pass of the stream; fed `passes` times. */
  ring: Buffer;
  /** Bytes per call; `ring.length` for the one-buffer form. */
  chunk: number;
  passes: number;
  /** Minimum ratio to ws. */
  vsWs: number;
  /** Message size, for large messages: adds a row copying into a fresh buffer per message (what a receiver returns). */
  messageBytes?: number;
  /** Minimum fraction of the memory ceiling, when there is a target. */
  ofCeiling?: number;
}

const QUICK = process.env.BENCH_QUICK === '1';

function maskedFrames(
  count: number,
  seed: number,
  make: (i: number, rand: () => number) => Uint8Array[][],
): Buffer {
  const rand = prng(seed);
  const parts: Uint8Array[] = [];
  for (let i = 0; i < count; i++) {
    const fragments = make(i, rand);
    fragments.forEach(([payload], f) => {
      const opcode = f === 0 ? (fragments[0]?.[1]?.[0] ?? 2) : 0;
      parts.push(
        encodeFrame({
          opcode,
          fin: f === fragments.length - 1,
          mask: randomBytes(rand, 4),
          payload: payload as Uint8Array,
        }),
      );
    });
  }
  return concat(parts);
}

/** A message as [payload, [opcode]] per fragment (the opcode is read from the first). */
const whole = (payload: Uint8Array, opcode: number) => [[payload, Uint8Array.of(opcode)]];

/** 256 bytes of 1-, 2-, 3- and 4-byte UTF-8 ("aé€😀" is 10 bytes), rotated per message. */
function utf8Message(i: number): Uint8Array {
  const unit = ['a', 'é', '€', '😀'];
  let s = '';
  for (let k = 0; k < 25 * 4; k++) s += unit[(k + i) % 4];
  const bytes = new TextEncoder().encode(s + 'abcdef');
  return bytes;
}

/** The whole workload in one buffer, up to this size (repeated passes over it beyond). */
const ONE_BUFFER_MAX = QUICK ? 16e6 : 100e6;

/** Every workload in 64 KiB chunks, in 1,500 B chunks (a TCP segment) and as one buffer (a paste, a file). */
function workloads(): Workload[] {
  const p = (n: number) => (QUICK ? Math.max(1, Math.ceil(n / 10)) : n);
  const letters = (rand: () => number) => Uint8Array.from({ length: 16 }, () => 97 + ((rand() * 26) | 0));
  const small = maskedFrames(10_000, 1, (_, rand) => whole(letters(rand), 1));
  const k64 = maskedFrames(20, 2, (_, rand) => whole(randomBytes(rand, 65_536), 2));
  const m1 = maskedFrames(4, 3, (_, rand) => whole(randomBytes(rand, 1_048_576), 2));
  const utf8 = maskedFrames(2_000, 4, (i) => {
    const m = utf8Message(i);
    return [0, 1, 2, 3].map((f) => [m.subarray(f * 64, f * 64 + 64), Uint8Array.of(1)]);
  });
  const base: Omit<Workload, 'chunk'>[] = [
    { name: 'decode 1,000,000 × 16 B text', ring: small, passes: p(100), vsWs: 1.5 },
    { name: 'decode 10,000 × 64 KiB binary', ring: k64, passes: p(500), vsWs: 4, messageBytes: 65_536 },
    {
      name: 'decode 100 × 1 MiB binary',
      ring: m1,
      passes: p(25),
      vsWs: 4,
      ofCeiling: 0.25,
      messageBytes: 1_048_576,
    },
    { name: 'decode 200,000 × 256 B UTF-8 text in 4 fragments', ring: utf8, passes: p(100), vsWs: 1.5 },
  ];
  const out: Workload[] = [];
  for (const w of base) {
    out.push({ ...w, chunk: 65_536, name: `${w.name}, 64 KiB chunks` });
    out.push({ ...w, chunk: 1_500, vsWs: Math.min(w.vsWs, 1), name: `${w.name}, 1,500 B chunks` });
    // One buffer: the ring repeated into one large buffer, handed over in a single call.
    const copies = Math.max(1, Math.min(w.passes, Math.floor(ONE_BUFFER_MAX / w.ring.length)));
    const big = concat(Array.from({ length: copies }, () => w.ring));
    const mb = (big.length / 1e6).toFixed(0);
    out.push({
      ...w,
      ring: big,
      chunk: big.length,
      passes: Math.max(1, Math.round(w.passes / copies)),
      name: `${w.name}, one ${mb} MB buffer`,
    });
  }
  return out;
}

function wsSink(digest: Digest): Sink {
  const rx = new ws.Receiver({ isServer: true, maxPayload: 0 });
  rx.on('message', (data) => digest.add(data as Buffer));
  rx.on('error', (err) => {
    throw err;
  });
  const done = () => {};
  return (chunk) => rx._write(chunk, 'buffer', done);
}

function onEvent(digest: Digest): (e: ReceiverEvent) => void {
  return (e) => {
    if (e.type === 'message') digest.add(e.data);
    else if (e.type === 'fail') throw new Error(`framescope failed the stream: ${e.reason}`);
  };
}

/** The sink form: `write(chunk, onEvent)` hands each event out as it completes. */
function ourSink(digest: Digest): Sink {
  const rx = createReceiver({ role: 'server', frameEvents: false });
  const handle = onEvent(digest);
  return (chunk) => rx.write(chunk, handle);
}

/** The array form: `push(chunk)` returns every event the chunk completes. */
function ourArraySink(digest: Digest): Sink {
  const rx = createReceiver({ role: 'server', frameEvents: false });
  const handle = onEvent(digest);
  return (chunk) => rx.push(chunk).forEach(handle);
}

function ceilingSink(size: number): Sink {
  const dest = new Uint8Array(size);
  let at = 0;
  return (chunk) => {
    dest.set(chunk, at);
    at += chunk.length;
    if (at >= size) at = 0;
  };
}

/** Copies the stream into a new buffer every `size` bytes: the cost of handing out owned message bytes. */
function freshCeilingSink(size: number): Sink {
  let dest = new Uint8Array(0);
  let at = size;
  return (chunk) => {
    let from = 0;
    while (from < chunk.length) {
      if (at >= size) {
        dest = new Uint8Array(size);
        at = 0;
      }
      const n = Math.min(size - at, chunk.length - from);
      dest.set(chunk.subarray(from, from + n), at);
      at += n;
      from += n;
    }
  };
}

export async function run(): Promise<Row[]> {
  const rows: Row[] = [];
  // BENCH_WORKLOAD=UTF-8 (any text of a workload's name) runs only the matching workloads, e.g. to measure one
  // without the JIT state the others leave behind.
  const only = process.env.BENCH_WORKLOAD ?? '';
  for (const w of workloads().filter((x) => x.name.includes(only))) {
    const digests: Record<string, Digest> = {};
    const measure = (key: string, make: (d: Digest) => Sink) => () => {
      const d = (digests[key] = new Digest());
      return feed(w.ring, w.chunk, w.passes, make(d));
    };
    const best = bestOf({
      ws: measure('ws', wsSink),
      ours: measure('ours', ourSink),
      oursArray: measure('oursArray', ourArraySink),
      ceiling: () => feed(w.ring, w.chunk, w.passes, ceilingSink(w.ring.length)),
      fresh: () => (w.messageBytes ? feed(w.ring, w.chunk, w.passes, freshCeilingSink(w.messageBytes)) : 0),
    });
    const bytes = w.ring.length * w.passes;
    const wsMbps = mbps(bytes, best.ws);
    const ceil = mbps(bytes, best.ceiling);
    const check = (key: string) => {
      const same = String(digests[key]) === String(digests.ws);
      return `${same ? 'same as ws' : 'DIFFERS from ws'}: ${String(digests[key])}`;
    };
    const ours = mbps(bytes, best.ours);
    const targetText = `≥ ${w.vsWs}× ws` + (w.ofCeiling ? `, ≥ ${w.ofCeiling * 100}% of ceiling` : '');
    const met =
      ours / wsMbps >= w.vsWs &&
      (!w.ofCeiling || ours / ceil >= w.ofCeiling) &&
      check('ours').startsWith('same');
    rows.push(
      {
        workload: w.name,
        impl: 'ws Receiver',
        mbps: wsMbps,
        vsWs: 1,
        ofCeiling: wsMbps / ceil,
        check: String(digests.ws),
        target: null,
        met: null,
      },
      {
        workload: w.name,
        impl: 'framescope write(chunk, onEvent)',
        mbps: ours,
        vsWs: ours / wsMbps,
        ofCeiling: ours / ceil,
        check: check('ours'),
        target: targetText,
        met,
      },
      {
        workload: w.name,
        impl: 'framescope push(chunk) → events[]',
        mbps: mbps(bytes, best.oursArray),
        vsWs: mbps(bytes, best.oursArray) / wsMbps,
        ofCeiling: mbps(bytes, best.oursArray) / ceil,
        check: check('oursArray'),
        target: null,
        met: null,
      },
      {
        workload: w.name,
        impl: 'ceiling (Uint8Array#set)',
        mbps: ceil,
        vsWs: ceil / wsMbps,
        ofCeiling: 1,
        check: '',
        target: null,
        met: null,
      },
    );
    if (w.messageBytes) {
      const fresh = mbps(bytes, best.fresh);
      rows.push({
        workload: w.name,
        impl: 'ceiling, new Uint8Array per message',
        mbps: fresh,
        vsWs: fresh / wsMbps,
        ofCeiling: fresh / ceil,
        check: 'framescope at ' + `${((ours / fresh) * 100).toFixed(0)}% of this`,
        target: null,
        met: null,
      });
    }
  }
  return rows;
}
