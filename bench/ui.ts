/**
 * `npm run bench:ui`: how the app feels with large inputs in a real Chromium, reported (not asserted):
 * - Decoder: a pasted 100,000-frame stream (hex). Reported: the decode in the worker, then how long after the
 *   worker's answer the list shows rows, and how long a click on a row takes to open its frame.
 * - Replay: a generated 100 MB pcap of one connection (bench/make-capture.ts), opened with the file picker.
 *   Reported: the time to a usable list, every main-thread task over 200 ms (the browser's own long-task timing),
 *   the page's peak JS heap (Chrome DevTools Protocol, sampled every 100 ms) and the peak memory of all Chromium
 *   processes (RSS, sampled the same way; the import worker's heap is in there).
 * Serves the static build (`vite build` first unless BENCH_UI_NO_BUILD=1) on a free loopback port.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { makeCapture } from './make-capture';

const LONG_TASK_MS = 200;
const MARKER = '--framescope-bench-ui';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

async function waitForServer(url: string): Promise<void> {
  for (let i = 0; i < 600; i++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the preview server did not answer at ${url}`);
}

/** RSS (MB) of the Chromium started with MARKER and all its descendants. */
function chromiumRssMb(): number {
  const rows = execFileSync('ps', ['-eo', 'pid=,ppid=,rss=,args='], { encoding: 'utf8' })
    .split('\n')
    .map((l) => l.trim().match(/^(\d+)\s+(\d+)\s+(\d+)\s+(.*)$/))
    .filter((m): m is RegExpMatchArray => m !== null)
    .map((m) => ({ pid: Number(m[1]), ppid: Number(m[2]), rss: Number(m[3]), args: m[4]! }));
  const tree = new Set(rows.filter((r) => r.args.includes(MARKER)).map((r) => r.pid));
  for (let grew = true; grew;) {
    grew = false;
    for (const r of rows)
      if (!tree.has(r.pid) && tree.has(r.ppid)) {
        tree.add(r.pid);
        grew = true;
      }
  }
  return rows.filter((r) => tree.has(r.pid)).reduce((a, r) => a + r.rss, 0) / 1024;
}

/** Samples the page's JS heap and Chromium's RSS every 100 ms until stopped; returns the peaks (MB). */
async function memorySampler(page: Page): Promise<() => Promise<{ heapMb: number; rssMb: number }>> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  let heap = 0;
  let rss = 0;
  let running = true;
  const loop = (async () => {
    while (running) {
      const { metrics } = await cdp.send('Performance.getMetrics');
      const used = metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0;
      heap = Math.max(heap, used / 1e6);
      rss = Math.max(rss, chromiumRssMb());
      await new Promise((r) => setTimeout(r, 100));
    }
  })();
  return async () => {
    running = false;
    await loop;
    return { heapMb: heap, rssMb: rss };
  };
}

/** In the page: every long task's duration, and the time the decode worker answered. */
function instrument(): void {
  const w = window as unknown as { longTasks: number[]; workerDone: number | null };
  w.longTasks = [];
  w.workerDone = null;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) w.longTasks.push(Math.round(e.duration));
  }).observe({ type: 'longtask' });
  const Original = window.Worker;
  window.Worker = class extends Original {
    constructor(url: string | URL, opts?: WorkerOptions) {
      super(url, opts);
      this.addEventListener('message', (e: MessageEvent<{ type?: string; packed?: unknown }>) => {
        if (e.data?.type === 'done' || e.data?.packed !== undefined) w.workerDone = performance.now();
      });
    }
  };
}

/** In the page: resolves with performance.now() on the first animation frame where `test` holds. */
function whenTrue(page: Page, test: string, timeoutMs: number): Promise<number> {
  return page.evaluate(
    ([source, limit]) =>
      new Promise<number>((resolve, reject) => {
        const check = new Function(`return (${source})`) as () => boolean;
        const start = performance.now();
        const tick = () => {
          if (check()) resolve(performance.now());
          else if (performance.now() - start > limit) reject(new Error(`timed out waiting for ${source}`));
          else requestAnimationFrame(tick);
        };
        tick();
      }),
    [test, timeoutMs] as const,
  );
}

