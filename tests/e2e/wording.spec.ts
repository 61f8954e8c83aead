import { expect, test } from '@playwright/test';

/** Counts read as English: "1 byte", "1 frame", "byte 2", never "1 bytes" or "bytes 2–2". */

const summary = (page: import('@playwright/test').Page) => page.locator('.toolbar .summary');

test('Decoder summary: one byte, no frames', async ({ page }) => {
  await page.goto('#/decoder?hex=81');
  await expect(summary(page)).toContainText('1 byte · 0 frames · 0 messages');
  await expect(summary(page)).not.toContainText('1 bytes');
});

test('Decoder: one frame, one message, a one-byte payload at byte 2', async ({ page }) => {
  await page.goto('#/decoder?hex=810141');
  await expect(summary(page)).toContainText('3 bytes · 1 frame · 1 message');
  const detail = page.getByRole('article', { name: 'Frame 1', exact: true });
  await expect(detail.getByRole('button', { name: /Payload Data/ })).toContainText('byte 2 ·');
  await expect(detail).not.toContainText('bytes 2–2');
});

test('Replay: the connection count and the frame and message counts', async ({ page }) => {
  await page.goto('#/replay');
  await page.getByRole('button', { name: 'Chromium ↔ ws (pcap)' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'pcap ·' })).toContainText('· 1 connection');
  await expect(page.getByRole('status').filter({ hasText: 'pcap ·' })).not.toContainText('connections');
  await expect(page.getByRole('region', { name: 'Connection' })).toContainText('18 frames, 12 messages');
});

/** The text of a row is cut only where it really runs out of room (no "Hell…" beside free space). */
const clipped = (el: import('@playwright/test').Locator) =>
  el.evaluate((e) => e.scrollWidth > e.clientWidth + 1 || e.scrollHeight > e.clientHeight + 1);

test('Replay list: a summary that fits in two lines is shown whole, not "echo: Hello, se…"', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto('#/replay');
  await page.getByRole('button', { name: 'Chromium ↔ ws (pcap)' }).click();
  const row2 = page.getByRole('group', { name: 'Frames' }).locator('[data-frame="1"] .sum');
  await expect(row2).toHaveText('text: message “echo: Hello, server”');
  expect(await clipped(row2)).toBe(false);
});

test('Decoder list at 375 px: the length and the preview stay in the row, the preview whole', async ({
  page,
}) => {
  await page.setViewportSize({ width: 375, height: 800 });
  await page.goto('#/decoder?hex=81851234567' + '85a513a147d');
  const row = page.getByRole('group', { name: 'Frames', exact: true }).locator('[data-frame="0"]');
  await expect(row.locator('.len')).toHaveText('5 B');
  await expect(row.locator('.pv')).toHaveText('Hello');
  // Inside the row's box, not pushed past its right edge (the row clips what overflows it).
  const inside = await row.evaluate((r) => {
    const box = r.getBoundingClientRect();
    return ['.len', '.pv'].every((s) => {
      const b = r.querySelector(s)!.getBoundingClientRect();
      return b.width > 0 && b.left >= box.left && b.right <= box.right + 0.5;
    });
  });
  expect(inside).toBe(true);
  expect(await clipped(row.locator('.pv'))).toBe(false);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
});

test('Decoder list beside the detail pane (1280 px): "Hello World" on one line of its own, not "H e."', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1280, height: 1000 });
  await page.goto('#/decoder?hex=010548656c6c6f89026869000420576f7280026c64880903e8476f6f64627965');
  await page.getByRole('button', { name: 'Messages (1)' }).click();
  const pv = page.locator('[data-message="0"] .pv');
  await expect(pv).toHaveText('Hello World');
  expect(await clipped(pv)).toBe(false);
  // One line: no taller than its line height (the preview used to be squeezed into a column one letter wide).
  const lines = await pv.evaluate(
    (e) => e.getBoundingClientRect().height / parseFloat(getComputedStyle(e).lineHeight),
  );
  expect(lines).toBeLessThan(1.5);
});

test('Handshake: which SHA-1 backend ran is an implementation note, folded below the steps', async ({
  page,
}) => {
  await page.goto('#/handshake');
  const panel = page.getByTestId('accept-panel');
  await expect(panel.getByRole('heading', { name: 'Sec-WebSocket-Accept, step by step' })).toBeVisible();
  await expect(page.getByTestId('hash-backend')).toBeHidden();
  await panel.getByText('How this page computes SHA-1').click();
  await expect(page.getByTestId('hash-backend')).toBeVisible();
  await expect(page.getByTestId('hash-backend')).toContainText('SHA-1 by WebCrypto');
});
