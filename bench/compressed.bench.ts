/**
 * permessage-deflate (issue 5): compressed text messages with context takeover, Framescope's inflater and deflater
 * (pako 3, synchronous) against ws's PerMessageDeflate (Node's zlib, asynchronous, one message at a time as ws's
 * Receiver and Sender drive it). Throughput counts the uncompressed message bytes.
 */
import { createRequire } from 'node:module';
import { createDeflater, createInflater } from '../src/codec/index';
import { Digest, ROUNDS, mbps, prng, cpuSeconds } from './harness';
import type { Row } from './types';

interface WsPerMessageDeflate {
  accept(configurations: Record<string, unknown>[]): unknown;
  compress(data: Uint8Array, fin: boolean, callback: (error: Error | null, result?: Buffer) => void): void;
  decompress(data: Uint8Array, fin: boolean, callback: (error: Error | null, result?: Buffer) => void): void;
  cleanup(): void;
}
const { PerMessageDeflate } = createRequire(import.meta.url)('ws') as {
  PerMessageDeflate: new (options: Record<string, unknown>) => WsPerMessageDeflate;
};

const QUICK = process.env.BENCH_QUICK === '1';
const count = (n: number) => (QUICK ? Math.max(1, Math.ceil(n / 10)) : n);
const NO_LIMIT = Number.POSITIVE_INFINITY;

/** A ws endpoint that negotiated permessage-deflate with default parameters (context takeover both ways). */
function wsEndpoint(isServer: boolean): WsPerMessageDeflate {
  const pmd = new PerMessageDeflate({ isServer, maxPayload: 0 });
  pmd.accept([{}]);
  return pmd;
}

function call(pmd: WsPerMessageDeflate, op: 'compress' | 'decompress', data: Uint8Array): Promise<Buffer> {
  return new Promise((resolve, reject) => pmd[op](data, true, (e, r) => (e ? reject(e) : resolve(r!))));
}

const WORDS = ['price', 'order', 'tick', 'frame', 'socket', 'deflate', 'window', 'message', 'é', '✓', 'data'];

/** A JSON event of 130–170 bytes, like a market-data or chat feed: repetitive across messages, not within. */
function jsonEvent(i: number, rand: () => number): Uint8Array {
  const event = {
    type: WORDS[i % 4],
    seq: i,
    symbol: `SYM${(rand() * 50) | 0}`,
    price: Math.round(rand() * 1e6) / 100,
    size: (rand() * 1000) | 0,
    note: `${WORDS[(rand() * WORDS.length) | 0]} ${WORDS[(rand() * WORDS.length) | 0]}`,
  };
  return new TextEncoder().encode(JSON.stringify(event));
}

/** 16 KiB of prose-like text drawn from a small vocabulary. */
function textBlock(_i: number, rand: () => number): Uint8Array {
  let s = '';
  while (s.length < 16_384) s += `${WORDS[(rand() * WORDS.length) | 0]} `;
  return new TextEncoder().encode(s.slice(0, 16_384));
}

interface Workload {
  name: string;
  messages: Uint8Array[];
}

function workloads(): Workload[] {
  const make = (n: number, seed: number, f: (i: number, rand: () => number) => Uint8Array) => {
    const rand = prng(seed);
    return Array.from({ length: count(n) }, (_, i) => f(i, rand));
  };
  return [
    { name: '20,000 × ~150 B JSON text', messages: make(20_000, 11, jsonEvent) },
    { name: '1,000 × 16 KiB text', messages: make(1_000, 12, textBlock) },
  ];
}

/** Best (smallest) seconds of each measure over ROUNDS, interleaved so machine noise hits all alike. */
async function bestOfAsync<K extends string>(
  measures: Record<K, () => Promise<number>>,
): Promise<Record<K, number>> {
  const best = {} as Record<K, number>;
  for (let r = 0; r < ROUNDS; r++) {
    for (const k of Object.keys(measures) as K[]) {
      const s = await measures[k]();
      if (!(k in best) || s < best[k]) best[k] = s;
    }
  }
  return best;
}

