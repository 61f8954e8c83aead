import { expect, test, type Page } from '@playwright/test';
import { expectNoA11yViolations } from './a11y';

/** Masking stepper (issue 4): the seed's masked "Hello" step by step, unmasking, errors, big payloads. */

async function open(page: Page, hash = '#/masking?payload=48656c6c6f&key=12345678') {
  await page.goto(hash);
  await expect(page.getByRole('heading', { name: 'Masking, one bit at a time', level: 1 })).toBeVisible();
}

const progress = (page: Page) => page.getByRole('status').filter({ hasText: /bits done|bytes done/ });
const row = (page: Page, i: number) =>
  page.getByRole('row').filter({ has: page.getByRole('button', { name: `Go to byte ${i}`, exact: true }) });
const xor = (page: Page) => page.locator('.xor');

test('stepping bit by bit through the seed’s masked "Hello"', async ({ page }) => {
  await open(page);
  await expect(page.locator('output')).toHaveText('5a 51 3a 14 7d');
  await expect(progress(page)).toHaveText(/Byte 0 \(of 5 bytes\): 0 of 8 bits done/);
  await expect(row(page, 0)).toContainText('12 00010010');
  await expect(row(page, 0)).toContainText('48 01001000');
  for (let i = 0; i < 4; i++) await page.getByRole('button', { name: 'Next bit ›' }).click();
  await expect(progress(page)).toHaveText(/0 \(of 5 bytes\): 4 of 8 bits done/);
  await expect(xor(page)).toContainText('Bit 3: 0 ⊕ 1 = 1 (different bits give 1)');
  await page.getByRole('button', { name: 'Next byte »' }).click();
  await expect(row(page, 0)).toContainText('5a 01011010');
  await expect(xor(page)).toContainText('Byte 1: key byte 1 (because 1 mod 4 = 1)');
  await page.getByRole('button', { name: 'Next byte »' }).click();
  await page.getByRole('button', { name: 'Next byte »' }).click();
  await page.getByRole('button', { name: 'Next byte »' }).click();
  // Byte 4 wraps around to key byte 0.
  await expect(xor(page)).toContainText('Byte 4: key byte 0 (because 4 mod 4 = 0)');
  await expect(row(page, 3)).toContainText('14 00010100');
  await page.getByRole('button', { name: 'End' }).click();
  await expect(progress(page)).toHaveText(/All 5 bytes done/);
  await expect(row(page, 4)).toContainText('7d 01111101');
});

test('keyboard: arrows step, Shift steps bytes, Space plays to the end', async ({ page }) => {
  await open(page);
  await page.locator('body').click({ position: { x: 5, y: 400 } });
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect(progress(page)).toHaveText(/2 of 8 bits done/);
  await page.keyboard.press('Shift+ArrowRight');
  await expect(progress(page)).toHaveText(/Byte 1 \(of 5 bytes\): 0 of 8/);
  await page.keyboard.press('ArrowLeft');
  await expect(progress(page)).toHaveText(/Byte 0 \(of 5 bytes\): 7 of 8/);
  await page.getByLabel('Speed').selectOption({ label: 'Fast' });
  await page.locator('body').click({ position: { x: 5, y: 400 } });
  await page.keyboard.press('Space');
  await expect(page.getByRole('button', { name: 'Pause' })).toBeVisible();
  await expect(progress(page)).toHaveText(/All 5 bytes done/, { timeout: 15_000 });
  await expect(page.getByRole('button', { name: '▶ Play' })).toBeVisible();
});

test('unmasking is the same XOR with the same key', async ({ page }) => {
  await open(page, '#/masking');
  await expect(page.getByLabel('Payload as text')).toHaveValue('Hello');
  await page.getByRole('button', { name: 'Unmask it: XOR the result with the same key' }).click();
  await expect(page.getByLabel('Payload as hex bytes')).toHaveValue('5a 51 3a 14 7d');
  await expect(page.getByRole('heading', { name: /^Unmasked \(original\) payload/ })).toBeVisible();
  await expect(page.locator('output')).toHaveText('48 65 6c 6c 6f');
  await expect(page.getByRole('columnheader', { name: 'original byte' })).toBeVisible();
});

test('typed text and the RFC 6455 §5.7 key', async ({ page }) => {
  await open(page, '#/masking');
  await page.getByLabel('Payload as text').fill('Hello');
  await page.getByLabel('Masking key').fill('37 fa 21 3d');
  await expect(page.locator('output')).toHaveText('7f 9f 4d 51 58');
});

test('bad key and bad hex are explained, never a blank screen', async ({ page }) => {
  await open(page);
  await page.getByLabel('Masking key').fill('12 34');
  await expect(page.getByRole('alert')).toContainText('4 bytes are needed, this is 2');
  await page.getByLabel('Masking key').fill('zz');
  await expect(page.getByRole('alert')).toContainText('"z" is not a hex digit');
  await page.getByLabel('Masking key').fill('12345678');
  await page.getByLabel('Payload as hex bytes').fill('4');
  await expect(page.getByRole('alert')).toContainText('"4" has 1 hex digit');
  await page.getByLabel('Payload as hex bytes').fill('');
  await expect(page.getByText('The payload is empty')).toBeVisible();
});

test('a 20,000-byte payload shows a window of rows and the whole result', async ({ page }) => {
  const hex = Array.from({ length: 20_000 }, (_, i) => (i & 0xff).toString(16).padStart(2, '0')).join('');
  await open(page, `#/masking?payload=${hex}&key=12345678`);
  await expect(page.locator('table.rows tbody tr')).toHaveCount(16);
  await page.getByRole('spinbutton', { name: 'Go to byte' }).fill('19999');
  await page.getByRole('button', { name: 'Go', exact: true }).click();
  await expect(progress(page)).toHaveText(/Byte 19,999 \(of 20,000 bytes\)/);
  await expect(page.getByRole('table').filter({ hasText: 'Bytes 19984–19999 of 20,000' })).toBeVisible();
  // 19999 = 0x4e1f: payload byte 0x1f, key byte 19999 mod 4 = 3 → 0x78; 0x1f ⊕ 0x78 = 0x67.
  await page.getByRole('button', { name: 'End' }).click();
  await expect(row(page, 19999)).toContainText('67 01100111');
  await expect(page.locator('output')).toContainText('(20,000 bytes in all)');
});

test('reduced motion: playing moves a byte at a time', async ({ page }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await open(page);
  await expect(progress(page)).toContainText('Reduced motion');
  await page.getByRole('button', { name: '▶ Play' }).click();
  await expect(progress(page)).toHaveText(/All 5 bytes done/, { timeout: 10_000 });
});

test('accessibility scan', async ({ page }) => {
  await open(page);
  await page.getByRole('button', { name: 'Next bit ›' }).click();
  await expectNoA11yViolations(page);
});
