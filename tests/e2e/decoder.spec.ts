import { expect, test, type Page } from '@playwright/test';
import { expectNoA11yViolations } from './a11y';

/** Decoder, first version (issue 2 §5): the seed's examples, a broken stream, bad input, the deep link. */

async function open(page: Page, hash = '#/decoder') {
  await page.goto(hash);
  await expect(page.getByRole('heading', { name: 'Decoder', level: 1 })).toBeVisible();
}

async function paste(page: Page, hex: string) {
  await page.getByLabel(/^Bytes: paste hex/).fill(hex);
}

const summary = (page: Page) => page.getByRole('status').filter({ hasText: /bytes · / });
const detail = (page: Page) => page.getByRole('article').first();
const field = (page: Page, name: string) => page.locator(`[data-field="${name}"]`);

test('a text frame: fields, payload and message', async ({ page }) => {
  await open(page);
  await paste(page, '81 05 48 65 6c 6c 6f');
  await expect(summary(page)).toContainText('7 bytes · 1 frame · 1 message');
  await expect(summary(page)).toContainText('no violations');
  await expect(detail(page).getByRole('heading', { name: 'Frame 1' })).toBeVisible();
  await expect(detail(page)).toContainText('server → client');
  await expect(field(page, 'fin')).toContainText('1');
  await expect(field(page, 'opcode')).toContainText('0x1 (text)');
  await expect(field(page, 'mask')).toContainText('0');
  await expect(field(page, 'payloadLength')).toContainText('5');
  await expect(page.getByRole('region', { name: 'Payload' })).toContainText('Hello');
  await expectNoA11yViolations(page);
});

test('the masked frame: key 12 34 56 78 unmasks to “Hello”, sent by the client', async ({ page }) => {
  await open(page);
  await paste(page, '81 85 12 34 56 78 5a 51 3a 14 7d');
  await expect(summary(page)).toContainText('11 bytes · 1 frame · 1 message');
  await expect(detail(page)).toContainText('client → server');
  await expect(field(page, 'mask')).toContainText('1');
  await expect(field(page, 'maskingKey')).toContainText('12 34 56 78');
  await expect(page.getByRole('region', { name: 'Payload' })).toContainText('Unmasked payload');
  await expect(page.getByRole('region', { name: 'Payload' })).toContainText('Hello');
  await expect(detail(page)).toContainText('XORed with the key 12 34 56 78');
});

test('three fragments are reassembled into “Hello World”', async ({ page }) => {
  await open(page);
  await paste(page, '01 05 48 65 6c 6c 6f 00 04 20 57 6f 72 80 02 6c 64');
  await expect(summary(page)).toContainText('3 frames · 1 message');
  const frames = page.getByRole('group', { name: 'Frames', exact: true });
  await expect(frames.getByRole('button')).toHaveCount(3);
  await expect(frames.getByRole('button').nth(0)).toContainText('text (FIN 0)');
  await expect(frames.getByRole('button').nth(1)).toContainText('continuation (FIN 0)');
  await expect(frames.getByRole('button').nth(2)).toContainText('continuation');
  await page.getByRole('button', { name: /^Messages/ }).click();
  const row = page.getByRole('group', { name: 'Messages' }).getByRole('button').first();
  await expect(row).toContainText('Hello World');
  await expect(row).toContainText('frames 1, 2, 3');
  await row.click();
  await expect(page.getByRole('article', { name: 'Message 1' })).toContainText('Reassembled from 3 frames');
  await expect(page.getByRole('article', { name: 'Message 1' })).toContainText('Hello World');
  await page.getByRole('article', { name: 'Message 1' }).getByRole('button', { name: 'frame 2' }).click();
  await expect(page.getByRole('heading', { name: 'Frame 2' })).toBeVisible();
});

test('a close frame: code, name and reason', async ({ page }) => {
  await open(page);
  await paste(page, '88 09 03 e8 47 6f 6f 64 62 79 65');
  await expect(summary(page)).toContainText('close 1000 Normal Closure');
  const payload = page.getByRole('region', { name: 'Payload' });
  await expect(payload).toContainText('1000');
  await expect(payload).toContainText('Normal Closure');
  await expect(payload).toContainText('“Goodbye”');
});

test('a broken stream stops at the byte of the violation, with its close code and explanation', async ({
  page,
}) => {
  await open(page);
  await paste(page, '81 05 48 65 6c 6c 6f a1 02 48 69 81 02 48 69');
  const alert = page.getByRole('alert').filter({ hasText: 'fails the connection' });
  await expect(alert).toContainText('at byte 7 (0x7)');
  await expect(alert).toContainText('Reserved bit set');
  await expect(alert).toContainText('RSV2 = 1');
  await expect(alert).toContainText('1002');
  await expect(summary(page)).toContainText('fails at byte 7 with 1002');
  // The failing frame is shown, with the violation at its first byte and the catalogue's explanation.
  await expect(page.getByRole('heading', { name: 'Frame 2' })).toBeVisible();
  const v = page.locator('[data-violation="reserved-bit-set"]');
  await expect(v).toContainText('at byte 7');
  await expect(v).toContainText('unless an extension negotiated in the handshake');
  await expect(page.locator('.b.mark')).toHaveText('a1');
  // What follows is accounted for as not part of any frame.
  await expect(page.getByRole('group', { name: 'Frames', exact: true })).toContainText('bytes 11–14');
  await expectNoA11yViolations(page);
});

test('bad input gives a clear message with line and column, then recovers', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await open(page);
  await paste(page, '81 05\n48 6g');
  await expect(page.getByRole('alert')).toContainText('These bytes cannot be read');
  await expect(page.getByRole('alert')).toContainText('line 2');
  await paste(page, '81 5');
  await expect(page.getByRole('alert')).toContainText('hex digit');
  await paste(page, '81 05 48');
  await expect(summary(page)).toContainText('ends inside a frame');
  await expect(page.getByRole('heading', { name: 'Incomplete frame at byte 0' })).toBeVisible();
  await expect(page.getByText('at least 4 more bytes would be needed')).toBeVisible();
  await paste(page, '81 05 48 65 6c 6c 6f');
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expect(summary(page)).toContainText('no violations');
  expect(errors).toEqual([]);
});

test('a deep link opens the Decoder with its bytes', async ({ page }) => {
  await open(page, '#/decoder?hex=8105' + '48656c6c6f');
  await expect(page.getByLabel(/^Bytes: paste hex/)).toHaveValue('81 05 48 65 6c 6c 6f');
  await expect(summary(page)).toContainText('1 frame · 1 message');
});

test('the example buttons fill in the seed’s examples', async ({ page }) => {
  await open(page);
  await page.getByRole('button', { name: 'Three fragments' }).click();
  await expect(page.getByLabel(/^Bytes: paste hex/)).toHaveValue(
    '01 05 48 65 6c 6c 6f 00 04 20 57 6f 72 80 02 6c 64',
  );
  await expect(summary(page)).toContainText('3 frames · 1 message');
});

test('a frame breaking the same rule twice (RSV2 and RSV3 set) lists both violations', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('./#/decoder?hex=b000');
  await expect(page.getByText('RSV2 = 1 but no negotiated extension defines it').first()).toBeVisible();
  await expect(page.getByText('RSV3 = 1 but no negotiated extension defines it').first()).toBeVisible();
  expect(errors).toEqual([]);
});
