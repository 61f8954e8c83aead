/**
 * Captures and whole streams (issue 14 §2):
 * - importCapture on a generated pcap of one WebSocket connection (bench/make-capture.ts: a real handshake, then
 *   frames of mixed sizes in 1,460 B segments) against `tshark -r FILE -Y websocket -T fields -e websocket.opcode`,
 *   each in a process of its own under /usr/bin/time (CPU time and peak RSS), after checking that both count the
 *   same frames as the generator wrote;
 * - decodeStream on a 10 MB pasted stream of mixed small frames against the receiver's own write() on the same
 *   bytes, and at a quarter of the size (time linear in the size).
 * Skipped (and said so) without tshark.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createReceiver, decodeStream, encodeFrame } from '../src/codec/index';
import { bestOf, concat, prng, randomBytes, cpuSeconds } from './harness';
import { makeCapture } from './make-capture';
import type { Row } from './types';

const QUICK = process.env.BENCH_QUICK === '1';

interface Measured {
  cpuS: number;
  peakMb: number;
  stdout: string;
}

/** Runs a command under /usr/bin/time: its CPU time (user + system) and peak RSS. */
function timed(cmd: string, args: string[]): Measured {
  const r = spawnSync('/usr/bin/time', ['-f', '%U %S %M', cmd, ...args], {
    encoding: 'utf8',
    maxBuffer: 1 << 30,
  });
  if (r.status !== 0) throw new Error(`${cmd} failed: ${r.stderr}`);
  const last = r.stderr.trim().split('\n').at(-1)!.split(' ').map(Number);
  return { cpuS: last[0]! + last[1]!, peakMb: (last[2]! * 1024) / 1e6, stdout: r.stdout };
}

function hasTshark(): boolean {
  try {
    execFileSync('tshark', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

function captureRows(): Row[] {
  const mb = QUICK ? 10 : 100;
  const workload = `importCapture, ${mb} MB pcap of one connection (mixed sizes, 1,460 B segments)`;
  if (!hasTshark()) {
    return [
      {
        workload,
        impl: 'skipped: tshark is not installed',
        mbps: 0,
        vsWs: null,
        ofCeiling: null,
        check: '',
        target: null,
        met: null,
      },
    ];
  }
  const dir = mkdtempSync(join(tmpdir(), 'framescope-bench-'));
  try {
    const file = join(dir, 'one-connection.pcap');
    const made = makeCapture(file, mb * 1e6);
    const tshark = timed('tshark', ['-r', file, '-Y', 'websocket', '-T', 'fields', '-e', 'websocket.opcode']);
    // One line per packet; a packet holding several frames lists their opcodes joined by commas.
    const tsharkFrames = tshark.stdout.split(/[\n,]/).filter((v) => v.trim() !== '').length;
    const ours = timed(process.execPath, [
      '--import',
      'tsx',
      new URL('./capture-child.ts', import.meta.url).pathname,
      file,
    ]);
    const child = JSON.parse(ours.stdout.trim().split('\n').at(-1)!) as {
      frames: number;
      error: string | null;
      importCpuMs: number;
    };
    const same = child.frames === tsharkFrames && tsharkFrames === made.frames;
    const check = `${same ? 'same frame count' : 'COUNTS DIFFER'}: generator ${made.frames}, tshark ${tsharkFrames}, framescope ${child.frames}`;
    const speed = tshark.cpuS / ours.cpuS;
    const memory = ours.peakMb / (made.bytes / 1e6);
    return [
      {
        workload,
        impl: 'tshark -Y websocket -T fields (process CPU)',
        mbps: made.bytes / 1e6 / tshark.cpuS,
        vsWs: null,
        ofCeiling: null,
        check: `${tshark.cpuS.toFixed(2)} s CPU, peak ${tshark.peakMb.toFixed(0)} MB`,
        target: null,
        met: null,
      },
      {
        workload,
        impl: 'framescope importCapture (process CPU, Node + tsx start included)',
        mbps: made.bytes / 1e6 / ours.cpuS,
        vsWs: null,
        ofCeiling: null,
        check: `${ours.cpuS.toFixed(2)} s CPU (${(child.importCpuMs / 1000).toFixed(2)} s in importCapture), ${speed.toFixed(2)}× tshark's speed; peak ${ours.peakMb.toFixed(0)} MB = ${memory.toFixed(2)}× the file; ${check}`,
        target: '≥ 1× tshark, peak ≤ 3× file',
        met: same && speed >= 1 && memory <= 3,
      },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A pasted stream: masked client frames of 0–299 B, mostly text, about `bytes` long. */
function pastedStream(bytes: number): Buffer {
  const rand = prng(7);
  const parts: Uint8Array[] = [];
  let total = 0;
  for (let i = 0; total < bytes; i++) {
    const n = (i * 37) % 300;
    const payload = i % 4 === 3 ? randomBytes(rand, n) : new TextEncoder().encode('y'.repeat(n));
    const f = encodeFrame({ opcode: i % 4 === 3 ? 2 : 1, payload, mask: randomBytes(rand, 4) });
    parts.push(f);
    total += f.length;
  }
  return concat(parts);
}

function streamRows(): Row[] {
  const big = pastedStream(QUICK ? 2.5e6 : 10e6);
  const quarter = pastedStream(big.length / 4);
  const time = (fn: () => void) => () => {
    const t0 = cpuSeconds();
    fn();
    return cpuSeconds() - t0;
  };
  let messages = 0;
  const best = bestOf({
    stream: time(() => (messages = decodeStream(big, { fields: false }).messages.length)),
    streamQuarter: time(() => decodeStream(quarter, { fields: false })),
    receiver: time(() => createReceiver({ role: 'server', frameEvents: false }).write(big, () => {})),
  });
  const mb = big.length / 1e6;
  const ofReceiver = best.receiver / best.stream;
  const growth = best.stream / best.streamQuarter / (big.length / quarter.length);
  const workload = `decodeStream, ${mb.toFixed(0)} MB pasted stream of 0–299 B frames`;
  return [
    {
      workload,
      impl: 'receiver write() on the same bytes',
      mbps: mb / best.receiver,
      vsWs: null,
      ofCeiling: null,
      check: '',
      target: null,
      met: null,
    },
    {
      workload,
      impl: 'decodeStream (fields: false)',
      mbps: mb / best.stream,
      vsWs: null,
      ofCeiling: null,
      check: `${messages} messages; ${(ofReceiver * 100).toFixed(0)}% of the receiver's speed; 4× the bytes took ${growth.toFixed(2)}× the time per byte`,
      target: '≥ 50% of the receiver, linear',
      met: ofReceiver >= 0.5 && growth < 1.5,
    },
  ];
}

export async function run(): Promise<Row[]> {
  return [...streamRows(), ...captureRows()];
}
