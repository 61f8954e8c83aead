#!/usr/bin/env node
// The JavaScript budget of the static build: what each view loads before it can be used (the entry chunk, the
// view's chunk and everything they import statically; not what is imported on demand, not workers) must stay
// within BUDGET bytes gzipped. Reads dist/.vite/manifest.json, so run it after `vite build`.
// Prints one line per view and exits non-zero when a view is over.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const BUDGET = 100 * 1024;
/**
 * Views allowed over the budget for now, each with the reason; reported on every run, so they cannot be forgotten.
 * Remove an entry as soon as its view fits (the run fails when an allowed view is back under the budget).
 */
const ALLOWED_OVER = {};
const dist = process.argv[2] ?? 'dist';
const manifest = JSON.parse(readFileSync(`${dist}/.vite/manifest.json`, 'utf8'));
const entryKey = Object.keys(manifest).find((k) => manifest[k].isEntry);
if (!entryKey) throw new Error('the manifest has no entry chunk');

const gzipped = new Map();
function size(file) {
  if (!gzipped.has(file)) gzipped.set(file, gzipSync(readFileSync(`${dist}/${file}`), { level: 9 }).length);
  return gzipped.get(file);
}

/** Every JavaScript file loaded statically from these manifest keys. */
function closure(keys, seen = new Set()) {
  for (const key of keys) {
    const chunk = manifest[key];
    if (!chunk || seen.has(chunk.file)) continue;
    seen.add(chunk.file);
    closure(chunk.imports ?? [], seen);
  }
  return seen;
}

const views = [
  ['home', []],
  ...(manifest[entryKey].dynamicImports ?? [])
    .filter((k) => /^src\/views\/[^/]+\/[A-Za-z]+View\.svelte$/.test(k))
    .map((k) => [k.split('/')[2].toLowerCase(), [k]]),
];
let over = 0;
for (const [name, keys] of views) {
  const files = closure([entryKey, ...keys]);
  const total = [...files].reduce((sum, f) => sum + size(f), 0);
  const ok = total <= BUDGET;
  const allowed = ALLOWED_OVER[name];
  if (ok === Boolean(allowed)) over++;
  const verdict = ok ? (allowed ? 'FITS' : 'ok  ') : allowed ? 'over' : 'OVER';
  console.log(
    `${verdict} ${name.padEnd(10)} ${(total / 1024).toFixed(1).padStart(6)} KB gzipped initial JS` +
      ` (${files.size} files; budget ${BUDGET / 1024} KB)` +
      (allowed ? (ok ? ': remove it from ALLOWED_OVER' : `; allowed for now: ${allowed}`) : ''),
  );
}
if (views.length < 2) {
  console.log('no view chunks found in the manifest');
  process.exit(1);
}
process.exit(over ? 1 : 0);
