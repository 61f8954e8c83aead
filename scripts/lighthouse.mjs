/**
 * Lighthouse performance and accessibility scores of every view, measured on the static build with Debian's
 * Chromium: `npm run build && npm run lighthouse`. Prints a Markdown table for the README. Not part of CI: Lighthouse
 * is fetched on demand (`npx lighthouse@12`, the last major that runs on Node 20) and its scores move with the
 * machine's load, so the README states when and how they were measured.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const LIGHTHOUSE = 'lighthouse@12.8.2';
const views = ['learn', 'tools', 'handshake', 'builder', 'masking', 'decoder', 'replay', 'live', 'lab'];
const chrome =
  process.env.FRAMESCOPE_CHROMIUM ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);

if (!existsSync('dist/index.html')) {
  console.error('No dist/: run `npm run build` first.');
  process.exit(2);
}

const port = await new Promise((resolve) => {
  const probe = createServer().listen(0, '127.0.0.1', () => {
    const { port: p } = /** @type {import('node:net').AddressInfo} */ (probe.address());
    probe.close(() => resolve(p));
  });
});
const preview = spawn(
  'npx',
  ['vite', 'preview', '--host', '127.0.0.1', '--port', String(port), '--strictPort'],
  {
    stdio: ['ignore', 'pipe', 'inherit'],
  },
);
await new Promise((resolve, reject) => {
  preview.stdout.on('data', (d) => String(d).includes(String(port)) && resolve(undefined));
  preview.on('exit', (code) => reject(new Error(`vite preview exited with ${code}`)));
});

const out = mkdtempSync(join(tmpdir(), 'framescope-lh-'));
const rows = [];
try {
  for (const view of views) {
    const file = join(out, `${view}.json`);
    const run = spawnSync(
      'npx',
      [
        '--yes',
        LIGHTHOUSE,
        `http://127.0.0.1:${port}/#/${view}`,
        '--quiet',
        '--only-categories=performance,accessibility',
        '--output=json',
        `--output-path=${file}`,
        '--chrome-flags=--headless=new --no-sandbox --disable-gpu',
      ],
      {
        stdio: ['ignore', 'ignore', 'pipe'],
        env: { ...process.env, ...(chrome ? { CHROME_PATH: chrome } : {}) },
      },
    );
    if (run.status !== 0 || !existsSync(file)) {
      rows.push(`| ${view} | failed | failed | ${String(run.stderr).trim().split('\n').pop()} |`);
      continue;
    }
    const report = JSON.parse(readFileSync(file, 'utf8'));
    const score = (id) => Math.round((report.categories[id]?.score ?? 0) * 100);
    const lcp = report.audits['largest-contentful-paint']?.displayValue ?? '';
    const tbt = report.audits['total-blocking-time']?.displayValue ?? '';
    rows.push(`| ${view} | ${score('performance')} | ${score('accessibility')} | LCP ${lcp}, TBT ${tbt} |`);
    console.error(rows.at(-1));
  }
} finally {
  preview.kill();
  rmSync(out, { recursive: true, force: true });
}

console.log(`Lighthouse ${LIGHTHOUSE.split('@')[1]}, ${chrome ?? 'its own Chrome'}, mobile preset (Moto G power, slow 4G,
4× CPU slowdown), static build served by \`vite preview\` on loopback, ${new Date().toISOString().slice(0, 10)}.

| view | performance | accessibility | notes |
|---|---|---|---|
${rows.join('\n')}`);