/** Clicks the n-th button of the frame list in the page and resolves when `answered` holds: the time it took. */
function clickRow(page: Page, n: number, answered: string): Promise<number> {
  return page.evaluate(
    ([index, source]) =>
      new Promise<number>((resolve) => {
        const list = document.querySelector('[role="group"][aria-label="Frames"]')!;
        const button = list.querySelectorAll('button')[index] as HTMLButtonElement;
        const check = new Function(`return (${source})`) as () => boolean;
        const t0 = performance.now();
        button.click();
        const tick = () => (check() ? resolve(performance.now() - t0) : requestAnimationFrame(tick));
        tick();
      }),
    [n, answered] as const,
  );
}

const longTasks = (page: Page) =>
  page.evaluate(() => (window as unknown as { longTasks: number[] }).longTasks.slice());

const heading = (text: string) =>
  `[...document.querySelectorAll('h1,h2,h3,h4')].some((h) => h.textContent.trim() === ${JSON.stringify(text)})`;

async function decoder(page: Page, base: string): Promise<string[]> {
  await page.goto(`${base}#/decoder`);
  await page.getByRole('heading', { name: 'Decoder', level: 1 }).waitFor();
  // 100,000 frames of 0–59 bytes, text and binary, client (masked) and server, as hex text built in the page.
  const chars = await page.evaluate(() => {
    const hex = (b: number) => b.toString(16).padStart(2, '0');
    const parts: string[] = [];
    for (let i = 0; i < 100_000; i++) {
      const n = (i * 37) % 60;
      const client = i % 2 === 0;
      const bytes = [i % 3 === 0 ? 0x82 : 0x81, (client ? 0x80 : 0) | n];
      if (client) bytes.push(1, 2, 3, 4);
      for (let j = 0; j < n; j++) bytes.push((97 + ((i + j) % 26)) ^ (client ? (j % 4) + 1 : 0));
      parts.push(bytes.map(hex).join(' '));
    }
    const text = parts.join('\n');
    (window as unknown as { pasteText: string }).pasteText = text;
    return text.length;
  });
  await page.evaluate(() => {
    const w = window as unknown as { longTasks: number[]; pasteStart: number; pasteText: string };
    w.longTasks = [];
    const dt = new DataTransfer();
    dt.setData('text/plain', w.pasteText);
    w.pasteStart = performance.now();
    const box = document.querySelector('textarea')!;
    box.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
  });
  const start = await page.evaluate(() => (window as unknown as { pasteStart: number }).pasteStart);
  await whenTrue(page, '(window).workerDone !== null', 300_000);
  const done = await page.evaluate(() => (window as unknown as { workerDone: number }).workerDone);
  const rows = await whenTrue(
    page,
    `document.querySelectorAll('[role="group"][aria-label="Frames"] button').length > 2 && document.body.textContent.includes('100,000 frames')`,
    120_000,
  );
  const click = await clickRow(page, 2, heading('Frame 3'));
  const tasks = await longTasks(page);
  const interactive = rows - done + click;
  return [
    `Decoder, paste of 100,000 frames (${(chars / 1e6).toFixed(1)} MB of hex):`,
    `  paste → worker done            ${((done - start) / 1000).toFixed(2)} s`,
    `  worker done → rows shown       ${(rows - done).toFixed(0)} ms`,
    `  click on a row → frame shown   ${click.toFixed(0)} ms`,
    `  interactive after the decode   ${interactive.toFixed(0)} ms (target ≤ 1,000 ms: ${interactive <= 1000 ? 'met' : 'MISSED'})`,
    `  main-thread tasks ≥ 50 ms      ${tasks.length} (longest ${Math.max(0, ...tasks)} ms; ${tasks.filter((t) => t > LONG_TASK_MS).length} over ${LONG_TASK_MS} ms)`,
  ];
}

