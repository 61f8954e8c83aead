import { expect, test, type Page } from '@playwright/test';
import { expectNoA11yViolations } from './a11y';

/** Presentation mode (?present), the remembered theme switch, keyboard stepping, and axe in every mode. */

const px = (page: Page, selector: string, prop: string) =>
  page
    .locator(selector)
    .first()
    .evaluate((el, p) => parseFloat(getComputedStyle(el).getPropertyValue(p)), prop);

test.use({ viewport: { width: 1280, height: 720 } });

test('?present gives large type and survives moving between views', async ({ page }) => {
  await page.goto('?present#/masking');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('data-present', '');
  expect(await px(page, 'body', 'font-size')).toBeGreaterThanOrEqual(22);
  expect(await px(page, ':focus-visible, :root', 'font-size')).toBeGreaterThanOrEqual(22);
  await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Decoder' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Decoder' })).toBeVisible();
  expect(new URL(page.url()).search).toBe('?present');
  await expect(page.locator('html')).toHaveAttribute('data-present', '');
  expect(await px(page, '.intro', 'font-size')).toBeGreaterThanOrEqual(22);
});

test('the header switch turns presentation mode on and off, and writes it to the URL', async ({ page }) => {
  await page.goto('#/builder');
  const sw = page.getByRole('button', { name: 'Presentation' });
  await expect(sw).toHaveAttribute('aria-pressed', 'false');
  expect(await px(page, 'body', 'font-size')).toBeLessThan(22);
  await sw.click();
  await expect(sw).toHaveAttribute('aria-pressed', 'true');
  expect(new URL(page.url()).search).toBe('?present');
  expect(new URL(page.url()).hash).toMatch(/^#\/builder/);
  expect(await px(page, 'body', 'font-size')).toBeGreaterThanOrEqual(22);
  await sw.click();
  await expect(page.locator('html')).not.toHaveAttribute('data-present');
  expect(new URL(page.url()).search).toBe('');
});

test('Builder in presentation mode: every bit-grid caption is at least 16px', async ({ page }) => {
  await page.goto('?present#/builder');
  const grid = page.getByRole('group', { name: /Header bits of frame 1/ });
  await expect(grid).toBeVisible();
  const sizes = await grid
    .locator('.caption')
    .evaluateAll((els) => els.map((e) => parseFloat(getComputedStyle(e).fontSize)));
  expect(sizes.length).toBeGreaterThan(5);
  for (const s of sizes) expect(s).toBeGreaterThanOrEqual(16);
});

test('Masking steps by keyboard with the step shown large', async ({ page }) => {
  await page.goto('?present#/masking?payload=48656c6c6f&key=12345678');
  const readout = page.locator('.step-readout');
  await expect(readout).toBeVisible();
  expect(await px(page, '.step-readout', 'font-size')).toBeGreaterThanOrEqual(30);
  const before = await readout.textContent();
  await page.keyboard.press('ArrowRight');
  await expect(readout).not.toHaveText(before ?? '');
  await page.keyboard.press('End');
  const atEnd = await readout.textContent();
  await page.keyboard.press('Home');
  await expect(readout).not.toHaveText(atEnd ?? '');
  await expect(readout).toHaveText(before ?? '');
});

test('Handshake steps by keyboard with the step shown large', async ({ page }) => {
  await page.goto('?present#/handshake');
  const readout = page.getByTestId('step-count');
  await expect(readout).toHaveText(/^Step 1 \/ \d+$/);
  expect(await px(page, '[data-testid="step-count"]', 'font-size')).toBeGreaterThanOrEqual(30);
  await page.keyboard.press('ArrowRight');
  await expect(readout).toHaveText(/^Step 2 \/ \d+$/);
  await page.keyboard.press('End');
  const total = (await readout.textContent())!.match(/\/ (\d+)/)![1];
  await expect(readout).toHaveText(`Step ${total} / ${total}`);
  await page.keyboard.press('ArrowLeft');
  await expect(readout).toHaveText(`Step ${Number(total) - 1} / ${total}`);
  await page.keyboard.press('Home');
  await expect(readout).toHaveText(/^Step 1 \//);
});

test('Replay steps by keyboard with the frame shown large', async ({ page }) => {
  await page.goto('?present#/replay');
  await page.getByRole('button', { name: 'Chromium ↔ ws (pcap)' }).click();
  const readout = page.locator('.step-readout');
  await expect(readout).toHaveText(/before the first frame/);
  expect(await px(page, '.step-readout', 'font-size')).toBeGreaterThanOrEqual(30);
  await page.locator('h1').click();
  await page.keyboard.press('ArrowRight');
  await expect(readout).toHaveText(/^frame 1 of (\d+)/);
  await page.keyboard.press('End');
  const n = (await readout.textContent())!.match(/of (\d+)/)![1];
  await expect(readout).toHaveText(new RegExp(`^frame ${n} of ${n}`));
  await page.keyboard.press('Home');
  await expect(readout).toHaveText(/^frame 1 of/);
});

test('the theme switch overrides the system and is remembered after a reload', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto('#/decoder');
  const bg = () => page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
  const lightBg = await bg();
  await page.getByLabel('Colour theme').selectOption('dark');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  expect(await bg()).not.toBe(lightBg);
  const darkBg = await bg();
  await page.reload();
  await expect(page.getByLabel('Colour theme')).toHaveValue('dark');
  expect(await bg()).toBe(darkBg);
  await page.getByLabel('Colour theme').selectOption('system');
  await expect(page.locator('html')).not.toHaveAttribute('data-theme');
  expect(await bg()).toBe(lightBg);
  await page.emulateMedia({ colorScheme: 'dark' });
  expect(await bg()).toBe(darkBg);
});

const views = [
  '',
  'learn',
  'lab',
  'handshake',
  'builder',
  'masking',
  'decoder?hex=818537fa213d7f9f4d5158',
  'replay',
  'live',
];
for (const mode of ['light', 'dark', 'present light', 'present dark'] as const) {
  for (const view of views) {
    test(`no axe violations: ${view.split('?')[0] || 'home'} (${mode})`, async ({ page }) => {
      await page.emulateMedia({
        colorScheme: mode.endsWith('dark') ? 'dark' : 'light',
        reducedMotion: 'reduce',
      });
      await page.goto(`${mode.startsWith('present') ? '?present' : ''}#/${view}`);
      await expect(page.getByRole('heading', { level: 1 }).first()).toBeVisible();
      if (view === 'replay') {
        await page.getByRole('button', { name: 'Chromium ↔ ws (pcap)' }).click();
        await page.getByRole('button', { name: 'Next frame' }).click();
        await expect(page.getByRole('article', { name: 'Frame 1', exact: true })).toBeVisible();
      }
      await expectNoA11yViolations(page);
    });
  }
}
