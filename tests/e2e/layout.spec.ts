import { expect, test, type Locator, type Page } from '@playwright/test';

/** Layout: no view scrolls sideways, and no card or pane sticks out of its column, at common widths. */

async function expectNoSidewaysScroll(page: Page) {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
  }));
  expect(scrollWidth, `page is ${scrollWidth}px wide in a ${innerWidth}px window`).toBeLessThanOrEqual(
    innerWidth,
  );
}

async function expectInside(inner: Locator, outer: Locator) {
  const a = await inner.boundingBox();
  const b = await outer.boundingBox();
  if (!a || !b) throw new Error('element not rendered');
  expect(a.x + a.width, 'right edge').toBeLessThanOrEqual(b.x + b.width + 0.5);
  expect(a.x, 'left edge').toBeGreaterThanOrEqual(b.x - 0.5);
}

for (const width of [375, 800, 1024, 1280]) {
  test(`Live at ${width}px: the Connection and Send cards hold their inputs`, async ({ page }) => {
    await page.setViewportSize({ width, height: 900 });
    await page.goto('#/live');
    const connection = page.getByRole('region', { name: 'Connection' });
    await expect(connection).toBeVisible();
    await expectInside(page.locator('#live-script'), connection);
    const send = page.getByRole('region', { name: 'Send' });
    await expectInside(page.locator('#live-close-code'), send);
    await expectInside(page.locator('#live-close-reason'), send);
    await expectNoSidewaysScroll(page);
  });
}

// Below 800px the field tree itself is wider than a phone screen: not covered here yet.
for (const width of [800, 1024, 1280, 1920]) {
  test(`Decoder at ${width}px: the frame detail stays in its column`, async ({ page }) => {
    await page.setViewportSize({ width, height: 800 });
    await page.goto('#/decoder?hex=818537fa213d7f9f4d5158');
    const detail = page.getByRole('article', { name: 'Frame 1', exact: true });
    await expect(detail).toBeVisible();
    await expectInside(detail, page.locator('.workspace'));
    await expectNoSidewaysScroll(page);
  });

  test(`Replay at ${width}px: the detail pane stays under the sequence diagram`, async ({ page }) => {
    await page.setViewportSize({ width, height: 1000 });
    await page.goto('#/replay');
    await page.getByRole('button', { name: 'Chromium ↔ ws (pcap)' }).click();
    await page.getByRole('button', { name: 'Next frame' }).click();
    const detail = page.getByRole('article', { name: 'Frame 1', exact: true });
    await expect(detail).toBeVisible();
    await expectInside(detail, page.locator('.diagram'));
    await expectNoSidewaysScroll(page);
  });
}
