/**
 * `npm run bench`: runs every `bench/*.bench.ts` module (each exports `run(): Promise<Row[]>`) in one process and
 * prints one table. Compare rows of the same run only: the machines are shared and vary by up to 2× between runs.
 * `BENCH_QUICK=1` runs a tenth of each workload; `BENCH_ROUNDS=n` keeps the best of n rounds (default 2);
 * `BENCH_ONLY=decode` runs only modules whose name contains that text.
 */
import { readdirSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { BenchModule, Row } from './types';

// The peer, ws, runs as pure JavaScript like Framescope (in a browser there are no native add-ons): ws would
// otherwise pick up bufferutil, a native add-on another dev dependency installs, for masking. Set before any
// module loads ws; child processes inherit it.
process.env.WS_NO_BUFFER_UTIL ??= '1';

const dir = fileURLToPath(new URL('.', import.meta.url));
const only = process.env.BENCH_ONLY ?? '';
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts') && f.includes(only))
  .sort();

const fmt = (n: number | null, digits: number, suffix = '') => (n === null ? '' : n.toFixed(digits) + suffix);

function print(rows: Row[]): void {
  const table = rows.map((r) => [
    r.workload,
    r.impl,
    fmt(r.mbps, r.mbps < 100 ? 1 : 0),
    fmt(r.vsWs, 2, '×'),
    r.ofCeiling === null ? '' : `${(r.ofCeiling * 100).toFixed(1)}%`,
    r.target === null ? '' : `${r.met ? 'MET' : 'MISSED'} (${r.target})`,
    r.check,
  ]);
  const head = ['workload', 'implementation', 'MB/s', 'vs ws', 'of ceiling', 'target', 'check'];
  const widths = head.map((h, c) => Math.max(h.length, ...table.map((row) => (row[c] as string).length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, c) =>
        c >= 2 && c <= 4 ? cell.padStart(widths[c] as number) : cell.padEnd(widths[c] as number),
      )
      .join('  ');
  console.log(line(head));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  let last = '';
  for (let i = 0; i < table.length; i++) {
    const workload = (rows[i] as Row).workload;
    if (last && workload !== last) console.log('');
    last = workload;
    console.log(line(table[i] as string[]));
  }
}

const started = performance.now();
const rows: Row[] = [];
for (const f of files) {
  const t0 = performance.now();
  const mod = (await import(pathToFileURL(dir + f).href)) as BenchModule;
  rows.push(...(await mod.run()));
  console.error(`${f}: ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}
console.log(
  `Node ${process.version}, ${files.length} modules, ${((performance.now() - started) / 1000).toFixed(0)} s\n`,
);
print(rows);
const missed = rows.filter((r) => r.met === false);
console.log(
  `\n${rows.filter((r) => r.met === true).length} targets met, ${missed.length} missed${missed.length ? ': ' + missed.map((r) => r.workload).join('; ') : ''}`,
);
