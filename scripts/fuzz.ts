/**
 * `npm run fuzz`: the fuzz targets of `tests/fuzz/targets.ts` on many more inputs than CI runs, seeded and so
 * reproducible. Prints, per target: inputs tried, exceptions, hangs over 2 s, whole-vs-chunked (or oracle)
 * differences, the slowest input; then the peak memory (RSS) of the run. Exits 1 on any finding.
 * `FUZZ_RUNS=n` inputs per target (default 50,000), `FUZZ_SEED=n` (default 6455).
 */
import { runTarget, TARGETS, type FuzzStats } from '../tests/fuzz/targets';

const runs = Number(process.env.FUZZ_RUNS ?? 50_000);
const seed = Number(process.env.FUZZ_SEED ?? 6455);
let peakRss = process.memoryUsage().rss;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 50);
sampler.unref();

console.log(`npm run fuzz: seed ${seed}, ${runs} inputs per target`);
const all: FuzzStats[] = [];
const started = performance.now();
for (const target of TARGETS) {
  const t = performance.now();
  const s = runTarget(target, runs, seed);
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
  all.push(s);
  console.log(
    `${s.target.padEnd(62)} inputs ${String(s.inputs).padStart(7)}  exceptions ${s.exceptions}  hangs>2s ${s.hangs}  differences ${s.differences}  slowest ${s.slowestMs.toFixed(0)} ms  (${((performance.now() - t) / 1000).toFixed(0)} s)`,
  );
  for (const f of s.findings) console.log(`  ${f.slice(0, 2000)}`);
}
const sum = (k: 'inputs' | 'exceptions' | 'hangs' | 'differences') => all.reduce((n, s) => n + s[k], 0);
console.log(
  `total: ${sum('inputs')} inputs, ${sum('exceptions')} exceptions, ${sum('hangs')} hangs over 2 s, ${sum('differences')} whole-vs-chunked differences, peak memory ${(peakRss / 2 ** 20).toFixed(0)} MiB RSS, ${((performance.now() - started) / 1000).toFixed(0)} s`,
);
process.exitCode = sum('exceptions') + sum('hangs') + sum('differences') > 0 ? 1 : 0;
