import { inspect } from 'node:util';
import { expect, test, type Page } from '@playwright/test';
import { WebSocketServer } from 'ws';
import { expectNoA11yViolations } from './a11y';

/**
 * Pastes people make (issue 10): a Node.js Buffer as console.log prints it (made here by Node's own util.inspect),
 * Base64 as Chrome DevTools shows and copies a binary message (taken here from the DevTools protocol of the real
 * Chromium running the test), and an odd digit marked in the text area itself.
 */

const HELLO = Buffer.from([0x81, 0x05, 0x48, 0x65, 0x6c, 0x6c, 0x6f]);
const input = (page: Page) => page.getByLabel(/^Bytes: paste hex/);
const summary = (page: Page) => page.getByRole('status').filter({ hasText: /bytes? · / });

test('a Node.js Buffer as console.log prints it is read, and the format is named', async ({ page }) => {
  await page.goto('#/decoder');
  await input(page).fill(inspect(HELLO)); // "<Buffer 81 05 48 65 6c 6c 6f>"
  await expect(page.getByText('Read as a Node.js Buffer, as console.log prints it.')).toBeVisible();
  await expect(summary(page)).toContainText('7 bytes · 1 frame · 1 message');
  await expect(page.getByRole('region', { name: 'Payload' }).first()).toContainText('Hello');
});

test('a Buffer Node cut short ("... 12 more bytes") is read, and the Decoder says bytes are missing', async ({
  page,
}) => {
  // A 62-byte binary frame: Node prints its first 50 bytes and "... 12 more bytes".
  const frame = Buffer.concat([Buffer.from([0x82, 60]), Buffer.alloc(60, 0x2a)]);
  const printed = inspect(frame);
  expect(printed).toMatch(/\.\.\. 12 more bytes>$/);
  await page.goto('#/decoder');
  await input(page).fill(printed);
  await expect(
    page.getByText(/Node printed only the first bytes of this Buffer: the other 12 bytes/),
  ).toBeVisible();
  await expect(summary(page)).toContainText('50 bytes · 0 frames');
  await expect(page.getByRole('heading', { name: 'Incomplete frame at byte 0' })).toBeVisible();
  await page.setViewportSize({ width: 375, height: 800 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
});

test('Chrome DevTools’ binary message (Base64 on the DevTools protocol, what "Copy message" copies) is read', async ({
  page,
}) => {
  // A real binary message from a ws server to Chromium; DevTools receives its data as Base64, as it shows it.
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
  // The message's data is itself a binary WebSocket frame (82 03 ff 00 fe), as a tunnelling app might send.
  const data = Buffer.from([0x82, 0x03, 0xff, 0x00, 0xfe]);
  wss.on('connection', (ws) => ws.send(data, { binary: true }));
  try {
    await page.goto('#/decoder');
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Network.enable');
    const copied = new Promise<string>((resolve) =>
      cdp.on('Network.webSocketFrameReceived', (e) => resolve(e.response.payloadData)),
    );
    const port = (wss.address() as { port: number }).port;
    await page.evaluate((p) => {
      new WebSocket(`ws://127.0.0.1:${p}/`);
    }, port);
    const base64 = await copied;
    expect(Buffer.from(base64, 'base64')).toEqual(data);
    await input(page).fill(base64);
    await expect(page.getByText(/^Read as Base64, as Chrome DevTools shows a binary message/)).toBeVisible();
    await expect(summary(page)).toContainText('5 bytes · 1 frame · 1 message');
    await expect(page.locator('[data-field="opcode"]')).toContainText('0x2 (binary)');
    await expect(page.getByRole('group', { name: 'Payload of Frame 1' })).toContainText('ff00fe');
    await expectNoA11yViolations(page);
  } finally {
    for (const client of wss.clients) client.terminate();
    await new Promise((resolve) => wss.close(resolve));
  }
});

test('an odd hex digit is marked in the error and selected in the text area itself', async ({ page }) => {
  await page.goto('#/decoder');
  await input(page).fill('81 05\n48 65 6c 6c 6');
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('(line 2, column 13)');
  await expect(alert.locator('mark')).toHaveText('6');
  await expect(alert.locator('code')).toHaveText('48 65 6c 6c 6');
  await alert.getByRole('button', { name: 'Select it in the text' }).click();
  await expect(input(page)).toBeFocused();
  const selection = await input(page).evaluate((t: HTMLTextAreaElement) => [
    t.selectionStart,
    t.selectionEnd,
  ]);
  expect(selection).toEqual([18, 19]);
  // A longer bad token is selected whole.
  await input(page).fill('81 0x485 65');
  await expect(alert.locator('mark')).toHaveText('0x485');
  await alert.getByRole('button', { name: 'Select it in the text' }).click();
  const whole = await input(page).evaluate((t: HTMLTextAreaElement) =>
    t.value.slice(t.selectionStart, t.selectionEnd),
  );
  expect(whole).toBe('0x485');
  await expectNoA11yViolations(page);
});
