import { expect, test } from '@playwright/test';
import { expectNoA11yViolations } from './a11y';

/** A crafted Builder link (eight frames of 16 MiB generated payloads) is refused with a reason, with no page error. */
test('a Builder link asking for 128 MiB of payload is refused before anything is built', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const state = JSON.stringify({
    r: 'c',
    i: 0,
    f: Array.from({ length: 8 }, () => ({ b: 0x82, m: 1, k: '37fa213d', l: 'auto', p: ['n', 1 << 24] })),
  });
  await page.goto(`#/builder?s=${encodeURIComponent(state)}`);
  await expect(page.getByRole('alert')).toContainText(
    'The link asks for 128 MiB of payload in total; a link may ask for at most 16 MiB, so nothing was built.',
  );
  await expect(page.getByRole('alert')).toContainText('Showing the default frame instead.');
  await expectNoA11yViolations(page);
  expect(errors).toEqual([]);
});
