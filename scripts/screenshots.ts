/**
 * Takes the README's screenshots of every view in Debian's Chromium (or Playwright's), from a running dev or
 * preview server: `npm run dev -- --port 5199` in one shell, then `npx tsx scripts/screenshots.ts http://127.0.0.1:5199/`.
 */
import { existsSync } from 'node:fs';
import { chromium, type Page } from '@playwright/test';

const base = process.argv[2] ?? 'http://127.0.0.1:5173/';
const executablePath =
  process.env.FRAMESCOPE_CHROMIUM ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);

const shots: [string, string, (page: Page) => Promise<void>][] = [
  [
    'learn',
    '#/learn/masking?seed=777',
    async (page) => {
      // Lesson 6's XOR exercise answered with the classic mistake (key byte 0 for every payload byte).
      const card = page.locator('[data-exercise="xor"]');
      const href = (await card.getByRole('link', { name: /Masking/ }).getAttribute('href')) ?? '';
      const q = new URLSearchParams(href.slice(href.indexOf('?') + 1));
      const payload = Buffer.from(q.get('payload') ?? '', 'hex');
      const key = Buffer.from(q.get('key') ?? '', 'hex');
      const i = Number(/payload byte (\d+)/.exec(await card.getByTestId('prompt').innerText())?.[1]);
      await card.getByRole('textbox').fill(((payload[i] ?? 0) ^ (key[0] ?? 0)).toString(16).padStart(2, '0'));
      await card.getByRole('button', { name: 'Check' }).click();
      await card.evaluate((el) => el.scrollIntoView({ block: 'center' }));
      await page.waitForTimeout(300);
    },
  ],
  [
    'decoder',
    '#/decoder?hex=010548656c6c6f89026869000420576f7280026c64880903e8476f6f64627965',
    async (page) => {
      await page.getByRole('button', { name: 'Messages (1)' }).click();
      await page.getByText('Hello World').first().scrollIntoViewIfNeeded();
    },
  ],
  [
    'builder',
    '#/builder?preset=rfc-masked-text',
    async (page) => {
      await page.getByRole('heading', { level: 1 }).waitFor();
      await page.getByText('Bytes', { exact: true }).hover();
    },
  ],
  [
    'masking',
    '#/masking?payload=48656c6c6f&key=12345678',
    async (page) => {
      await page.getByRole('heading', { level: 1 }).waitFor();
      for (let i = 0; i < 13; i++) await page.getByRole('button', { name: 'Next bit ›' }).click();
    },
  ],
  [
    'handshake',
    '#/handshake',
    async (page) => {
      await page.getByRole('heading', { level: 1 }).waitFor();
      await page.keyboard.press('End');
      await page.waitForTimeout(500);
    },
  ],
  [
    'replay',
    '#/replay',
    async (page) => {
      await page.getByRole('heading', { level: 1 }).waitFor();
      const sample = page.getByRole('button', { name: /chromium/i }).first();
      if (await sample.count()) await sample.click();
      for (let i = 0; i < 5; i++) await page.getByRole('button', { name: 'Next frame ▶' }).click();
      await page.evaluate(() => window.scrollBy(0, 690));
      await page.waitForTimeout(500);
    },
  ],
  [
    'http2',
    '#/replay',
    async (page) => {
      await page.getByRole('button', { name: 'HTTP/2: two WebSockets (h2c)' }).click();
      await page.getByRole('combobox', { name: 'Connection' }).selectOption({ index: 1 });
      await page.getByRole('button', { name: 'Next frame ▶' }).click();
      await page.getByRole('region', { name: 'Connection' }).evaluate((e) => e.scrollIntoView());
      await page.waitForTimeout(500);
    },
  ],
  [
    'http2-handshake',
    '#/handshake',
    async (page) => {
      const section = page.getByRole('region', { name: 'Over HTTP/2 and HTTP/3' });
      for (let i = 0; i < 2; i++) await section.getByRole('button', { name: 'Next ▶' }).click();
      await section.evaluate((e) => e.scrollIntoView());
      await page.waitForTimeout(500);
    },
  ],
  [
    'live',
    '#/live',
    async (page) => {
      await page.getByRole('button', { name: 'Connect', exact: true }).click();
      await page.getByText(/open/i).first().waitFor();
      await page
        .getByLabel(/message/i)
        .first()
        .fill('{"hello":"Framescope"}');
      await page.getByRole('button', { name: /^Send/ }).first().click();
      await page.waitForTimeout(1000);
    },
  ],
  [
    'lab',
    '#/lab',
    async (page) => {
      await page.getByText('Framescope’s server answers').waitFor();
      await page.getByRole('button', { name: /^Run all/ }).click();
      await page.getByText(/^Ran all \d+ cases\.$/).waitFor({ timeout: 120_000 });
      await page.locator('#lab-invalid-utf8').evaluate((row) => row.scrollIntoView({ block: 'center' }));
    },
  ],
  // Last, because they change the window size: a phone, and a projector in presentation mode.
  [
    'phone',
    '#/builder?preset=rfc-masked-text',
    async (page) => {
      await page.setViewportSize({ width: 375, height: 812 });
      await page.getByRole('group', { name: /Header bits of frame 1/ }).evaluate((e) => e.scrollIntoView());
      await page.waitForTimeout(500);
    },
  ],
  [
    'presentation',
    '?present#/masking?payload=48656c6c6f&key=37fa213d',
    async (page) => {
      await page.setViewportSize({ width: 1280, height: 720 });
      await page.getByRole('heading', { level: 1 }).waitFor();
      await page.locator('h1').click();
      for (let i = 0; i < 11; i++) await page.keyboard.press('ArrowRight');
      await page.locator('.step-readout').evaluate((e) => e.scrollIntoView());
      await page.waitForTimeout(500);
    },
  ],
];

const browser = await chromium.launch({
  ...(executablePath ? { executablePath } : {}),
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
});
const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
/** Names after the URL take only those screenshots (`… http://127.0.0.1:5199/ lab`). */
const only = process.argv.slice(3);
for (const [name, hash, ready] of shots.filter(([name]) => only.length === 0 || only.includes(name))) {
  await page.goto(base + hash);
  try {
    await ready(page);
  } catch (err) {
    console.error(`${name}: ${err instanceof Error ? err.message : String(err)}`);
  }
  await page.screenshot({ path: `docs/screenshots/${name}.png` });
  console.log(`docs/screenshots/${name}.png`);
}
await browser.close();
