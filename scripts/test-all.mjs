#!/usr/bin/env node
// The one command that runs every check and test: type-check, lint, format, unit, build, end-to-end.
// Every step runs even when an earlier one fails, so one run shows everything that is wrong.
// The last line is a plain `tests: N passed, N failed` built from both runners' JSON reports.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';

mkdirSync('reports', { recursive: true });
for (const f of ['reports/vitest.json', 'reports/playwright.json']) rmSync(f, { force: true });

const steps = [
  [
    'types (svelte-check)',
    'npx',
    ['svelte-check', '--tsconfig', './tsconfig.json', '--fail-on-warnings', '--output', 'human'],
  ],
  ['types (pure core)', 'npx', ['tsc', '-p', 'tsconfig.codec.json']],
  ['lint (eslint)', 'npx', ['eslint', '.']],
  ['format (prettier)', 'npx', ['prettier', '--check', '.', '--log-level', 'warn']],
  [
    'unit (vitest)',
    'npx',
    ['vitest', 'run', '--reporter=default', '--reporter=json', '--outputFile.json=reports/vitest.json'],
  ],
  ['build (vite)', 'npx', ['vite', 'build', '--logLevel', 'warn']],
  ['budget (initial JS per view)', 'node', ['scripts/check-budget.mjs']],
  ['end-to-end (playwright)', 'npx', ['playwright', 'test']],
];

const failedSteps = [];
for (const [name, cmd, args] of steps) {
  console.log(`\n=== ${name}`);
  const started = Date.now();
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: process.env });
  const secs = ((Date.now() - started) / 1000).toFixed(1);
  if (r.status !== 0) {
    failedSteps.push(name);
    console.log(`=== ${name}: FAILED (${secs} s)`);
  } else {
    console.log(`=== ${name}: ok (${secs} s)`);
  }
}

function readJson(path) {
  if (!existsSync(path)) return undefined;
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return undefined;
  }
}

let passed = 0;
let failed = 0;
let skipped = 0;
const vitest = readJson('reports/vitest.json');
if (vitest) {
  passed += vitest.numPassedTests ?? 0;
  failed += vitest.numFailedTests ?? 0;
  skipped += (vitest.numPendingTests ?? 0) + (vitest.numTodoTests ?? 0);
} else failed += 1;
const pw = readJson('reports/playwright.json');
if (pw?.stats) {
  passed += (pw.stats.expected ?? 0) + (pw.stats.flaky ?? 0);
  failed += pw.stats.unexpected ?? 0;
  if (pw.stats.flaky)
    console.log(`\n${pw.stats.flaky} end-to-end test(s) passed only on retry (flaky): see the list above.`);
  skipped += pw.stats.skipped ?? 0;
} else failed += 1;

if (failedSteps.length) console.log(`\nFailed steps: ${failedSteps.join(', ')}`);
const summary = `tests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`;
writeFileSync('reports/summary.txt', summary + '\n');
console.log(summary);
process.exit(failedSteps.length || failed ? 1 : 0);
