import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test, type Page } from '@playwright/test';
import { expectNoA11yViolations } from './a11y';

/** Replay's "Inside the frames" panel (issue 12): real Socket.IO and MQTT captures decoded, paired, linked to bytes. */

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '../fixtures/subprotocol');

async function openCapture(page: Page, path: string) {
  await page.goto('#/replay');
  await page.getByLabel(/^Choose a file/).setInputFiles({
    name: path.split('/').pop()!,
    mimeType: 'application/octet-stream',
    buffer: readFileSync(join(FIXTURES, path)),
  });
  await expect(page.getByRole('heading', { name: 'Inside the frames' })).toBeVisible();
}

const panel = (page: Page) => page.locator('section.protocol');
const units = (page: Page) => panel(page).getByRole('group', { name: 'Units' }).getByRole('button');

test('a Socket.IO capture: events paired with their acks, binary attachments, fields lit from the bytes', async ({
  page,
}) => {
  await openCapture(page, 'socketio/socketio.pcapng');
  await expect(panel(page).getByRole('status').filter({ hasText: 'Socket.IO v4' })).toContainText(
    'the URL looks like',
  );
  const ack = units(page)
    .filter({ hasText: /← ACK 0/ })
    .first();
  await expect(ack).toContainText('↩ #5');
  await ack.click();
  const detail = panel(page).getByRole('region', { name: /^Unit / });
  await expect(detail).toContainText('Answers');
  await detail.getByRole('button', { name: /#5 EVENT "sum", ack 0/ }).click();
  await expect(detail.getByRole('heading', { level: 3 })).toContainText('#5 EVENT');
  await expect(detail).toContainText('Answered by');
  // Hover a byte of the event name: its field lights up.
  const hex = detail
    .getByRole('group', { name: 'Message 5 bytes' })
    .or(detail.locator('[aria-label="Message 5 bytes"]'));
  await hex.locator('[data-i="6"]').first().hover();
  await expect(detail.locator('.field.lit')).toContainText('event name');

  await units(page).filter({ hasText: 'BINARY_EVENT "files"' }).click();
  await expect(detail).toContainText('From messages 13, 14, 15');
  await expect(detail.locator('h4')).toHaveCount(3);

  await panel(page).getByLabel('Type').selectOption('CONNECT_ERROR');
  await expect(units(page)).toHaveCount(1);
  await expect(units(page)).toContainText('not authorized');
  await expectNoA11yViolations(page, 'section.protocol');
});

test('an MQTT 5 capture: one packet spans many WebSocket messages; filter PUBLISH by topic; the picker overrides', async ({
  page,
}) => {
  await openCapture(page, 'mqtt/mqtt5-mosquitto.pcapng');
  await expect(panel(page).getByRole('status').filter({ hasText: 'MQTT' })).toContainText(
    'negotiated Sec-WebSocket-Protocol: mqtt',
  );
  await units(page).filter({ hasText: 'CONNECT client' }).click();
  const detail = panel(page).getByRole('region', { name: /^Unit / });
  await expect(detail).toContainText('From messages 1, 2, 3');
  await expect(detail.getByRole('list', { name: 'Fields' })).toContainText('MQTT-6.0.0-2');
  await detail.getByRole('button', { name: /Client Identifier framescope-5/ }).focus();
  await expect(detail.locator('.field.lit')).toContainText('Client Identifier');

  await panel(page).getByLabel('Type').selectOption('PUBLISH');
  await panel(page).getByLabel('Contains').fill('q2/x');
  await expect(units(page)).toHaveCount(2);
  await units(page).last().click();
  await expect(detail).toContainText('Answered by');

  // Seeing the message in Replay's own panes.
  await detail.getByRole('button', { name: /^\d+$/ }).first().click();
  await expect(page.locator('.now')).toContainText('server → client');

  await panel(page).getByLabel('Protocol').selectOption('jsonrpc');
  await expect(panel(page).getByRole('status').filter({ hasText: 'chosen by hand' })).toBeVisible();
  await expect(units(page).first()).toContainText('binary message');
});

test('a capture with no known protocol says so, and the panel fits a 375 px phone', async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 800 });
  await page.goto('#/replay');
  await page.getByRole('button', { name: 'Chromium ↔ ws (pcap)' }).click();
  await expect(panel(page)).toContainText('No application protocol was recognised');
  await openCapture(page, 'socketio/socketio.pcapng');
  await units(page).first().click();
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  await page.screenshot({ path: 'test-results/protocol-375.png', fullPage: true });
  expect(width).toBeLessThanOrEqual(375);
  await expectNoA11yViolations(page, 'section.protocol');
});
