import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { expectNoA11yViolations } from './a11y';

/** Decoder: a whole captured packet pasted as a tshark -x dump is recognised, and decoded from its TCP payload. */

const fixture = (path: string) => readFileSync(new URL(`../fixtures/${path}`, import.meta.url), 'utf8');

/** The `tshark -x` dump of packet 9 of python-websockets-plain-sll2.pcap: the server's "echo: first message". */
const ECHO_PACKET = fixture('capture/python-websockets-plain-sll2.tshark-x.txt')
  .split(/\n\s*\n/)
  .find((block) => block.includes('echo: \n') || /echo: *$/m.test(block))!;

async function open(page: Page) {
  await page.goto('#/decoder');
  await expect(page.getByRole('heading', { name: 'Decoder', level: 1 })).toBeVisible();
}

async function paste(page: Page, hex: string) {
  await page.getByLabel(/^Bytes: paste hex/).fill(hex);
}

const notice = (page: Page) => page.getByRole('status').filter({ hasText: 'These bytes start with' });
const summary = (page: Page) => page.getByRole('status').filter({ hasText: /bytes · / });

test('a tshark -x dump of one packet: the notice, then "Decode from byte 72" decodes the frame', async ({
  page,
}) => {
  expect(ECHO_PACKET).toMatch(/^0000 {2}08 00 00 00/);
  await open(page);
  await paste(page, ECHO_PACKET);
  await expect(summary(page)).toContainText('93 bytes');
  // Without the notice, the cooked-capture header is read as a WebSocket frame and fails.
  await expect(page.getByRole('alert')).toContainText('fails the connection at byte 0');
  await expect(notice(page)).toContainText(
    'These bytes start with a Linux cooked capture v2/IPv4/TCP header (72 bytes): the WebSocket data starts at byte 72.',
  );
  await expect(notice(page)).toContainText('127.0.0.1:9204 → 127.0.0.1:33328');
  await expect(notice(page).getByRole('link', { name: 'Replay' })).toHaveAttribute('href', '#/replay');
  await expectNoA11yViolations(page);

  await notice(page).getByRole('button', { name: 'Decode from byte 72' }).click();
  await expect(summary(page)).toContainText('21 bytes · 1 frame · 1 message');
  await expect(summary(page)).toContainText('no violations');
  await expect(page.locator('[data-field="opcode"]')).toContainText('0x1 (text)');
  await expect(page.getByRole('region', { name: 'Payload' })).toContainText('echo: first message');
  await expect(notice(page)).toHaveCount(0);
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expect(page.getByLabel(/^Bytes: paste hex/)).toHaveValue(/^81 13 65 63 68 6f/);
});

test('an Ethernet/IPv4/TCP packet is recognised; WebSocket frames are not', async ({ page }) => {
  await open(page);
  await paste(page, fixture('hex/sample.tshark-x.txt'));
  await expect(notice(page)).toContainText(
    'These bytes start with an Ethernet/IPv4/TCP header (54 bytes): the WebSocket data starts at byte 54.',
  );
  await notice(page).getByRole('button', { name: 'Decode from byte 54' }).click();
  await expect(summary(page)).toContainText('no violations');
  await expect(notice(page)).toHaveCount(0);

  await paste(page, '81 05 48 65 6c 6c 6f');
  await expect(summary(page)).toContainText('7 bytes · 1 frame');
  await expect(notice(page)).toHaveCount(0);
});
