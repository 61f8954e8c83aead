import { expect, test } from '@playwright/test';
import { expectNoA11yViolations } from './a11y';

/** Decoder hints (issue 10): one statement per fact, and a way out when the only problem is a setting. */

test('RSV1 with permessage-deflate off: said once, and "Decode with permessage-deflate on" inflates it', async ({
  page,
}) => {
  // RFC 7692 §7.2.3.1: "Hello" compressed in one frame, c1 07 f2 48 cd c9 c9 07 00 (RSV1 = 1).
  await page.goto('#/decoder');
  await page.getByLabel(/^Bytes: paste hex/).fill('c1 07 f2 48 cd c9 c9 07 00');
  const banner = page.getByRole('alert');
  await expect(banner).toContainText('RSV1 = 1 but no negotiated extension defines it');
  const frame = page.getByRole('article', { name: 'Frame 1', exact: true });
  await expect(frame.locator('[data-violation="reserved-bit-set"]')).toBeVisible();
  // The explanation does not also call the message compressed: the violation says what RSV1 means here.
  await expect(frame.locator('.explain')).not.toContainText('compressed');
  await expect(frame.getByRole('region', { name: 'Payload' }).getByRole('heading').first()).toHaveText(
    'Payload',
  );
  await expectNoA11yViolations(page);

  await banner.getByRole('button', { name: 'Decode with permessage-deflate on' }).click();
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expect(page.getByLabel('permessage-deflate')).toHaveValue('on');
  await expect(frame.locator('.explain')).toContainText(
    'RSV1 = 1: the message is compressed with permessage-deflate.',
  );
  await expect(frame.getByRole('region', { name: /^Message 1,/ })).toContainText('Hello');
});

test('RSV2 set is not offered permessage-deflate (it defines only RSV1)', async ({ page }) => {
  await page.goto('#/decoder?hex=a10548656c6c6f');
  await expect(page.getByRole('alert')).toContainText('RSV2 = 1');
  await expect(page.getByRole('button', { name: 'Decode with permessage-deflate on' })).toHaveCount(0);
});
