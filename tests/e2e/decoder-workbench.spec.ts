import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { expectNoA11yViolations } from './a11y';

/** Decoder workbench (issue 5): linking, large input in a worker, filters, search, export, share, copy. */

async function open(page: Page, hash = '#/decoder') {
  await page.goto(hash);
  await expect(page.getByRole('heading', { name: 'Decoder', level: 1 })).toBeVisible();
}

const input = (page: Page) => page.getByLabel(/^Bytes: paste hex/);
const summary = (page: Page) => page.getByRole('status').filter({ hasText: /bytes · / });
const frameList = (page: Page) => page.getByRole('group', { name: 'Frames', exact: true });

/** Server text frame (unmasked) or client text frame (masked with 01 02 03 04). */
function textFrame(text: string, client: boolean): number[] {
  const data = Array.from(Buffer.from(text, 'utf8'));
  if (!client) return [0x81, data.length, ...data];
  const key = [1, 2, 3, 4];
  return [0x81, 0x80 | data.length, ...key, ...data.map((b, i) => b ^ key[i % 4]!)];
}
const hexOf = (bytes: number[]) => bytes.map((b) => b.toString(16).padStart(2, '0')).join(' ');

test('hovering or focusing a field lights its bytes; hovering a byte lights its fields', async ({ page }) => {
  await open(page);
  await input(page).fill('81 85 12 34 56 78 5a 51 3a 14 7d');
  const dump = page.getByRole('group', { name: 'Bytes of Frame 1' });
  await expect(dump).toBeVisible();
  await page.locator('[data-field="maskingKey"]').hover();
  await expect(dump.locator('.b.lit')).toHaveText(['12', '34', '56', '78']);
  await page.locator('[data-field="payloadLength"]').focus();
  await expect(dump.locator('.b.lit')).toHaveText(['85']);
  // The reverse: a byte lights every field it holds part of.
  await dump.locator('.b[data-i="1"]').hover();
  await expect(page.locator('[data-field].lit')).toHaveCount(2);
  await expect(page.locator('[data-field="mask"]')).toHaveClass(/lit/);
  await expect(page.locator('[data-field="payloadLength"]')).toHaveClass(/lit/);
  await dump.locator('.b[data-i="8"]').hover();
  await expect(page.locator('[data-field].lit')).toHaveCount(1);
  await expect(page.locator('[data-field="payload"]')).toHaveClass(/lit/);
  // Keyboard: focus the dump, move with the arrow keys.
  await dump.focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect(page.getByText('Byte 2 (0x2) = 0x12')).toBeVisible();
  await expect(page.locator('[data-field="maskingKey"]')).toHaveClass(/lit/);
});

test('a 10 MB file of 100,000 frames decodes in a worker while the page answers clicks', async ({ page }) => {
  test.setTimeout(120_000);
  await open(page);
  const frames: number[][] = [];
  for (let i = 0; i < 100_000; i++) frames.push(textFrame(`message ${i} `.padEnd(100, '.'), i % 2 === 0));
  const buffer = Buffer.from(frames.flat());
  expect(buffer.length).toBeGreaterThan(10_000_000);
  await page
    .getByLabel(/open a file of raw bytes/)
    .setInputFiles({ name: 'big.bin', mimeType: 'application/octet-stream', buffer });
  await expect(page.getByRole('progressbar')).toBeVisible();
  // A click answered while decoding: the help opens, and the decode is still running at that moment.
  await page.getByText('How to read the Decoder').click();
  const during = await page.evaluate(() => ({
    open: document.querySelector('details.help')?.hasAttribute('open'),
    decoding: document.querySelector('[data-decoding]')?.getAttribute('data-decoding'),
  }));
  expect(during).toEqual({ open: true, decoding: 'true' });
  await expect(summary(page)).toContainText('100,000 frames · 100,000 messages', { timeout: 90_000 });
  await expect(summary(page)).toContainText('no violations');
  // Virtualized: only the rows in view exist.
  const rows = await frameList(page).getByRole('button').count();
  expect(rows).toBeGreaterThan(5);
  expect(rows).toBeLessThan(200);
  // Search goes through all of them.
  await page.getByLabel('Search payload text').fill('message 99999 ');
  await expect(page.getByText('1 of 100,000 frames match')).toBeVisible();
  await frameList(page).getByRole('button').first().click();
  await expect(page.getByRole('heading', { name: 'Frame 100000' })).toBeVisible();
});

