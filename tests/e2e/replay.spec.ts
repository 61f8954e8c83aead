import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test, type Page } from '@playwright/test';
import { expectNoA11yViolations } from './a11y';

/** Replay (issue 6): every bundled sample and fixture opens, plays, steps, filters and opens a frame. */

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '../fixtures/capture');

async function open(page: Page) {
  await page.goto('#/replay');
  await expect(page.getByRole('heading', { name: 'Replay', level: 1 })).toBeVisible();
}

async function openFile(page: Page, name: string, buffer: Buffer = readFileSync(join(FIXTURES, name))) {
  await page
    .getByLabel(/^Choose a file/)
    .setInputFiles({ name, mimeType: 'application/octet-stream', buffer });
}

const frameRows = (page: Page) =>
  page.getByRole('group', { name: 'Frames', exact: true }).getByRole('button');
const now = (page: Page) => page.locator('.now');

const FILES: [string, number, string][] = [
  ['chromium-ws-plain.pcap', 18, 'message “echo: Hello, server”'],
  ['chromium-ws-deflate.pcapng', 18, 'compressed: message “Hello, server”'],
  ['python-websockets-deflate-ns.pcap', 19, 'message “one two three” from 4 frames'],
  ['python-websockets-plain-sll2.pcap', 19, 'message “second: ünïcödé”'],
  ['chromium-devtools.har', 8, 'message “Hello from DevTools”'],
  ['python-websockets-plain-sll2.tshark-x.txt', 19, 'close 1001'],
  ['marked-hex.txt', 5, 'from 2 frames'],
];

/**
 * The text of every row of the (virtualized) frame list: it renders only the rows in view, so scroll through it
 * and collect what each position shows.
 */
async function allRowsText(page: Page): Promise<string> {
  return page.getByRole('group', { name: 'Frames', exact: true }).evaluate(async (list) => {
    const scroller = [list, ...list.querySelectorAll<HTMLElement>('*')].find(
      (e) => e.scrollHeight > e.clientHeight + 1 && getComputedStyle(e).overflowY !== 'visible',
    );
    const seen: string[] = [list.textContent ?? ''];
    if (!scroller) return seen.join('\n');
    for (let y = 0; y <= scroller.scrollHeight; y += scroller.clientHeight / 2) {
      scroller.scrollTop = y;
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      seen.push(list.textContent ?? '');
    }
    scroller.scrollTop = 0;
    return seen.join('\n');
  });
}

for (const [name, frames, text] of FILES) {
  test(`${name}: opens, steps, shows the frame in the detail panes`, async ({ page }) => {
    await open(page);
    await openFile(page, name);
    await expect(page.getByRole('status').filter({ hasText: name })).toBeVisible();
    await expect(page.getByRole('status').filter({ hasText: `${frames} of ${frames} frames` })).toBeVisible();
    await expect(page.getByRole('group', { name: 'Frames', exact: true })).not.toBeEmpty();
    expect(await allRowsText(page)).toContain(text);
    await page.getByRole('button', { name: 'Next frame' }).click();
    await expect(now(page)).toContainText('Frame 1 at');
    await expect(page.getByRole('heading', { name: 'Frame 1', exact: true })).toBeVisible();
    await page.getByRole('button', { name: 'Next frame' }).click();
    await expect(now(page)).toContainText('Frame 2 at');
  });
}

test('a sample plays to the end, with arrows on the sequence diagram', async ({ page }) => {
  await open(page);
  await page.getByRole('button', { name: 'Chromium ↔ ws (pcap)' }).click();
  await expect(page.getByRole('status').filter({ hasText: '18 of 18 frames' })).toBeVisible();
  await page.getByLabel('Spacing').selectOption('real');
  await expect(page.getByText(/plays evenly spaced/)).toHaveCount(0);
  await page.getByLabel('Speed').selectOption('0.25');
  await page.getByRole('button', { name: '▶ Play' }).click();
  await expect(page.getByRole('button', { name: '❚❚ Pause' })).toBeVisible();
  // The capture lasts ~280 ms: at 0.25× it plays for about a second.
  await expect(now(page)).toContainText('Frame 18 at', { timeout: 5000 });
  await expect(page.getByRole('button', { name: '▶ Play' })).toBeVisible();
  await expect(page.locator('.diagram .arrow')).toHaveCount(7);
  await expect(page.locator('.diagram .arrow.current')).toContainText('close 1000');
});

