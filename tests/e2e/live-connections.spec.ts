import { expect, test, type Page } from '@playwright/test';
import { expectNoA11yViolations } from './a11y';

/** Live: the "On the wire" list heads each connection's frames with its number and URL. */

async function connect(page: Page) {
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  await expect(page.getByTestId('ready-state')).toHaveText('1 OPEN');
}
async function sendAndClose(page: Page, text: string) {
  await page.getByLabel('Message').fill(text);
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(page.getByRole('log')).toContainText(text);
  await page.getByRole('button', { name: 'Close', exact: true }).click();
  await expect(page.getByTestId('ready-state')).toHaveText('3 CLOSED');
}

test('frames of two connections are separated by a heading per connection', async ({ page }) => {
  await page.goto('./#/live');
  await expect(page.getByRole('heading', { name: 'Live', level: 1 })).toBeVisible();
  const url = `ws://${new URL(page.url()).host}/echo`;
  await page.getByLabel('URL', { exact: true }).fill(url);
  await connect(page);
  await sendAndClose(page, 'first connection');
  await connect(page);
  await sendAndClose(page, 'second connection');

  const list = page.getByRole('list', { name: 'Frames' });
  const headings = list.getByRole('heading');
  await expect(headings).toHaveText([`Connection 1 · ${url}`, `Connection 2 · ${url}`]);
  // Each heading comes right before its connection's frames: the first frame after heading 2 is the second send.
  const items = list.locator('> li');
  const texts = await items.allTextContents();
  const second = texts.findIndex((t) => t.startsWith('Connection 2'));
  expect(second).toBeGreaterThan(1);
  expect(texts.slice(1, second).join('\n')).toContain('first connection');
  expect(texts.slice(second + 1).join('\n')).toContain('second connection');
  expect(texts.slice(second + 1).join('\n')).not.toContain('first connection');
  await expectNoA11yViolations(page);
});
