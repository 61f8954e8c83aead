import { expect, test } from '@playwright/test';

/** Views as people first meet them (issue 10): the rough edges a first-time visitor hits. */

test('Builder: after an example is edited, the banner says "Edited from" and the picker no longer claims it', async ({
  page,
}) => {
  await page.goto('#/builder');
  const picker = page.getByLabel('Start from an example');
  await picker.selectOption({ label: 'Empty ping (server → client)' });
  await page.getByRole('button', { name: 'Load', exact: true }).click();
  const note = page.locator('.note[role="status"]');
  await expect(note).toContainText('Empty ping (server → client)');
  await expect(note).toContainText('two bytes');
  await page.getByRole('button', { name: /^RSV1 bit/ }).click();
  await expect(note).toHaveText(/^Edited from: Empty ping \(server → client\)\./);
  await expect(note).not.toContainText('two bytes');
  await expect(picker).toHaveValue('');
  // Loading the example again restores it, and its own note.
  await picker.selectOption({ label: 'Empty ping (server → client)' });
  await page.getByRole('button', { name: 'Load', exact: true }).click();
  await expect(note).toContainText('two bytes');
  await expect(note).not.toContainText('Edited from');
});