test('a capture shorter than 3 s plays evenly spaced by default, says so, and shows one clock', async ({
  page,
}) => {
  await open(page);
  await page.getByRole('button', { name: 'Chromium ↔ ws (pcap)' }).click();
  await expect(page.getByLabel('Spacing')).toHaveValue('even');
  await expect(page.getByRole('note')).toContainText(
    /This capture lasts only \d+(\.\d+)? ms, so it plays evenly spaced/,
  );
  await page.getByRole('button', { name: 'Next frame' }).click();
  await page.getByRole('button', { name: 'Next frame' }).click();
  // The frame's capture time appears once, in the sentence about the current frame; the readout counts frames.
  const time = (await now(page).textContent())!.match(/at (\d+(?:\.\d+)? m?s)/)![1]!;
  await expect(page.locator('.player .where')).toHaveText('frame 2 of 18');
  await expect(page.getByLabel('Timeline position')).toHaveAttribute(
    'aria-valuetext',
    `frame 2 of 18, captured at ${time}`,
  );
  await page.getByLabel('Spacing').selectOption('real');
  await expect(page.getByRole('note')).toHaveCount(0);
  await expect(page.getByLabel('Timeline position')).toHaveAttribute(
    'aria-valuetext',
    `frame 2 of 18, captured at ${time}`,
  );
});

test('keyboard: arrows step, Home and End jump, space plays', async ({ page }) => {
  await open(page);
  await page.getByRole('button', { name: 'Chromium ↔ ws (pcap)' }).click();
  await expect(page.getByRole('status').filter({ hasText: '18 of 18 frames' })).toBeVisible();
  await page.locator('h1').click();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect(now(page)).toContainText('Frame 2 at');
  await page.keyboard.press('ArrowLeft');
  await expect(now(page)).toContainText('Frame 1 at');
  await page.keyboard.press('End');
  await expect(now(page)).toContainText('Frame 18 at');
  await expect(now(page)).toContainText('close 1000');
  await page.keyboard.press('Home');
  await expect(now(page)).toContainText('Frame 1 at');
  await page.keyboard.press('+');
  await expect(page.getByLabel('Speed')).toHaveValue('2');
  for (let i = 0; i < 3; i++) await page.keyboard.press('-');
  await expect(page.getByLabel('Speed')).toHaveValue('0.25');
  await page.keyboard.press(' ');
  await expect(page.getByRole('button', { name: '❚❚ Pause' })).toBeVisible();
  await page.keyboard.press(' ');
  await expect(page.getByRole('button', { name: '▶ Play' })).toBeVisible();
});

test('filters by direction and opcode; scrub; evenly spaced', async ({ page }) => {
  await open(page);
  await page.getByRole('button', { name: 'Chromium ↔ ws (pcap)' }).click();
  await page
    .getByRole('group', { name: 'Filter frames' })
    .getByLabel('Direction')
    .selectOption('server-to-client');
  await expect(page.getByRole('status').filter({ hasText: '10 of 18 frames' })).toBeVisible();
  await expect(frameRows(page).filter({ hasText: 'C → S' })).toHaveCount(0);
  await page.getByLabel('Opcode').selectOption('control');
  await expect(page.getByRole('status').filter({ hasText: '2 of 18 frames' })).toBeVisible();
  await page.getByRole('button', { name: 'Next frame' }).click();
  await expect(now(page)).toContainText('ping');
  await page.getByRole('group', { name: 'Filter frames' }).getByLabel('Direction').selectOption('all');
  await page.getByLabel('Opcode').selectOption('all');
  await page.getByLabel('Spacing').selectOption('even');
  await page.getByLabel('Timeline position').fill('4000');
  await expect(now(page)).toContainText('Frame 9 at');
  // Scrubbing scrolls the list to frame 9 while virtua measures its rows: a click can land mid-layout, so retry it.
  await expect(async () => {
    await frameRows(page).filter({ hasText: '#3' }).first().click();
    await expect(now(page)).toContainText('Frame 3 at', { timeout: 1000 });
  }).toPass({ timeout: 10_000 });
  await expect(page.locator('[data-field="maskingKey"]')).toBeVisible();
});

