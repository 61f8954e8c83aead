/** Encoding masked client frames: `encodeFrame` against ws's `Sender.frame`, and `Uint8Array#set` as the ceiling. */
import { encodeFrame } from '../src/codec/index';
import { bestOf, mbps, prng, randomBytes, ws, cpuSeconds } from './harness';
import type { Row } from './types';

const QUICK = process.env.BENCH_QUICK === '1';

interface Workload {
  name: string;
  opcode: number;
  payloads: Buffer[];
  count: number;
  vsWs: number;
  /** Frames per message: the first carries `opcode` with FIN = 0, the others are continuation frames. */
  fragments?: number;
}

function workloads(): Workload[] {
  const rand = prng(9);
  const n = (k: number) => (QUICK ? Math.ceil(k / 10) : k);
  const make = (size: number, count: number, ascii: boolean) =>
    Array.from({ length: count }, () => {
      const b = Buffer.from(randomBytes(rand, size));
      if (ascii) for (let i = 0; i < b.length; i++) b[i] = 97 + ((b[i] as number) % 26);
      return b;
    });
  return [
    {
      name: 'encode 1,000,000 × 16 B text (masked)',
      opcode: 1,
      payloads: make(16, 1000, true),
      count: n(1_000_000),
      vsWs: 1,
    },
    {
      name: 'encode 200,000 × 256 B UTF-8 text in 4 fragments (masked)',
      opcode: 1,
      payloads: Array.from({ length: 1000 }, (_, i) => {
        const unit = ['a', 'é', '€', '😀'];
        let text = '';
        for (let k = 0; k < 100; k++) text += unit[(k + i) % 4];
        // 250 bytes of 1- to 4-byte characters, cut into 64-byte fragments (some mid-character).
        const whole = Buffer.from(text + 'abcdef');
        return [0, 1, 2, 3].map((f) => whole.subarray(f * 64, f * 64 + 64));
      }).flat(),
      count: n(800_000),
      vsWs: 1,
      fragments: 4,
    },
    {
      name: 'encode 10,000 × 64 KiB binary (masked)',
      opcode: 2,
      payloads: make(65_536, 8, false),
      count: n(10_000),
      vsWs: 1,
    },
    {
      name: 'encode 100 × 1 MiB binary (masked)',
      opcode: 2,
      payloads: make(1_048_576, 2, false),
      count: n(100),
      vsWs: 1,
    },
  ];
}

const KEY = Buffer.from([0x37, 0xfa, 0x21, 0x3d]);

export async function run(): Promise<Row[]> {
  const rows: Row[] = [];
  for (const w of workloads()) {
    const sums: Record<string, number> = {};
    const parts = w.fragments ?? 1;
    const opcodeOf = (i: number) => (i % parts === 0 ? w.opcode : 0);
    const finOf = (i: number) => i % parts === parts - 1;
    const time = (key: string, encode: (p: Buffer, i: number) => Uint8Array) => () => {
      let sum = 0;
      const t0 = cpuSeconds();
      for (let i = 0; i < w.count; i++) {
        const out = encode(w.payloads[i % w.payloads.length] as Buffer, i);
        sum = (sum * 31 + out.length + (out[out.length - 1] as number)) >>> 0;
      }
      const s = cpuSeconds() - t0;
      sums[key] = sum;
      return s;
    };
    const opts = {
      fin: true,
      opcode: w.opcode,
      mask: true,
      readOnly: true,
      rsv1: false,
      maskBuffer: KEY,
      generateMask: () => {},
    };
    // One options object per fragment position, made once: ws is not charged for building them.
    const wsOpts = Array.from({ length: parts }, (_, k) => ({ ...opts, opcode: opcodeOf(k), fin: finOf(k) }));
    let ceilingDest = new Uint8Array(0);
    const best = bestOf({
      ws: time('ws', (p, i) => ws.Sender.frame(p, wsOpts[i % parts]!)[0] as Buffer),
      ours: time('ours', (p, i) =>
        encodeFrame({ opcode: opcodeOf(i), fin: finOf(i), mask: KEY, payload: p }),
      ),
      ceiling: time('ceiling', (p) => {
        if (ceilingDest.length < p.length) ceilingDest = new Uint8Array(p.length);
        ceilingDest.set(p);
        return ceilingDest;
      }),
    });
    const same = w.payloads
      .slice(0, 8)
      .every((p, i) =>
        Buffer.from(encodeFrame({ opcode: opcodeOf(i), fin: finOf(i), mask: KEY, payload: p })).equals(
          ws.Sender.frame(p, wsOpts[i % parts]!)[0] as Buffer,
        ),
      );
    const bytes = w.payloads.reduce((a, p) => a + p.length, 0) * (w.count / w.payloads.length);
    const wsMbps = mbps(bytes, best.ws);
    const ours = mbps(bytes, best.ours);
    const ceil = mbps(bytes, best.ceiling);
    const check = `${same && sums.ours === sums.ws ? 'same bytes as ws' : 'DIFFERS from ws'}: ${w.count} frames, sum ${(sums.ours ?? 0).toString(16)}`;
    rows.push(
      {
        workload: w.name,
        impl: 'ws Sender.frame',
        mbps: wsMbps,
        vsWs: 1,
        ofCeiling: wsMbps / ceil,
        check: `${w.count} frames, sum ${(sums.ws ?? 0).toString(16)}`,
        target: null,
        met: null,
      },
      {
        workload: w.name,
        impl: 'framescope encodeFrame',
        mbps: ours,
        vsWs: ours / wsMbps,
        ofCeiling: ours / ceil,
        check,
        target: `≥ ${w.vsWs}× ws`,
        met: ours / wsMbps >= w.vsWs && check.startsWith('same'),
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
  }
  return rows;
}
