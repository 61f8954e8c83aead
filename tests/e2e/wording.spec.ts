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