test('a HAR shows reconstructed frames, labelled as such', async ({ page }) => {
  await open(page);
  await page.getByRole('button', { name: 'Chromium DevTools (HAR)' }).click();
  await page.getByRole('button', { name: 'Next frame' }).click();
  await expect(page.locator('.replay-detail')).toContainText('reconstructed from a message log');
  await expect(page.getByText(/placeholder masking key 00 00 00 00/)).toBeVisible();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export session JSON' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('chromium-devtools.framescope.json');
  const session = JSON.parse(readFileSync(await download.path(), 'utf8'));
  expect(session).toMatchObject({ framescope: 'session', version: 1, source: 'chromium-devtools.har' });
  expect(session.connections[0].frames).toHaveLength(8);
});

test('bad files give a clear error, never a blank page', async ({ page }) => {
  await open(page);
  await openFile(page, 'broken.har', Buffer.from('{"log": {"entries": [}'));
  await expect(page.getByRole('alert')).toContainText('broken.har cannot be replayed');
  await expect(page.getByRole('alert')).toContainText('not valid JSON');
  await expectNoA11yViolations(page);
  await openFile(page, 'x.bin', Buffer.from([0xde, 0xad, 0xbe, 0xef, 0, 1, 2]));
  await expect(page.getByRole('alert')).toContainText('not a capture Framescope reads');
  const pcap = readFileSync(join(FIXTURES, 'chromium-ws-plain.pcap'));
  await openFile(page, 'cut.pcap', pcap.subarray(0, 20));
  await expect(page.getByRole('alert')).toContainText('shorter than the 24-byte header');
  // After an error, a good file replaces it.
  await openFile(page, 'marked-hex.txt');
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expect(page.getByRole('status').filter({ hasText: '5 of 5 frames' })).toBeVisible();
});

test('a large file is imported in the worker and the list stays virtualized', async ({ page }) => {
  await open(page);
  // 30,000 marked hex lines, ~1 MB: above the 512 KiB the page imports on the main thread.
  const lines = Array.from({ length: 30_000 }, (_, i) =>
    i % 2 ? '< 81 05 48 65 6c 6c 6f' : '> 81 85 37 fa 21 3d 7f 9f 4d 51 58',
  );
  await openFile(page, 'big.txt', Buffer.from(lines.join('\n')));
  await expect(page.getByRole('status').filter({ hasText: '30,000 of 30,000 frames' })).toBeVisible({
    timeout: 20_000,
  });
  expect(await frameRows(page).count()).toBeLessThan(200);
  await page.locator('h1').click();
  await page.keyboard.press('End');
  await expect(now(page)).toContainText('Frame 30000 at');
  await expect(frameRows(page).filter({ hasText: '#30000' })).toBeVisible();
});

test('accessibility: the view with a capture open and a frame selected', async ({ page }) => {
  await open(page);
  await expectNoA11yViolations(page);
  await page.getByRole('button', { name: 'Chromium ↔ ws, compressed (pcapng)' }).click();
  await page.getByRole('button', { name: 'Next frame' }).click();
  await expect(page.getByRole('heading', { name: 'Frame 1', exact: true })).toBeVisible();
  await expectNoA11yViolations(page);
});

