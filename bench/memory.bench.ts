/**
 * Peak memory of decoding a ~200 MB stream handed over as one buffer: each implementation in a process of its own
 * (bench/memory-child.ts), peak RSS from the kernel. The target compares peaks (ours ≤ 1.5× ws's); the input alone
 * is the baseline, and what each decoder adds on top of it is shown too (ws unmasks the input in place and adds
 * almost nothing; a decoder that never writes into its caller's bytes must put every payload somewhere new).
 */
import { spawnSync } from 'node:child_process';
import type { Row } from './types';

const QUICK = process.env.BENCH_QUICK === '1';

interface Child {
  bytes: number;
  digest: string;
  maxRssKb: number;
}

function child(which: string, total: number): Child {
  const script = new URL('./memory-child.ts', import.meta.url).pathname;
  const r = spawnSync(process.execPath, ['--import', 'tsx', script, which, String(total)], {
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`memory child ${which} failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').at(-1)!) as Child;
}

export async function run(): Promise<Row[]> {
  const total = QUICK ? 50e6 : 200e6;
  const base = child('none', total);
  const ws = child('ws', total);
  const ours = child('ours', total);
  const oursArray = child('ours-array', total);
  const mb = (kb: number) => (kb * 1024) / 1e6;
  const added = (c: Child) => Math.max(1, mb(c.maxRssKb) - mb(base.maxRssKb));
  const workload = `peak memory (MB, not MB/s), decoding a ${(base.bytes / 1e6).toFixed(0)} MB stream in one buffer`;
  const row = (impl: string, c: Child, target: boolean): Row => ({
    workload,
    impl,
    mbps: mb(c.maxRssKb),
    vsWs: c.maxRssKb / ws.maxRssKb,
    ofCeiling: null,
    check: `peak ${mb(c.maxRssKb).toFixed(0)} MB RSS, ${added(c).toFixed(0)} MB over the input alone (${mb(base.maxRssKb).toFixed(0)} MB); ${c.digest === ws.digest ? 'same messages as ws' : 'DIFFERS from ws'}: ${c.digest}`,
    target: target ? 'peak ≤ 1.5× ws' : null,
    met: target ? c.maxRssKb / ws.maxRssKb <= 1.5 && c.digest === ws.digest : null,
  });
  return [
    row('ws Receiver', ws, false),
    row('framescope write()', ours, true),
    row('framescope push() → events[]', oursArray, false),
  ];
}