test('filters by opcode and direction, and searches payload text', async ({ page }) => {
  await open(page);
  const bytes = [
    ...textFrame('hello from the client', true),
    ...textFrame('hello from the server', false),
    0x89,
    0x02,
    0x68,
    0x69, // ping "hi"
    0x82,
    0x02,
    0x00,
    0xff, // binary
    ...textFrame('bye', true),
  ];
  await input(page).fill(hexOf(bytes));
  await expect(summary(page)).toContainText('5 frames · 4 messages');
  await page.getByRole('combobox', { name: 'Show direction' }).selectOption('client-to-server');
  await expect(page.getByText('2 of 5 frames match')).toBeVisible();
  await page.getByRole('combobox', { name: 'Show direction' }).selectOption('all');
  await page.getByLabel('Opcode').selectOption('ping');
  await expect(page.getByText('1 of 5 frames match')).toBeVisible();
  await expect(frameList(page)).toContainText('ping');
  await page.getByLabel('Opcode').selectOption('all');
  // The arrow keys move through the list.
  await frameList(page).getByRole('button').first().focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect(page.getByRole('heading', { name: 'Frame 3' })).toBeVisible();
  await expect(frameList(page).locator('[data-frame="2"]')).toBeFocused();
  await page.keyboard.press('End');
  await expect(page.getByRole('heading', { name: 'Frame 5' })).toBeVisible();
  await page.getByLabel('Search payload text').fill('HELLO');
  await expect(page.getByText('2 of 5 frames match')).toBeVisible();
  await page.getByRole('button', { name: /^Messages/ }).click();
  await expect(page.getByRole('status').filter({ hasText: /messages?$/ })).toHaveText('2 messages');
});

test('the direction override judges masking as that endpoint would', async ({ page }) => {
  await open(page);
  await input(page).fill('81 05 48 65 6c 6c 6f');
  await expect(summary(page)).toContainText('no violations');
  await page.getByRole('combobox', { name: 'Sender' }).selectOption('client-to-server');
  const alert = page.getByRole('alert').filter({ hasText: 'fails the connection' });
  await expect(alert).toContainText('Client frame not masked');
  await expect(alert).toContainText('1002');
});

test('exports frames as JSON and messages as text', async ({ page }) => {
  await open(page);
  await input(page).fill(
    '01 05 48 65 6c 6c 6f 00 04 20 57 6f 72 80 02 6c 64 88 09 03 e8 47 6f 6f 64 62 79 65',
  );
  await expect(summary(page)).toContainText('4 frames · 1 message');
  const [json] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export frames (JSON)' }).click(),
  ]);
  expect(json.suggestedFilename()).toBe('frames.json');
  const parsed = JSON.parse(readFileSync((await json.path())!, 'utf8'));
  expect(parsed.frames.map((f: { opcodeName: string }) => f.opcodeName)).toEqual([
    'text',
    'continuation',
    'continuation',
    'close',
  ]);
  expect(parsed.frames[0].payload).toBe('48656c6c6f');
  expect(parsed.closes[0]).toMatchObject({ code: 1000, reason: 'Goodbye' });
  const [text] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export messages (text)' }).click(),
  ]);
  const body = readFileSync((await text.path())!, 'utf8');
  expect(body).toContain('frames 1, 2, 3');
  expect(body).toContain('Hello World');
});

