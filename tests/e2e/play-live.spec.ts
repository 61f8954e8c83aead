import { expect, test, type Page } from '@playwright/test';
import { expectNoA11yViolations } from './a11y';

/** Live against the echo server's scripted conversations (`/echo?play=…`, issue 12). */

async function openLive(page: Page) {
  await page.goto('./#/live');
  await page.getByLabel('URL', { exact: true }).fill(`ws://${new URL(page.url()).host}/echo`);
}

test('?play=jsonrpc: the server greets, a ready client line gets its response, paired', async ({ page }) => {
  await openLive(page);
  await page.getByLabel('Server behaviour').selectOption('play=jsonrpc');
  await expect(page.getByLabel('URL', { exact: true })).toHaveValue(/\/echo\?play=jsonrpc$/);
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  await expect(page.getByTestId('ready-state')).toHaveText('1 OPEN');
  const panel = page.locator('section.protocol');
  const units = panel.getByRole('group', { name: 'Units' }).getByRole('button');
  await expect(units.first()).toContainText('welcome');
  await page.getByLabel('Client line').selectOption({ label: 'request: add(2, 3)' });
  await expect(page.getByLabel('Message', { exact: true })).toHaveValue(
    '{"jsonrpc":"2.0","id":1,"method":"add","params":[2,3]}',
  );
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(units).toHaveCount(3);
  await expect(units.nth(2)).toContainText('response id 1');
  await expect(units.nth(2)).toContainText('↩ #2');
  await expectNoA11yViolations(page);
});

test('?play=mqtt at phone width: subprotocol mqtt negotiated, binary client lines, QoS publishes decoded', async ({
  page,
}) => {
  await page.setViewportSize({ width: 375, height: 800 });
  await openLive(page);
  await page.getByLabel('Server behaviour').selectOption('play=mqtt');
  await expect(page.getByLabel('Subprotocols')).toHaveValue('mqtt');
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  await expect(page.getByTestId('protocol')).toHaveText('mqtt');
  for (const label of ['CONNECT (MQTT 3.1.1, client id "a")', 'SUBSCRIBE demo/# at QoS 2 (id 1)']) {
    await page.getByLabel('Client line').selectOption({ label });
    await expect(page.getByLabel('Binary from hex')).toBeChecked();
    await page.getByRole('button', { name: 'Send', exact: true }).click();
  }
  const units = page.locator('section.protocol').getByRole('group', { name: 'Units' }).getByRole('button');
  await expect(units).toHaveCount(7);
  await expect(units.filter({ hasText: 'PUBLISH' })).toHaveCount(3);
  const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(scrollWidth).toBeLessThanOrEqual(375);
  await page.screenshot({ path: 'test-results/play-mqtt-375.png', fullPage: true });
  await expectNoA11yViolations(page);
});

test('an unknown play is refused by the server and Live says the connection failed', async ({ page }) => {
  await openLive(page);
  const url = page.getByLabel('URL', { exact: true });
  await url.fill(`${await url.inputValue()}?play=nope`);
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  await expect(page.getByTestId('ready-state')).toHaveText('3 CLOSED');
  await expect(page.getByRole('alert').first()).toBeVisible();
});