function row(
  workload: string,
  impl: string,
  bytes: number,
  seconds: number,
  wsSeconds: number,
  check: string,
): Row {
  return {
    workload,
    impl,
    mbps: mbps(bytes, seconds),
    vsWs: wsSeconds / seconds,
    ofCeiling: null,
    check,
    target: null,
    met: null,
  };
}

async function inflateRows(w: Workload): Promise<Row[]> {
  // The stream a ws server sends: each message compressed with the window kept (context takeover).
  const sender = wsEndpoint(true);
  const compressed: Buffer[] = [];
  for (const m of w.messages) compressed.push(await call(sender, 'compress', m));
  sender.cleanup();
  const digests: Record<'ours' | 'ws', Digest> = { ours: new Digest(), ws: new Digest() };
  const best = await bestOfAsync({
    ours: async () => {
      const digest = (digests.ours = new Digest());
      const inflater = createInflater({}, 'client');
      const t0 = cpuSeconds();
      for (const c of compressed) {
        const r = inflater.inflate(c, true, NO_LIMIT);
        if (!r.ok) throw new Error(`framescope could not inflate: ${JSON.stringify(r)}`);
        digest.add(r.data);
      }
      return cpuSeconds() - t0;
    },
    ws: async () => {
      const digest = (digests.ws = new Digest());
      const receiver = wsEndpoint(false);
      const t0 = cpuSeconds();
      for (const c of compressed) digest.add(await call(receiver, 'decompress', c));
      const seconds = cpuSeconds() - t0;
      receiver.cleanup();
      return seconds;
    },
  });
  const bytes = w.messages.reduce((n, m) => n + m.length, 0);
  const wire = compressed.reduce((n, c) => n + c.length, 0);
  const same = String(digests.ours) === String(digests.ws);
  const name = `inflate ${w.name} (context takeover, ${((wire / bytes) * 100).toFixed(0)}% on the wire)`;
  return [
    row(name, 'ws PerMessageDeflate.decompress', bytes, best.ws, best.ws, String(digests.ws)),
    row(
      name,
      'framescope createInflater (pako 3)',
      bytes,
      best.ours,
      best.ws,
      `${same ? 'same as ws' : 'DIFFERS from ws'}: ${String(digests.ours)}`,
    ),
  ];
}

async function deflateRows(w: Workload): Promise<Row[]> {
  const sizes = { ours: 0, ws: 0 };
  const outputs: Uint8Array[] = [];
  const best = await bestOfAsync({
    ours: async () => {
      const deflater = createDeflater({}, 'server');
      outputs.length = 0;
      const t0 = cpuSeconds();
      for (const m of w.messages) outputs.push(deflater.deflate(m));
      return cpuSeconds() - t0;
    },
    ws: async () => {
      const sender = wsEndpoint(true);
      let size = 0;
      const t0 = cpuSeconds();
      for (const m of w.messages) size += (await call(sender, 'compress', m)).length;
      const seconds = cpuSeconds() - t0;
      sizes.ws = size;
      sender.cleanup();
      return seconds;
    },
  });
  sizes.ours = outputs.reduce((n, c) => n + c.length, 0);
  // Untimed check: ws inflates what we compressed back to the same messages.
  const receiver = wsEndpoint(false);
  const expected = new Digest();
  const got = new Digest();
  for (const [i, c] of outputs.entries()) {
    expected.add(w.messages[i]!);
    got.add(await call(receiver, 'decompress', c));
  }
  receiver.cleanup();
  const bytes = w.messages.reduce((n, m) => n + m.length, 0);
  const name = `deflate ${w.name} (context takeover)`;
  const roundTrip = String(got) === String(expected) ? 'ws inflates it back' : 'ws inflates it DIFFERENTLY';
  return [
    row(name, 'ws PerMessageDeflate.compress', bytes, best.ws, best.ws, `${sizes.ws} B out`),
    row(
      name,
      'framescope createDeflater (pako 3)',
      bytes,
      best.ours,
      best.ws,
      `${sizes.ours} B out, ${roundTrip}`,
    ),
  ];
}

export async function run(): Promise<Row[]> {
  const rows: Row[] = [];
  for (const w of workloads()) rows.push(...(await inflateRows(w)));
  for (const w of workloads()) rows.push(...(await deflateRows(w)));
  return rows;
}
