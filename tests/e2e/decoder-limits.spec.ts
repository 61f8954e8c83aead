import { constants, deflateRawSync } from 'node:zlib';
import { expect, test, type Page } from '@playwright/test';
import { expectNoA11yViolations } from './a11y';

/**
 * The Decoder's message limit (issue 13, bounded memory): shown with its 64 MiB default, adjustable, and a
 * compressed message inflating past it fails with 1009 and says why. The bomb is made by Node's zlib.
 */
function bombHex(size: number): string {
  const d = deflateRawSync(Buffer.alloc(size), { finishFlush: constants.Z_SYNC_FLUSH });
  const p = d.subarray(0, d.length - 4); // RFC 7692 §7.2.1: without the 00 00 ff ff tail
  const n = p.length;
  const head = n < 126 ? [0xc2, n] : [0xc2, 126, n >> 8, n & 0xff];
  return Buffer.from([...head, ...p]).toString('hex');
}

const limit = (page: Page) => page.getByLabel('Largest message (MiB)');

async function openWithBomb(page: Page) {
  // Inflating, failing and (once allowed) showing a 1.5 MiB message is real work on a busy machine.
  test.setTimeout(120_000);
  await page.goto('#/decoder');
  await expect(page.getByRole('heading', { name: 'Decoder', level: 1 })).toBeVisible();
  await page.getByRole('combobox', { name: /^permessage-deflate/ }).selectOption('on');
  await expect(limit(page)).toHaveValue('64');
  await limit(page).fill('1');
  await limit(page).press('Tab');
  await page.getByLabel(/^Bytes: paste hex/).fill(bombHex(1.5 * 1024 * 1024));
}

test('a 1.5 MiB deflate bomb over a 1 MiB limit fails with 1009 and says how to raise the limit', async ({
  page,
}) => {
  await openWithBomb(page);
  const alert = page.getByRole('alert');
  await expect(alert).toHaveAttribute('data-close-code', '1009');
  await expect(alert).toContainText('accepts at most 1048576');
  await expect(alert).toContainText('Largest message (MiB)');
  await expectNoA11yViolations(page);

  await limit(page).fill('2');
  await limit(page).press('Tab');
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expect(page.getByRole('status').filter({ hasText: /bytes · / })).toContainText('1 message');
});

test('the limit and its failure fit a 375 px phone', async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 800 });
  await openWithBomb(page);
  await expect(page.getByRole('alert')).toHaveAttribute('data-close-code', '1009');
  await expect(limit(page)).toBeInViewport();
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
  await expectNoA11yViolations(page);
});

test('a share link of 400,000 “+” (spaces) around a frame opens and decodes (parsing used to be quadratic)', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await page.addInitScript(() => {
    const w = window as unknown as { longTasks: number[] };
    w.longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.longTasks.push(Math.round(e.duration));
    }).observe({ type: 'longtask' });
  });
  const pad = '+'.repeat(200_000);
  await page.goto(`#/decoder?hex=${pad}81+05+48+65+6c+6c+6f${pad}`);
  await expect(page.getByRole('heading', { name: 'Decoder', level: 1 })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: /bytes · / })).toContainText(
    '7 bytes · 1 frame · 1 message',
  );
  await expect(page.getByRole('region', { name: 'Payload' })).toContainText('Hello');
  const tasks = await page.evaluate(() => (window as unknown as { longTasks: number[] }).longTasks);
  test.info().annotations.push({ type: 'long tasks (ms)', description: tasks.join(', ') || 'none' });
});
