import { expect, test } from '@playwright/test';
import { expectNoA11yViolations } from './a11y';

/** Builder protocol templates with a binary payload (issue 12): MQTT 3.1.1 CONNECT and PUBLISH load as hex. */

test('the MQTT PUBLISH template loads a masked binary frame with its hex payload', async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 800 });
  await page.goto('#/builder');
  await expect(page.getByRole('heading', { name: 'Frame Builder', level: 1 })).toBeVisible();
  await page.getByLabel('Start from an example').selectOption('template-mqtt-publish');
  await page.getByRole('button', { name: 'Load', exact: true }).click();
  // MQTT 3.1.1 §3.3: 30 0a 00 03 "a/b" "hello", masked with 37 fa 21 3d (masked bytes computed outside the app).
  await expect(page.locator('#builder-output')).toHaveValue(
    '82 8c 37 fa 21 3d 07 f0 21 3e 56 d5 43 55 52 96 4d 52',
  );
  await expect(
    page.getByRole('group', { name: 'Payload' }).getByRole('radio', { name: 'Hex', exact: true }),
  ).toBeChecked();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  await expectNoA11yViolations(page);
});
