import { expect, test, type Page } from '@playwright/test';
import { expectNoA11yViolations } from './a11y';

/** Live's "Inside the frames" panel (issue 12): the messages of the current connection decoded as they come. */

async function send(page: Page, text: string) {
  await page.getByLabel('Text').check();
  await page.getByLabel('Message', { exact: true }).fill(text);
  await page.getByRole('button', { name: 'Send', exact: true }).click();
}

test('JSON-RPC through the echo server: sniffed, and the echoed response pairs with the request sent', async ({
  page,
}) => {
  await page.goto('./#/live');
  await page.getByLabel('URL', { exact: true }).fill(`ws://${new URL(page.url()).host}/echo`);
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  await expect(page.getByTestId('ready-state')).toHaveText('1 OPEN');
  await send(page, '{"jsonrpc":"2.0","id":7,"method":"ping"}');
  const panel = page.locator('section.protocol');
  await expect(panel.getByRole('status').filter({ hasText: 'JSON-RPC 2.0' })).toBeVisible();
  await send(page, '{"jsonrpc":"2.0","id":7,"result":"pong"}');
  const units = panel.getByRole('group', { name: 'Units' }).getByRole('button');
  await expect(units).toHaveCount(4);
  // The echo of the response (server → client) answers the request the client sent (#1).
  await expect(units.nth(3)).toContainText('response id 7');
  await expect(units.nth(3)).toContainText('↩ #1');
  await units.nth(3).click();
  await expect(panel.getByRole('region', { name: 'Unit 4' })).toContainText('Answers #1 request ping, id 7');
  await expectNoA11yViolations(page, 'section.protocol');
});
