import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test, type Page } from '@playwright/test';
import { expectNoA11yViolations } from './a11y';
import { scrollUntilRendered } from './virtual-list';

/** Issue 12, "Pairing and timing": WebSocket ping → pong round trips in the Decoder and in Replay. */

const CAPTURES = join(dirname(fileURLToPath(import.meta.url)), '../fixtures/capture');
const pairing = (page: Page) => page.getByRole('region', { name: 'Ping and pong' });

async function pasteInDecoder(page: Page, hex: string) {
  await page.goto('#/decoder');
  await expect(page.getByRole('heading', { name: 'Decoder', level: 1 })).toBeVisible();
  await page.getByLabel(/^Bytes: paste hex/).fill(hex);
}

test('Decoder: the RFC 6455 §5.7 ping and its masked pong are paired, without latency', async ({ page }) => {
  // RFC 6455 §5.7: unmasked ping "Hello", then the masked pong "Hello".
  await pasteInDecoder(page, '89 05 48 65 6c 6c 6f 8a 85 37 fa 21 3d 7f 9f 4d 51 58');
  const rows = page.getByRole('group', { name: 'Frames' }).getByRole('button');
  await expect(rows.nth(0)).toContainText('→ pong #2');
  await expect(rows.nth(1)).toContainText('↩ ping #1');
  await rows.nth(1).click();
  await expect(pairing(page)).toContainText('Answers ping #1.');
  await expect(pairing(page)).toContainText('no capture times');
  await pairing(page).getByRole('button', { name: 'ping #1' }).click();
  await expect(page.getByRole('heading', { name: 'Frame 1' })).toBeVisible();
  await expect(pairing(page)).toContainText('Answered by pong #2.');
  await expectNoA11yViolations(page);
});

test('Decoder: a pong with different data is flagged; an unsolicited pong and an unanswered ping say so', async ({
  page,
}) => {
  // ping "Hello" (server), masked pong "Hellp" (client: key 00 00 00 00), then an unmasked pong with no ping waiting.
  await pasteInDecoder(page, '89 05 48 65 6c 6c 6f 8a 85 00 00 00 00 48 65 6c 6c 70 8a 00 89 00');
  const rows = page.getByRole('group', { name: 'Frames' }).getByRole('button');
  await expect(rows.nth(1)).toContainText('data differs');
  await rows.nth(1).click();
  await expect(pairing(page).getByRole('note')).toContainText('MUST carry the same Application data');
  await rows.nth(2).click();
  await expect(pairing(page)).toContainText('Unsolicited');
  await rows.nth(3).click();
  await expect(pairing(page)).toContainText('No pong answers this ping');
});

test('Replay: a Chromium capture pairs the server’s ping with Chromium’s pong, with the round-trip time', async ({
  page,
}) => {
  await page.setViewportSize({ width: 375, height: 800 });
  await page.goto('#/replay');
  await page.getByLabel(/^Choose a file/).setInputFiles({
    name: 'chromium-ws-plain.pcap',
    mimeType: 'application/octet-stream',
    buffer: readFileSync(join(CAPTURES, 'chromium-ws-plain.pcap')),
  });
  const rows = page.getByRole('group', { name: 'Frames' }).getByRole('button');
  // tshark on the same file: ping at 0.065722 s, pong at 0.066877 s.
  const pong = rows.filter({ hasText: '↩ ping #' });
  await expect(rows.first()).toBeVisible();
  await scrollUntilRendered(page.getByRole('group', { name: 'Frames', exact: true }), pong);
  await expect(pong).toHaveCount(1);
  await expect(pong).toContainText('1.155 ms');
  await pong.click();
  await expect(pairing(page)).toContainText(/Answers ping #\d+, 1\.155 ms later\./);
  await pairing(page)
    .getByRole('button', { name: /^ping #/ })
    .click();
  await expect(pairing(page)).toContainText(/Answered by pong #\d+, 1\.155 ms later\./);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  await expectNoA11yViolations(page);
});
