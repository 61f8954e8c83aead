import { expect, test, type Page } from '@playwright/test';
import { expectNoA11yViolations } from './a11y';

/** Handshake view: WebSockets over HTTP/2 (RFC 8441) and HTTP/3 (RFC 9220), stepped and compared (issue 15). */

const section = (page: Page) => page.getByRole('region', { name: 'Over HTTP/2 and HTTP/3' });
const position = (page: Page) => section(page).getByTestId('wire-position');
const current = (page: Page) => section(page).locator('[data-current-step]');

async function open(page: Page) {
  await page.goto('#/handshake');
  await expect(section(page)).toBeVisible();
}

test('HTTP/2: step by step from SETTINGS to RST_STREAM, with buttons and keys, without moving the HTTP/1.1 animation', async ({
  page,
}) => {
  await open(page);
  const before = await page.getByTestId('step-count').textContent();
  await expect(section(page).getByRole('tab', { name: 'HTTP/2' })).toHaveAttribute('aria-selected', 'true');
  await expect(position(page)).toHaveText('Step 1 of 8');
  await expect(current(page)).toContainText('PRI * HTTP/2.0');

  await section(page).getByRole('button', { name: 'Next ▶' }).click();
  await expect(current(page)).toHaveAttribute('data-current-step', 'h2-settings');
  await expect(current(page)).toContainText('SETTINGS_ENABLE_CONNECT_PROTOCOL (0x8)');
  await expect(current(page)).toContainText('RFC 8441 §3');

  await page.keyboard.press('ArrowRight');
  await expect(current(page)).toHaveAttribute('data-current-step', 'h2-request');
  for (const text of [
    ':method',
    'CONNECT',
    ':protocol',
    'websocket',
    ':scheme',
    ':path',
    ':authority',
    'sec-websocket-version',
    '13',
  ])
    await expect(current(page)).toContainText(text);
  await page.keyboard.press('ArrowRight');
  await expect(current(page)).toContainText(':status');
  await expect(current(page)).toContainText('no 101');
  await page.keyboard.press('ArrowRight');
  await expect(current(page)).toHaveAttribute('data-current-step', 'h2-no-key');
  await expect(current(page)).toContainText('superseded by :protocol');
  await page.keyboard.press('End');
  await expect(position(page)).toHaveText('Step 8 of 8');
  await expect(current(page)).toContainText('END_STREAM');
  await expect(current(page)).toContainText('RST_STREAM');
  await expect(section(page).getByRole('button', { name: 'Next ▶' })).toBeDisabled();
  await page.keyboard.press('Home');
  await expect(position(page)).toHaveText('Step 1 of 8');
  await section(page)
    .getByRole('button', { name: /Many WebSockets share one connection/ })
    .click();
  await expect(current(page)).toContainText('stream 3');

  expect(await page.getByTestId('step-count').textContent()).toBe(before);
});

test('HTTP/3 by keyboard on the tabs: SETTINGS 0x08 on the control stream, QUIC FIN or H3_REQUEST_CANCELLED', async ({
  page,
}) => {
  await open(page);
  await section(page).getByRole('tab', { name: 'HTTP/2' }).focus();
  await page.keyboard.press('ArrowRight');
  const h3 = section(page).getByRole('tab', { name: 'HTTP/3' });
  await expect(h3).toHaveAttribute('aria-selected', 'true');
  await expect(h3).toBeFocused();
  await expect(
    section(page).getByRole('heading', { name: 'WebSockets over HTTP/3 (RFC 9220)' }),
  ).toBeVisible();
  await section(page).getByRole('button', { name: 'Next ▶' }).click();
  await expect(current(page)).toContainText('SETTINGS_ENABLE_CONNECT_PROTOCOL (0x08)');
  await expect(current(page)).toContainText('control stream');
  await page.keyboard.press('End');
  await expect(current(page)).toContainText('H3_REQUEST_CANCELLED');
  await expect(current(page)).toContainText('0x010c');
});

test('side by side: HTTP/1.1, HTTP/2 and HTTP/3 in one table', async ({ page }) => {
  await open(page);
  await section(page).getByRole('tab', { name: 'Side by side' }).click();
  const table = section(page).getByRole('table');
  await expect(table).toContainText('101 Switching Protocols');
  const success = table.getByRole('row', { name: /^Success/ });
  await expect(success.getByRole('cell')).toHaveText([
    '101 Switching Protocols',
    ':status 200',
    ':status 200',
  ]);
  const key = table.getByRole('row', { name: /^Key and Accept/ });
  await expect(key).toContainText('none (superseded by :protocol)');
});

test('at 375 px the walkthrough wraps inside its section; no accessibility violations; reduced motion drops the transition', async ({
  page,
}) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.setViewportSize({ width: 375, height: 800 });
  await open(page);
  await section(page).getByRole('button', { name: 'Next ▶' }).click();
  await section(page).getByRole('button', { name: 'Next ▶' }).click();
  await expect(current(page)).toHaveAttribute('data-current-step', 'h2-request');
  expect(await section(page).evaluate((e) => e.scrollWidth - e.clientWidth)).toBeLessThanOrEqual(0);
  const duration = await section(page)
    .locator('.steps button')
    .first()
    .evaluate((e) => getComputedStyle(e).transitionDuration);
  expect(parseFloat(duration)).toBeLessThan(0.01);
  await section(page).screenshot({ path: 'reports/handshake-http2-375.png' });
  // Scoped to the new section: the whole page's scan is the Handshake suite's (and slow on a loaded machine).
  await expectNoA11yViolations(page, '.over-h2');
});
