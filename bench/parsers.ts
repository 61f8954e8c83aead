/**
 * `npm run bench:parsers`: every text parser on adversarial input, doubling its size from ~156 KB to 10 MB, printing
 * the CPU time at each size and its growth ratio per doubling. Linear time gives ≈ 2 (allow noise: the machines are
 * shared); a quadratic parser gives ≈ 4 and is stopped once one run passes 20 s.
 * `BENCH_QUICK=1` stops at 1.25 MB.
 */
import { importCapture } from '../src/capture';
import { parseHex } from '../src/codec/hex';
import { JSON_ADVERSARIES, TEXT_ADVERSARIES, type Adversary } from './parsers-inputs';

const MAX = 10_000_000;
const STEPS = process.env.BENCH_QUICK ? 4 : 7;
const sizes = Array.from({ length: STEPS }, (_, k) => MAX / 2 ** (6 - k));
const encoder = new TextEncoder();

interface Parser {
  name: string;
  prepare(text: string): unknown;
  run(input: unknown): unknown;
}

const PARSE_HEX: Parser = { name: 'parseHex', prepare: (t) => t, run: (t) => parseHex(t as string) };
const IMPORT: Parser = {
  name: 'importCapture',
  prepare: (t) => encoder.encode(t),
  run: (b) => importCapture('input', b as Uint8Array),
};

const cases: { adversary: Adversary; parser: Parser }[] = [
  ...TEXT_ADVERSARIES.flatMap((adversary) => [PARSE_HEX, IMPORT].map((parser) => ({ adversary, parser }))),
  ...JSON_ADVERSARIES.map((adversary) => ({ adversary, parser: IMPORT })),
];

/**
 * Best of three runs (one when a run is already long), in milliseconds of this process's CPU time: on a shared
 * machine wall time also counts other jobs, CPU time much less so.
 */
function time(parser: Parser, input: unknown): number {
  let best = Infinity;
  for (let round = 0; round < 3; round++) {
    const start = process.cpuUsage();
    parser.run(input);
    const used = process.cpuUsage(start);
    const ms = (used.user + used.system) / 1000;
    best = Math.min(best, ms);
    if (ms > 1000) break;
  }
  return best;
}

const worst: { name: string; ratio: number }[] = [];
console.log(`sizes: ${sizes.map((s) => `${(s / 1e6).toFixed(2)} MB`).join(', ')}`);
console.log(
  'parser         input                           ms at each size → growth per doubling (median, max)',
);
for (const { adversary, parser } of cases) {
  const ms: number[] = [];
  for (const size of sizes) {
    const input = parser.prepare(adversary.make(size));
    ms.push(time(parser, input));
    if ((ms.at(-1) as number) > 20_000) break;
  }
  // Ratios of runs under 5 ms are mostly timer and collector noise; they are shown but not judged.
  const ratios = ms.slice(1).map((t, i) => ({ r: t / (ms[i] as number), judged: (ms[i] as number) >= 5 }));
  const judged = ratios
    .filter((x) => x.judged)
    .map((x) => x.r)
    .sort((a, b) => a - b);
  const median = judged.length ? (judged[judged.length >> 1] as number) : NaN;
  const stopped = ms.length < sizes.length ? `  STOPPED after ${ms.length} sizes` : '';
  worst.push({ name: `${parser.name} / ${adversary.name}`, ratio: median });
  console.log(
    `${parser.name.padEnd(14)} ${adversary.name.padEnd(31)} ${ms.map((t) => t.toFixed(t < 10 ? 1 : 0)).join(' ')} → ${ratios.map((x) => x.r.toFixed(1)).join(' ')} (median ${median.toFixed(2)}, max ${judged.length ? (judged.at(-1) as number).toFixed(2) : '–'})${stopped}`,
  );
}
const over = worst.filter((w) => w.ratio > 2.6);
console.log(
  over.length
    ? `SUPERLINEAR: ${over.map((w) => w.name).join('; ')}`
    : 'every parser: median growth per doubling ≤ 2.6 (linear)',
);
