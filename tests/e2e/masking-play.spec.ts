import { expect, test, type Page } from '@playwright/test';

/** Masking: Play at the end starts over from the first bit, and the button never says Pause once all is done. */

async function open(page: Page) {
  await page.goto('#/masking?payload=48656c6c6f&key=12345678');
  await expect(page.getByRole('heading', { name: 'Masking, one bit at a time', level: 1 })).toBeVisible();
}
const progress = (page: Page) => page.getByRole('status').filter({ hasText: /bits done|bytes? done/ });

test('End, then Space: playing starts again from the first byte', async ({ page }) => {
  await open(page);
  await page.locator('h1').click();
  await page.keyboard.press('End');
  await expect(progress(page)).toHaveText(/All 5 bytes done/);
  await expect(page.getByRole('button', { name: '▶ Play' })).toBeVisible();
  await page.keyboard.press('Space');
  await expect(progress(page)).toHaveText(/Byte 0 \(of 5 bytes\)/);
  await expect(page.getByRole('button', { name: 'Pause' })).toBeVisible();
  await expect(progress(page)).toHaveText(/Byte 0 \(of 5 bytes\): [1-8] of 8 bits done/);
  await page.keyboard.press('Space');
  await expect(page.getByRole('button', { name: '▶ Play' })).toBeVisible();
});

test('the End button, then Play: the same restart, and never "Pause" once every byte is done', async ({
  page,
}) => {
  await page.goto('#/masking?payload=48&key=12345678');
  await expect(progress(page)).toBeVisible();
  await page.getByLabel('Speed').selectOption({ label: 'Normal' });
  // Watch every animation frame, in the page, for "Pause" next to "… done".
  await page.evaluate(() => {
    const w = window as unknown as { mismatch: boolean };
    w.mismatch = false;
    const check = () => {
      const button = document.querySelector('.stepper .play')?.textContent ?? '';
      const done = [...document.querySelectorAll('[role=status]')].some((e) =>
        /bytes? done/.test(e.textContent ?? ''),
      );
      if (done && button.includes('Pause')) w.mismatch = true;
      requestAnimationFrame(check);
    };
    check();
  });
  await page.getByRole('button', { name: 'End' }).click();
  await page.getByRole('button', { name: '▶ Play' }).click();
  await expect(page.getByRole('button', { name: 'Pause' })).toBeVisible();
  await expect(progress(page)).toHaveText(/Byte 0 \(of 1 byte\): [1-8] of 8 bits done/);
  await expect(progress(page)).toHaveText(/All 1 bytes? done/, { timeout: 15_000 });
  await expect(page.getByRole('button', { name: '▶ Play' })).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { mismatch: boolean }).mismatch)).toBe(false);
});
