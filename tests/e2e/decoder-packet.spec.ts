import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { expectNoA11yViolations } from './a11y';

/**
 * Decoder: whole captured packets pasted (one packet's hex, or a tshark -x dump of one or many) are decoded from
 * their WebSocket data by default, with a switch back to byte 0. Expected values are tshark's (see
 * tests/fixtures/capture/*.packet-headers.tsv and *.tshark-fields.tsv, made by the scripts beside them).
 */

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

const notice = (page: Page) => page.getByRole('status', { name: 'Captured packets' });
const summary = (page: Page) => page.getByRole('status').filter({ hasText: /bytes? · / });

test('one packet from tshark -x: decoded from its WebSocket data at once, with a switch to byte 0 and back', async ({
  page,
}) => {
  expect(ECHO_PACKET).toMatch(/^0000 {2}08 00 00 00/);
  await open(page);
  await paste(page, ECHO_PACKET);
  // tshark: 93 bytes, 21 of them TCP data after a 72-byte header.
  await expect(notice(page)).toContainText(
    'These bytes are a whole captured packet: a Linux cooked capture v2/IPv4/TCP header (72 bytes), then the WebSocket data from byte 72.',
  );
  await expect(notice(page)).toContainText('127.0.0.1:9204 → 127.0.0.1:33328');
  await expect(summary(page)).toContainText('21 bytes · 1 frame · 1 message');
  await expect(summary(page)).toContainText('no violations');
  await expect(page.locator('[data-field="opcode"]')).toContainText('0x1 (text)');
  await expect(page.getByRole('region', { name: 'Payload' }).first()).toContainText('echo: first message');
  await expect(page.getByRole('alert')).toHaveCount(0);
  // The pasted text stays as pasted.
  await expect(page.getByLabel(/^Bytes: paste hex/)).toHaveValue(ECHO_PACKET);
  await expect(notice(page).getByRole('link', { name: 'Replay' })).toHaveAttribute('href', '#/replay');
  await expectNoA11yViolations(page);

  await notice(page).getByRole('button', { name: 'Decode from byte 0 instead' }).click();
  await expect(summary(page)).toContainText('93 bytes');
  await expect(page.getByRole('alert')).toContainText('fails the connection at byte 0');
  await expect(notice(page)).toContainText('Showing every byte from byte 0, as pasted');

  await notice(page).getByRole('button', { name: 'Decode the WebSocket data (from byte 72)' }).click();
  await expect(summary(page)).toContainText('21 bytes · 1 frame · 1 message');
  await expect(page.getByRole('alert')).toHaveCount(0);
});

test('an Ethernet/IPv4/TCP packet as plain hex is recognised; WebSocket frames are not', async ({ page }) => {
  await open(page);
  await paste(page, fixture('hex/sample.tshark-x.txt'));
  await expect(notice(page)).toContainText(
    'an Ethernet/IPv4/TCP header (54 bytes), then the WebSocket data from byte 54.',
  );
  await expect(summary(page)).toContainText('no violations');

  await paste(page, '81 05 48 65 6c 6c 6f');
  await expect(summary(page)).toContainText('7 bytes · 1 frame');
  await expect(notice(page)).toHaveCount(0);
});

test('a packet with tshark’s "Unmasked data" and "Decompressed payload" sections: named, not called padding', async ({
  page,
}) => {
  // The first WebSocket packet of chromium-ws-deflate.pcapng (its handshake is not in this one packet).
  const block = fixture('capture/chromium-ws-deflate.tshark-x.txt')
    .split(/\n\s*\n/)
    .find((b) => b.includes('Unmasked data ('))!;
  await open(page);
  await paste(page, block);
  await expect(notice(page)).toContainText('tshark also printed 2 sections that are not packets');
  await expect(notice(page)).toContainText('“Unmasked data” (1×): tshark’s unmasked copy');
  await expect(notice(page)).toContainText('“Decompressed payload” (1×): tshark’s inflated copy');
  await expect(notice(page)).not.toContainText('padding');
  // tshark: a masked text frame with RSV1 and a 15-byte payload (2 + 4 + 15 = 21 bytes of TCP data).
  await expect(summary(page)).toContainText('21 bytes · 1 frame');
  // Without the handshake, permessage-deflate is off: RSV1 fails, and the Decoder offers to turn it on.
  await page.getByRole('button', { name: 'Decode with permessage-deflate on' }).click();
  await expect(page.getByRole('region', { name: /^Message 1,/ })).toContainText('Hello, server');
});

test('a multi-packet tshark -x dump decodes every packet’s frames, with permessage-deflate from its handshake', async ({
  page,
}) => {
  const dump = fixture('capture/chromium-ws-deflate.tshark-x.txt');
  const frames = fixture('capture/chromium-ws-deflate.pcapng.tshark-fields.tsv')
    .trim()
    .split('\n')
    .reduce((n, row) => n + (row.split('\t')[2] as string).split(',').length, 0);
  const packets = fixture('capture/chromium-ws-deflate.pcapng.packet-headers.tsv').trim().split('\n').length;
  await open(page);
  await paste(page, dump);
  await expect(notice(page)).toContainText(`These bytes are ${packets} captured packets`);
  await expect(notice(page)).toContainText(`found ${frames} WebSocket frames`);
  await expect(notice(page)).toContainText('after its opening handshake');
  await expect(page.getByLabel('permessage-deflate')).toHaveValue('on');
  await expect(summary(page)).toContainText(`· ${frames} frames ·`);
  await expect(summary(page)).toContainText('no violations');
  await page.getByRole('button', { name: /^Messages/ }).click();
  await expect(page.getByRole('group', { name: 'Messages' }).getByRole('button').first()).toContainText(
    'Hello, server',
  );
  await expectNoA11yViolations(page);
});