test('copies one frame’s hex and shares a link that opens the same decode', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await open(page);
  await input(page).fill('81 05 48 65 6c 6c 6f 81 85 12 34 56 78 5a 51 3a 14 7d');
  await frameList(page).getByRole('button').nth(1).click();
  await page.getByRole('button', { name: 'Copy this frame’s hex' }).click();
  await expect(page.getByText('Copied 11 bytes as hex.')).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('81 85 12 34 56 78 5a 51 3a 14 7d');
  await page.getByRole('button', { name: 'Copy link' }).click();
  await expect(page.getByText(/^Link copied \(\d+ characters\)\.$/)).toBeVisible();
  const link = await page.getByLabel('Link', { exact: true }).inputValue();
  expect(link).toMatch(/#\/decoder\?z=1\.[A-Za-z0-9_-]+$/);
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);
  const other = await context.newPage();
  await other.goto(link);
  await expect(summary(other)).toContainText('18 bytes · 2 frames · 2 messages');
});

test('JSON text is pretty-printed and collapsible; binary is shown as hex', async ({ page }) => {
  await open(page);
  const json = '{"user":{"name":"Ada","tags":["x","y"]},"n":1}';
  await input(page).fill(hexOf([...textFrame(json, false), 0x82, 0x03, 0x00, 0x41, 0xff]));
  await page.getByRole('button', { name: /^Messages/ }).click();
  await page.getByRole('group', { name: 'Messages' }).getByRole('button').first().click();
  const tree = page.getByRole('group', { name: 'Data of Message 1' });
  await expect(tree).toContainText('name:');
  await expect(tree).toContainText('"Ada"');
  await tree.getByText('{ 2 keys }').first().click();
  await expect(tree.getByText('"Ada"')).toBeHidden();
  await page.getByRole('button', { name: 'Show raw text' }).click();
  await expect(page.locator('pre', { hasText: json })).toBeVisible();
  await page.getByRole('group', { name: 'Messages' }).getByRole('button').nth(1).click();
  await expect(page.getByRole('group', { name: 'Data of Message 2' }).locator('.b')).toHaveText([
    '00',
    '41',
    'ff',
  ]);
  await expectNoA11yViolations(page);
});

test('bytes after a failure are an explicit span; the workbench passes an axe scan', async ({ page }) => {
  await open(page);
  // Text "Hi", an empty ping, a frame with the reserved control opcode 0xB, then a frame never read.
  await input(page).fill('81 02 48 69 89 00 8b 00 81 01 41');
  await expect(summary(page)).toContainText('fails at byte 6 with 1002');
  await expect(page.getByRole('alert')).toContainText('Reserved opcode');
  await frameList(page).getByText('bytes 8–10').click();
  await expect(page.getByRole('heading', { name: 'Bytes 8–10: not part of any frame' })).toBeVisible();
  await expect(page.getByText('A receiver stops reading when it fails the connection')).toBeVisible();
  await page.getByText('How to read the Decoder').click();
  await expectNoA11yViolations(page);
});

test('permessage-deflate: off fails on RSV1, auto and on inflate and show both sizes', async ({ page }) => {
  await open(page);
  await input(page).fill('c1 07 f2 48 cd c9 c9 07 00 c1 05 f2 00 11 00 00');
  await expect(page.getByRole('alert')).toContainText('Reserved bit set');
  await page.getByRole('combobox', { name: 'permessage-deflate' }).selectOption('auto');
  await expect(summary(page)).toContainText('2 frames · 2 messages');
  await expect(summary(page)).toContainText('permessage-deflate on');
  await page.getByRole('button', { name: /^Messages/ }).click();
  await page.getByRole('group', { name: 'Messages' }).getByRole('button').nth(1).click();
  const message = page.getByRole('article', { name: 'Message 2' });
  await expect(message).toContainText('5 bytes on the wire → 5 bytes inflated');
  await expect(message).toContainText('Hello');
  // Without context takeover the second message cannot be inflated: its window is gone.
  await page.getByLabel('server_no_context_takeover').check();
  await expect(page.getByRole('alert')).toContainText('Compressed data cannot be inflated');
  await expect(summary(page)).toContainText('with 1007');
});

test('a file dropped on the input is decoded as raw bytes', async ({ page }) => {
  await open(page);
  const transfer = await page.evaluateHandle(() => {
    const dt = new DataTransfer();
    dt.items.add(new File([new Uint8Array([0x88, 0x02, 0x03, 0xe9])], 'close.bin'));
    return dt;
  });
  await page.getByRole('region', { name: 'Input' }).dispatchEvent('drop', { dataTransfer: transfer });
  await expect(page.getByText('Loaded close.bin (4 bytes)')).toBeVisible();
  await expect(summary(page)).toContainText('close 1001 Going Away');
});

