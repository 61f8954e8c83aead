import { constants, deflateRawSync } from 'node:zlib';
import { expect, test, type Page } from '@playwright/test';
import { expectNoA11yViolations } from './a11y';

/**
 * Replay's message limit (issue 13, bounded memory): a pasted-hex capture holding a compressed message that
 * inflates past "Largest message (MiB)" shows a 1009 on its frame instead of the message. Bomb made by Node's zlib.
 */
function bombFile(size: number): Buffer {
  const d = deflateRawSync(Buffer.alloc(size), { finishFlush: constants.Z_SYNC_FLUSH });
  const p = d.subarray(0, d.length - 4); // RFC 7692 §7.2.1: without the 00 00 ff ff tail
  const n = p.length;
  const head = n < 126 ? [0xc2, n] : [0xc2, 126, n >> 8, n & 0xff];
  return Buffer.from(Buffer.from([...head, ...p]).toString('hex'));
}

const limit = (page: Page) => page.getByLabel('Largest message (MiB)');
const frames = (page: Page) => page.getByRole('group', { name: 'Frames', exact: true });

async function openBomb(page: Page, mib: string) {
  await limit(page).fill(mib);
  await page
    .getByLabel(/^Choose a file/)
    .setInputFiles({ name: 'bomb.txt', mimeType: 'text/plain', buffer: bombFile(1.5 * 1024 * 1024) });
  await expect(page.getByRole('status').filter({ hasText: 'bomb.txt' })).toBeVisible();
}

test('a 1.5 MiB deflate bomb over a 1 MiB limit is a 1009 on its frame; raising the limit decodes it', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await page.goto('#/replay');
  await expect(limit(page)).toHaveValue('64');
  await openBomb(page, '1');
  await expect(frames(page)).toContainText('⚠');
  await page.getByRole('button', { name: 'Next frame' }).click();
  await expect(page.getByText(/accepts at most 1048576/).first()).toBeVisible();
  await expectNoA11yViolations(page);

  await openBomb(page, '2');
  await expect(frames(page).getByRole('button').first()).not.toContainText('⚠');
});

test('the limit fits a 375 px phone', async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 800 });
  await page.goto('#/replay');
  await expect(limit(page)).toBeVisible();
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
  await expectNoA11yViolations(page);
});