async function replay(page: Page, base: string, file: string, fileMb: number): Promise<string[]> {
  await page.goto(`${base}#/replay`);
  await page.getByRole('heading', { name: 'Replay', level: 1 }).waitFor();
  const idleRss = chromiumRssMb();
  const stop = await memorySampler(page);
  const before = await page.evaluate(() => {
    (window as unknown as { longTasks: number[] }).longTasks = [];
    return performance.now();
  });
  // BENCH_UI_PROFILE=FILE.cpuprofile records the page's main thread during the import (Chrome DevTools format).
  const profiler = process.env.BENCH_UI_PROFILE ? await page.context().newCDPSession(page) : null;
  if (profiler) {
    await profiler.send('Profiler.enable');
    await profiler.send('Profiler.start');
  }
  await page.locator('input[type=file]').setInputFiles(file);
  const shown = await whenTrue(
    page,
    `[...document.querySelectorAll('p.count[role="status"]')].some((p) => /^([\\d,]+) of \\1 frames/.test(p.textContent.trim()))`,
    600_000,
  );
  const click = await clickRow(
    page,
    2,
    `/^Frame 3 at/.test(document.querySelector('p.now')?.textContent.trim() ?? '')`,
  );
  if (profiler) {
    const { profile } = await profiler.send('Profiler.stop');
    writeFileSync(process.env.BENCH_UI_PROFILE!, JSON.stringify(profile));
  }
  const tasks = await longTasks(page);
  const count = await page.locator('p.count[role="status"]').first().textContent();
  const peak = await stop();
  const over = tasks.filter((t) => t > LONG_TASK_MS);
  return [
    `Replay, ${fileMb.toFixed(0)} MB pcap (${count?.trim()}):`,
    `  file chosen → list shown       ${((shown - before) / 1000).toFixed(2)} s`,
    `  click on a row → frame shown   ${click.toFixed(0)} ms`,
    `  main-thread tasks ≥ 50 ms      ${tasks.length} (longest ${Math.max(0, ...tasks)} ms)`,
    `  tasks over ${LONG_TASK_MS} ms             ${over.length}${over.length ? ` (${over.join(', ')} ms)` : ''} (target 0: ${over.length === 0 ? 'met' : 'MISSED'})`,
    `  peak JS heap of the page       ${peak.heapMb.toFixed(0)} MB`,
    `  peak RSS, all Chromium processes ${peak.rssMb.toFixed(0)} MB (${idleRss.toFixed(0)} MB before the file; the file: ${fileMb.toFixed(0)} MB)`,
  ];
}

const root = new URL('..', import.meta.url).pathname;
if (process.env.BENCH_UI_NO_BUILD !== '1' || !existsSync(join(root, 'dist/index.html'))) {
  execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
}
const port = await freePort();
const base = `http://127.0.0.1:${port}/`;
const server = spawn(
  'npx',
  ['vite', 'preview', '--host', '127.0.0.1', '--port', String(port), '--strictPort'],
  {
    cwd: root,
    stdio: 'ignore',
    detached: true,
  },
);
const dir = mkdtempSync(join(tmpdir(), 'framescope-bench-ui-'));
const executablePath =
  process.env.FRAMESCOPE_CHROMIUM ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);
const browser = await chromium.launch({
  ...(executablePath ? { executablePath } : {}),
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--no-first-run',
    '--disable-background-networking',
    MARKER,
  ],
});
try {
  await waitForServer(base);
  const pcap = join(dir, 'bench.pcap');
  const made = makeCapture(pcap, Number(process.env.BENCH_UI_MB ?? 100) * 1e6);
  const lines: string[] = [];
  for (const [name, run] of [
    ['decoder', (p: Page) => decoder(p, base)],
    ['replay', (p: Page) => replay(p, base, pcap, made.bytes / 1e6)],
  ] as const) {
    if (process.env.BENCH_ONLY && !name.includes(process.env.BENCH_ONLY)) continue;
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    // tsx (esbuild, keepNames) wraps named functions in __name(); the functions sent to the page need it too.
    await page.addInitScript({ content: 'window.__name = (f) => f;' });
    await page.addInitScript(instrument);
    lines.push(...(await run(page)), '');
    await context.close();
  }
  const load = execFileSync('cat', ['/proc/loadavg'], { encoding: 'utf8' }).split(' ').slice(0, 3).join(' ');
  console.log(`Chromium ${browser.version()}, load average ${load} (2 cores)\n`);
  console.log(lines.join('\n'));
} finally {
  await browser.close();
  if (server.pid) process.kill(-server.pid);
  rmSync(dir, { recursive: true, force: true });
}
