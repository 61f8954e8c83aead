import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { expectNoA11yViolations } from './a11y';

/**
 * Replay, a HAR without WebSocket messages (issue 10): the file is named for what it is and the way to a HAR with
 * messages is given. The HARs were written by chrome-har 1.3.1 and by mitmproxy 8.1.1's har_dump addon (the
 * scripts beside them in tests/fixtures/capture/har-no-messages/).
 */

const file = (name: string) => ({
  name,
  mimeType: 'application/json',
  buffer: readFileSync(new URL(`../fixtures/capture/har-no-messages/${name}`, import.meta.url)),
});

test('chrome-har output: which tool, "2 entries", no WebSocket messages, and how to get them', async ({
  page,
}) => {
  await page.goto('#/replay');
  await page.getByLabel(/^Choose a file/).setInputFiles(file('chrome-har-no-messages.har'));
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('chrome-har-no-messages.har cannot be replayed:');
  await expect(alert).toContainText(
    'this HAR, made by chrome-har 1.3.1, has 2 entries; none of them is a WebSocket connection',
  );
  await expect(alert).toContainText(
    'Network → WS → right-click the connection → “Save all as HAR with content”',
  );
  await expectNoA11yViolations(page);
});

test('mitmproxy’s HAR: "1 entry", the 101 handshake entry, without its messages', async ({ page }) => {
  await page.goto('#/replay');
  await page.getByLabel(/^Choose a file/).setInputFiles(file('mitmproxy-har-dump.har'));
  const alert = page.getByRole('alert');
  await expect(alert).toContainText(
    'made by mitmproxy har_dump 0.1 (mitmproxy version mitmproxy 8.1.1), has 1 entry;',
  );
  await expect(alert).toContainText('(status 101), but the file holds none of its messages');
  await expect(alert).not.toContainText('1 entries');
  await page.setViewportSize({ width: 375, height: 800 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
});