test('a 100,000-frame pcap made from a real capture imports through the worker and steps to its last frame', async ({
  page,
}) => {
  test.setTimeout(120_000);
  // Durations of every task over 50 ms, from the browser's own long-task timing.
  await page.addInitScript(() => {
    const w = window as unknown as { longTasks: number[] };
    w.longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.longTasks.push(Math.round(e.duration));
    }).observe({ type: 'longtask' });
  });
  await open(page);
  // In the page: keep the fixture's handshake packets (1–7), then repeat its first client and server text frames
  // (packets 8 and 9) 50,000 times each, advancing each direction's TCP sequence number by the segment's length.
  const fixture = [...readFileSync(join(FIXTURES, 'chromium-ws-plain.pcap'))];
  await page.evaluate((src) => {
    const b = new Uint8Array(src);
    const v = new DataView(b.buffer);
    const packets: Uint8Array<ArrayBuffer>[] = [];
    for (let at = 24; at < b.length; at += 16 + v.getUint32(at + 8, true))
      packets.push(b.subarray(at, at + 16 + v.getUint32(at + 8, true)));
    // Record header 16 bytes, Ethernet 14, then IPv4 (IHL words) and TCP: sequence number at 4, data offset at 12.
    const tcpAt = (p: Uint8Array) => 16 + 14 + (p[30]! & 0xf) * 4;
    const pair = [packets[7]!, packets[8]!];
    const seq = pair.map((p) => new DataView(p.buffer, p.byteOffset).getUint32(tcpAt(p) + 4));
    const out: Uint8Array<ArrayBuffer>[] = [b.subarray(0, 24), ...packets.slice(0, 7)];
    for (let k = 0; k < 50_000; k++) {
      pair.forEach((p, d) => {
        const copy = p.slice();
        const cv = new DataView(copy.buffer);
        cv.setUint32(tcpAt(copy) + 4, seq[d]!);
        seq[d] = (seq[d]! + copy.length - tcpAt(copy) - (copy[tcpAt(copy) + 12]! >> 4) * 4) >>> 0;
        cv.setUint32(4, cv.getUint32(4, true) + (k % 1000), true);
        out.push(copy);
      });
    }
    const input = document.querySelector<HTMLInputElement>('input[type=file]')!;
    const files = new DataTransfer();
    files.items.add(new File(out, 'big.pcap'));
    input.files = files.files;
  }, fixture);
  // Building the file is itself a long task: count only what comes after it.
  await page.waitForTimeout(500);
  await page.evaluate(() => {
    (window as unknown as { longTasks: number[] }).longTasks = [];
    document.querySelector('input[type=file]')!.dispatchEvent(new Event('change', { bubbles: true }));
  });
  await expect(page.getByRole('status').filter({ hasText: '100,000 of 100,000 frames' })).toBeVisible({
    timeout: 90_000,
  });
  await expect(page.getByRole('group', { name: 'Frames', exact: true })).toContainText('Hello, server');
  await page.locator('h1').click();
  await page.keyboard.press('End');
  await expect(now(page)).toContainText('Frame 100000 at');
  // Long tasks are recorded for whoever reads the report; durations are for benchmarks, not for assertions.
  const tasks = await page.evaluate(() => (window as unknown as { longTasks: number[] }).longTasks);
  test.info().annotations.push({ type: 'long tasks (ms)', description: tasks.join(', ') || 'none' });
});

test('the capture importer loads on demand: a status while it loads, a clear error when it cannot', async ({
  page,
}) => {
  // The importer's chunk (built) or module (dev server): held, then refused.
  const importer = /\/(assets\/capture-[\w-]+\.js|src\/capture\/index\.ts)(\?.*)?$/;
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  let requested = false;
  await page.route(importer, async (route) => {
    requested = true;
    await held;
    await route.abort();
  });
  await open(page);
  expect(requested).toBe(false);
  await openFile(page, 'marked-hex.txt');
  await expect(page.getByRole('status').filter({ hasText: 'Reading marked-hex.txt' })).toBeVisible();
  release();
  await expect(page.getByRole('alert')).toContainText(
    'marked-hex.txt cannot be replayed: the capture importer could not be loaded',
  );
  await expect(page.getByRole('status').filter({ hasText: 'Reading' })).toHaveCount(0);
});
