import { expect, test, type Page } from '@playwright/test';
import { expectNoA11yViolations } from './a11y';

/** Builder review fixes: the close payload kind makes a close frame; the example list names what is shown. */

async function open(page: Page, hash = '#/builder') {
  await page.goto(hash);
  await expect(page.getByRole('heading', { name: 'Frame Builder', level: 1 })).toBeVisible();
}
const output = (page: Page) => page.locator('#builder-output');
const opcode = (page: Page) => page.locator('#builder-opcode');
const violations = (page: Page) => page.getByRole('list', { name: /^Violations of frame/ });

test('choosing "Close code + reason" switches the opcode to close and says so', async ({ page }) => {
  await open(page);
  await expect(opcode(page)).toHaveValue('1');
  await page.getByLabel('Close code + reason').check();
  await expect(opcode(page)).toHaveValue('8');
  await expect(page.getByRole('status').filter({ hasText: 'Opcode set to 0x8 (close)' })).toBeVisible();
  await expect(output(page)).toHaveValue(/^88 82 /);
  // 1005 is then judged as a close code on the wire.
  await page.getByLabel('Status code').fill('1005');
  await expect(violations(page)).toContainText('Close code not allowed on the wire');
  await expectNoA11yViolations(page);
});

test('a frame that is already a close frame keeps its opcode without a note', async ({ page }) => {
  await open(page);
  await opcode(page).selectOption('8');
  await page.getByLabel('Close code + reason').check();
  await expect(opcode(page)).toHaveValue('8');
  await expect(page.getByRole('status').filter({ hasText: 'Opcode set to 0x8' })).toHaveCount(0);
});

test('first load: the example list names no example, since the default frame is none of them', async ({
  page,
}) => {
  await open(page);
  await expect(output(page)).toHaveValue(/^81 85 12 34 56 78/);
  const select = page.getByLabel('Start from an example');
  await expect(select).toHaveValue('');
  await expect(select.locator('option:checked')).toHaveText('Choose an example…');
  await expect(page.getByRole('button', { name: 'Load', exact: true })).toBeDisabled();
  await select.selectOption('seed-unmasked-text');
  await page.getByRole('button', { name: 'Load', exact: true }).click();
  await expect(output(page)).toHaveValue('81 05 48 65 6c 6c 6f');
  await expect(select.locator('option:checked')).toHaveText(/Unmasked text/);
});

test('a preset link shows that preset in the example list', async ({ page }) => {
  await open(page, '#/builder?preset=seed-masked-text');
  await expect(page.getByLabel('Start from an example')).toHaveValue('seed-masked-text');
});
