import { expect, test } from '@playwright/test';
import { expectNoA11yViolations } from './a11y';

/** The Decoder's "Inside the frames" panel (issue 12): pasted frames decoded as the protocol they carry. */

const panel = (page: import('@playwright/test').Page) => page.locator('section.protocol');
const units = (page: import('@playwright/test').Page) =>
  panel(page).getByRole('group', { name: 'Units' }).getByRole('button');

test('a pasted JSON-RPC response is sniffed; its fields point at their bytes', async ({ page }) => {
  // An unmasked text frame (server → client) carrying {"jsonrpc":"2.0","id":1,"result":19}.
  const json = Buffer.from('{"jsonrpc":"2.0","id":1,"result":19}');
  const hex = `81${json.length.toString(16).padStart(2, '0')}${json.toString('hex')}`;
  await page.goto(`#/decoder?hex=${hex}`);
  await expect(panel(page).getByRole('status').filter({ hasText: 'JSON-RPC 2.0' })).toContainText(
    'the payloads look like',
  );
  await units(page).first().click();
  await expect(panel(page).getByRole('region', { name: 'Unit 1' })).toContainText('response id 1: 19');
  await panel(page)
    .getByRole('button', { name: /^result 19/ })
    .hover();
  await expect(panel(page).locator('.field.lit')).toContainText('message 1, bytes 33–34');
  await expectNoA11yViolations(page, 'section.protocol');
});

test('the picker reads a binary frame as MQTT: two packets in one message', async ({ page }) => {
  // CONNACK (0x20 0x02 0x00 0x00, MQTT 3.1.1 §3.2) and PINGRESP (0xd0 0x00, §3.13) in one binary frame.
  await page.goto('#/decoder?hex=8206200200 00d000'.replace(/ /g, ''));
  await expect(panel(page)).toContainText('No application protocol was recognised');
  await panel(page).getByLabel('Protocol').selectOption('mqtt');
  await expect(units(page)).toHaveCount(2);
  await expect(units(page).first()).toContainText('CONNACK Connection Accepted');
  await expect(units(page).last()).toContainText('PINGRESP');
  await units(page).last().click();
  await expect(panel(page).getByRole('region', { name: 'Unit 2' })).toContainText('From message 1');
});

test('a malformed packet shows the rule it breaks, and the unit is marked in the list', async ({ page }) => {
  // PUBLISH with both QoS bits set (0x36), remaining length 5, topic "t", packet id 1: MQTT-3.3.1-4 forbids QoS 3.
  await page.goto('#/decoder?hex=8207 3605 000174 0001'.replace(/ /g, ''));
  await panel(page).getByLabel('Protocol').selectOption('mqtt');
  await expect(units(page).first()).toContainText('⚠ 1 problem');
  await units(page).first().click();
  await expect(panel(page).getByRole('list', { name: 'Problems' })).toContainText('MQTT-3.3.1-4');
  await expectNoA11yViolations(page, 'section.protocol');
});

test('over 5,000 messages the decoders wait to be asked, then decode', async ({ page }) => {
  // 5,001 unmasked text frames, each a JSON-RPC notification.
  const json = Buffer.from('{"jsonrpc":"2.0","method":"tick"}');
  const frame = Buffer.concat([Buffer.from([0x81, json.length]), json]);
  const buffer = Buffer.concat(Array.from({ length: 5001 }, () => frame));
  await page.goto('#/decoder');
  await page
    .getByLabel(/open a file of raw bytes/)
    .setInputFiles({ name: 'many.bin', mimeType: 'application/octet-stream', buffer });
  await expect(panel(page)).toContainText('5,001 messages: the protocol decoders run on this page', {
    timeout: 60_000,
  });
  await panel(page).getByRole('button', { name: 'Decode them' }).click();
  await expect(panel(page).getByRole('status').filter({ hasText: 'JSON-RPC 2.0' })).toContainText(
    '5,001 units',
  );
});
