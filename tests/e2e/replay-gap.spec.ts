import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test, type Page } from '@playwright/test';
import { parsePcapng } from '../../src/capture/pcapng';
import { writePcap } from '../unit/capture/helpers';
import { expectNoA11yViolations } from './a11y';
import { scrollUntilRendered } from './virtual-list';

/**
 * Replay after a TCP gap (issue 13): the real Chromium capture whose server echoes a 70,000-byte message that holds
 * WebSocket frames as its data, with one packet in the middle of that message lost. The frames read from the rest
 * of the payload are shown as unconfirmed; the frames after it are trusted again.
 */
const FIXTURE = join(dirname(fileURLToPath(import.meta.url)), '../fixtures/capture/chromium-ws-large.pcapng');
const packets = parsePcapng(new Uint8Array(readFileSync(FIXTURE))).packets;
const lost = Math.floor(packets.length * 0.85);
const damaged = (keep = packets.length) =>
  Buffer.from(
    writePcap(
      packets.filter((_, i) => i !== lost && i < keep),
      { linkType: packets[0]!.linkType },
    ),
  );

const frames = (page: Page) => page.getByRole('group', { name: 'Frames', exact: true });

async function open(page: Page, buffer: Buffer) {
  await page.goto('#/replay');
  await page
    .getByLabel(/^Choose a file/)
    .setInputFiles({ name: 'lost-packet.pcap', mimeType: 'application/octet-stream', buffer });
  await expect(page.getByRole('status').filter({ hasText: '1 connection' })).toBeVisible();
}

test('frames after a gap are marked unconfirmed until a boundary is confirmed; the detail says why', async ({
  page,
}) => {
  await open(page, damaged());
  const info = page.getByRole('region', { name: 'Connection' });
  await expect(info).toContainText('marked unconfirmed');
  await expect(info).toContainText('frames are trusted from stream offset');
  const first = frames(page).locator('button.unconfirmed').first();
  await expect(first).toContainText('unconfirmed');
  await first.click();
  await expect(page.getByText('Unconfirmed: this frame was decoded after a gap')).toBeVisible();
  await page.screenshot({ path: 'reports/replay-gap.png', fullPage: true });
  await expect(page.getByText('unconfirmed (after a gap)')).toBeVisible();
  await expect(page.getByRole('heading', { name: /^Message \d+ \(unconfirmed\)/ })).toBeVisible();
  // The last frames, after the payload, are trusted: no "unconfirmed" on the client's last message.
  await page.keyboard.press('End');
  await expect(frames(page).locator('button.selected')).not.toContainText('unconfirmed');
  await expectNoA11yViolations(page);
});

test('at 375 px the unconfirmed rows and note fit; a capture that ends before any boundary is confirmed says so', async ({
  page,
}) => {
  await page.setViewportSize({ width: 375, height: 800 });
  await open(page, damaged(lost + 4));
  const info = page.getByRole('region', { name: 'Connection' });
  await expect(info).toContainText('no frame boundary could be confirmed');
  await expect(frames(page).getByRole('button').first()).toBeVisible();
  await scrollUntilRendered(frames(page), frames(page).locator('button.unconfirmed'));
  await expect(frames(page).locator('button.unconfirmed').first()).toBeVisible();
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(375);
  await page.screenshot({ path: 'reports/replay-gap-375.png', fullPage: true });
  await expectNoA11yViolations(page);
});
