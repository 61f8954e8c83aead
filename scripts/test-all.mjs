#!/usr/bin/env node
// The one command that runs every check and test: type-check, lint, format, unit, build, end-to-end.
// Every step runs even when an earlier one fails, so one run shows everything that is wrong.
// The last line is a plain `tests: N passed, N failed` built from both runners' JSON reports. A step that fails
// without a failed test to show for it (types, lint, format, build, a runner that could not start) counts as one
// failure there, so the line can never read `0 failed` after a failed step. Tests that passed only on retry are
// named, each with its first failure, on lines of their own just before it.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { summarize } from './test-summary.mjs';

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

const { lines, summary } = summarize(
  failedSteps,
  readJson('reports/vitest.json'),
  readJson('reports/playwright.json'),
);
if (failedSteps.length) console.log(`\nFailed steps: ${failedSteps.join(', ')}`);
writeFileSync('reports/summary.txt', summary + '\n');
for (const line of lines) console.log(line);
console.log(summary);
process.exit(failedSteps.length || /[1-9]\d* failed/.test(summary) ? 1 : 0);