test('a large paste is read and decoded in the worker; an error in it gives its line', async ({ page }) => {
  test.setTimeout(120_000);
  await open(page);
  const frame = hexOf(textFrame('x'.repeat(120), false));
  const text = Array.from({ length: 2_500 }, () => frame).join('\n');
  expect(text.length).toBeGreaterThan(3 * 256 * 1024);
  // As a paste does: the whole text arrives in one input event.
  const paste = (value: string) =>
    input(page).evaluate((el: HTMLTextAreaElement, v) => {
      el.value = v;
      el.dispatchEvent(new Event('input', { bubbles: true }));
    }, value);
  await paste(text);
  await expect(summary(page)).toContainText('2,500 frames · 2,500 messages', { timeout: 60_000 });
  await paste(`${text}\n8z`);
  await expect(page.getByRole('alert')).toContainText('line 2501');
});

test('a 10 MB paste (30 MB of hex) is decoded without filling the text area', async ({ page }) => {
  test.setTimeout(120_000);
  await open(page);
  await input(page).evaluate((el: HTMLTextAreaElement) => {
    const frame = '81 64 ' + '41 '.repeat(100);
    const dt = new DataTransfer();
    dt.setData('text/plain', frame.repeat(100_000));
    el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
  });
  await expect(input(page)).toHaveAttribute('placeholder', /Pasted 30,600,000 characters/);
  await expect(page.getByRole('progressbar')).toBeVisible();
  await page.getByText('How to read the Decoder').click();
  await expect(page.locator('details.help')).toHaveAttribute('open', '');
  await expect(summary(page)).toContainText('10,200,000 bytes · 100,000 frames', { timeout: 90_000 });
  // Stopping a decode says so.
  await page.getByRole('combobox', { name: 'Sender' }).selectOption('server-to-client');
  await page.getByRole('button', { name: 'Stop' }).click();
  await expect(page.getByText('Decoding stopped.')).toBeVisible();
  await expect(page.getByRole('progressbar')).toHaveCount(0);
});

test('a 100,000-frame decode is shown, rebuilt on the page in slices, and its rows answer clicks and keys', async ({
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
  // The file is built in the page, so Playwright's own transfer of 10 MB is not counted as the page's work.
  await page.evaluate(() => {
    const enc = new TextEncoder();
    const parts: number[] = [];
    for (let i = 0; i < 100_000; i++) {
      const data = enc.encode(`message ${i} `.padEnd(100, '.'));
      parts.push(0x81, 0x80 | data.length, 1, 2, 3, 4, ...data.map((b, j) => b ^ ((j % 4) + 1)));
    }
    const input = document.querySelector<HTMLInputElement>('input[type=file]')!;
    const files = new DataTransfer();
    files.items.add(new File([new Uint8Array(parts)], 'big.bin'));
    input.files = files.files;
  });
  // Building the file is itself a long task: count only what comes after it.
  await page.waitForTimeout(500);
  await page.evaluate(() => {
    (window as unknown as { longTasks: number[] }).longTasks = [];
    document.querySelector('input[type=file]')!.dispatchEvent(new Event('change', { bubbles: true }));
  });
  await expect(summary(page)).toContainText('100,000 frames · 100,000 messages', { timeout: 90_000 });
  await frameList(page).getByRole('button').nth(2).click();
  await expect(page.getByRole('heading', { name: 'Frame 3' })).toBeVisible();
  await frameList(page).getByRole('button').nth(2).press('End');
  await expect(page.getByRole('heading', { name: 'Frame 100000' })).toBeVisible();
  // Long tasks are recorded for whoever reads the report; durations are for benchmarks, not for assertions.
  const tasks = await page.evaluate(() => (window as unknown as { longTasks: number[] }).longTasks);
  test.info().annotations.push({ type: 'long tasks (ms)', description: tasks.join(', ') || 'none' });
});
