import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, type Page, test } from '@playwright/test';
import { expectNoA11yViolations } from './a11y';

const RFC_ACCEPT = 's3pPLMBiTxaQ9kYGzzhZRbK+xOo=';
const fixtures = join(dirname(fileURLToPath(import.meta.url)), '../fixtures/handshake');

async function open(page: Page, base = '/') {
  await page.goto(`${base}#/handshake`);
  await expect(page.getByTestId('narration')).toContainText('The client writes its opening handshake');
}

const narration = (page: Page) => page.getByTestId('narration');
const stepCount = (page: Page) => page.getByTestId('step-count');

test('plays the RFC example to the end and shows the accept value', async ({ page }) => {
  await open(page);
  await page.getByLabel('Speed').selectOption('4');
  await page.getByRole('button', { name: '▶ Play' }).click();
  await expect(narration(page)).toContainText('The connection is open', { timeout: 20_000 });
  await expect(page.getByTestId('accept-value')).toHaveText(RFC_ACCEPT);
  await expect(page.getByTestId('accept-digest')).toHaveText(
    'b3 7a 4f 2c c0 62 4f 16 90 f6 46 06 cf 38 59 45 b2 be c4 ea',
  );
  await expect(page.getByTestId('response-text')).toContainText(`Sec-WebSocket-Accept: ${RFC_ACCEPT}`);
  await expect(page.getByTestId('hash-backend')).toHaveAttribute('data-backend', 'webcrypto');
  await expect(page.getByRole('button', { name: '↻ Replay' })).toBeVisible();
  await expect(page.getByTestId('client-state')).toHaveText('open');
});

test('steps forward and back with the keyboard and the buttons', async ({ page }) => {
  await open(page);
  await expect(stepCount(page)).toHaveText(/^Step 1 \/ \d+$/);
  await page.keyboard.press('ArrowRight');
  await expect(narration(page)).toContainText('The request travels to the server');
  await page.keyboard.press('ArrowRight');
  await expect(narration(page)).toContainText('The server checks: The request is valid HTTP/1.1 text ✓');
  await expect(page.locator('[data-check="request-syntax"]')).toHaveAttribute('data-status', 'pass');
  await expect(page.locator('[data-check="key"]')).toHaveAttribute('data-status', 'pending');
  await page.keyboard.press('ArrowLeft');
  await expect(stepCount(page)).toHaveText(/^Step 2 \//);
  await expect(page.locator('[data-check="request-syntax"]')).toHaveAttribute('data-status', 'pending');
  await page.getByRole('button', { name: 'Step ▶' }).click();
  await page.getByRole('button', { name: 'Step ▶' }).click();
  await expect(stepCount(page)).toHaveText(/^Step 4 \//);
  await page.getByRole('button', { name: '◀ Back' }).click();
  await expect(stepCount(page)).toHaveText(/^Step 3 \//);
  await page.keyboard.press('End');
  await expect(narration(page)).toContainText('The connection is open');
  await page.keyboard.press('Home');
  await expect(stepCount(page)).toHaveText(/^Step 1 \//);
  // Space plays and pauses.
  await page.keyboard.press('+');
  await expect(page.getByLabel('Speed')).toHaveValue('2');
  await page.keyboard.press(' ');
  await expect(page.getByRole('button', { name: '❚❚ Pause' })).toBeVisible();
  await page.keyboard.press(' ');
  await expect(page.getByRole('button', { name: '▶ Play' })).toBeVisible();
});

test('recomputes when a header is edited', async ({ page }) => {
  await open(page);
  await page.getByLabel('Sec-WebSocket-Key').fill('x3JJHMbDL1EzLkh9GBhXDw==');
  await page.keyboard.press('End');
  // The editor has focus: End moves the caret, so jump with the button.
  await page.getByRole('button', { name: 'Jump to the end' }).click();
  await expect(page.getByTestId('accept-value')).toHaveText('HSmrc0sMlYUkAGmm5OPpG2HaGWk=');
  await expect(page.getByTestId('request-text')).toContainText('Sec-WebSocket-Key: x3JJHMbDL1EzLkh9GBhXDw==');
  await page.getByRole('button', { name: 'New random key' }).click();
  await expect(page.getByTestId('accept-value')).not.toHaveText('HSmrc0sMlYUkAGmm5OPpG2HaGWk=');
});

const PRESETS: { label: string; check: string; outcome: RegExp; response: RegExp }[] = [
  {
    label: 'Wrong Sec-WebSocket-Version',
    check: 'version',
    outcome: /No WebSocket connection/,
    response: /^HTTP\/1.1 426 Upgrade Required/,
  },
  {
    label: 'Missing Upgrade header',
    check: 'request-upgrade',
    outcome: /No WebSocket connection/,
    response: /^HTTP\/1.1 400 Bad Request/,
  },
  {
    label: 'Connection without “Upgrade”',
    check: 'request-connection',
    outcome: /No WebSocket connection/,
    response: /^HTTP\/1.1 400/,
  },
  { label: 'Key not 16 bytes', check: 'key', outcome: /No WebSocket connection/, response: /^HTTP\/1.1 400/ },
  {
    label: 'POST instead of GET',
    check: 'method',
    outcome: /No WebSocket connection/,
    response: /^HTTP\/1.1 400/,
  },
  {
    label: 'Origin the server does not accept',
    check: 'origin-allowed',
    outcome: /No WebSocket connection/,
    response: /^HTTP\/1.1 403 Forbidden/,
  },
  {
    label: 'Wrong Sec-WebSocket-Accept',
    check: 'accept-match',
    outcome: /client fails the WebSocket connection/,
    response: /^HTTP\/1.1 101/,
  },
  {
    label: 'Subprotocol not offered',
    check: 'protocol-offered',
    outcome: /client fails the WebSocket connection/,
    response: /^HTTP\/1.1 101/,
  },
  {
    label: 'Extension not offered',
    check: 'extensions-offered',
    outcome: /client fails the WebSocket connection/,
    response: /^HTTP\/1.1 101/,
  },
];

for (const preset of PRESETS) {
  test(`failure preset: ${preset.label}`, async ({ page }) => {
    await open(page);
    await page.getByLabel('Scenario').selectOption({ label: preset.label });
    await expect(page.getByTestId('preset-description')).not.toBeEmpty();
    await page.getByRole('button', { name: 'Jump to the end' }).click();
    await expect(narration(page)).toContainText(preset.outcome);
    await expect(page.locator(`[data-check="${preset.check}"]`)).toHaveAttribute('data-status', 'fail');
    await expect(page.getByTestId('response-text').locator('.line').first()).toHaveText(preset.response);
    // Step back to the failing check: the narration says where it stopped.
    const failedStep = page.locator(`[data-check="${preset.check}"] .title`);
    const title = (await failedStep.textContent()) ?? '';
    for (let i = 0; i < 40; i++) {
      if ((await narration(page).textContent())?.includes(`${title} ✗`)) break;
      await page.getByRole('button', { name: '◀ Back' }).click();
    }
    await expect(narration(page)).toContainText(`${title} ✗`);
    if (['key', 'accept-match', 'origin-allowed'].includes(preset.check)) await expectNoA11yViolations(page);
  });
}

test('checks a pasted Chromium handshake', async ({ page }) => {
  // Two pages' worth of checks plus an axe scan: on a shared 2-core machine this can pass 30 s.
  test.slow();
  await open(page);
  const request = readFileSync(join(fixtures, 'chromium.request.txt'), 'latin1');
  const response = readFileSync(join(fixtures, 'chromium.response.txt'), 'latin1');
  await page.getByRole('tab', { name: 'Paste a captured handshake' }).click();
  await page
    .getByRole('textbox', { name: 'Paste a captured handshake' })
    .fill((request + response).replace(/\r\n/g, '\n'));
  await page.getByRole('button', { name: 'Check every header' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'pasted request and response' })).toBeVisible();
  await page.getByRole('button', { name: 'Jump to the end' }).click();
  await expect(narration(page)).toContainText('The connection is open');
  await expect(page.getByTestId('request-checks').locator('[data-status="fail"]')).toHaveCount(0);
  await expect(page.getByTestId('response-checks').locator('[data-status="pass"]')).toHaveCount(10);
  await expect(page.getByTestId('request-text')).toContainText('HeadlessChrome');
  await expectNoA11yViolations(page);
});

test('a pasted broken response is checked, not a blank screen', async ({ page }) => {
  await open(page);
  await page.getByRole('tab', { name: 'Paste a captured handshake' }).click();
  await page.getByRole('button', { name: 'Check every header' }).click();
  await expect(page.getByRole('alert')).toContainText('Paste a request or a response first');
  await page
    .getByRole('textbox', { name: 'Paste a captured handshake' })
    .fill(
      'GET /x HTTP/1.1\nHost: a\nUpgrade: websocket\nConnection: Upgrade\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\nSec-WebSocket-Version: 13\n\nHTTP/1.1 101 Switching Protocols\nUpgrade: websocket\nConnection: Upgrade\nSec-WebSocket-Accept: nope\n',
    );
  await page.getByRole('button', { name: 'Check every header' }).click();
  await page.getByRole('button', { name: 'Jump to the end' }).click();
  await expect(narration(page)).toContainText('The client fails the WebSocket connection');
  await expect(page.locator('[data-check="accept-format"]')).toHaveAttribute('data-status', 'fail');
  await expect(page.locator('[data-check="origin"]')).toHaveAttribute('data-status', 'warn');
});

test('falls back to @noble/hashes on a page that is not a secure context', async ({ page, baseURL }) => {
  const port = new URL(baseURL ?? '').port;
  await open(page, `http://framescope.test:${port}/`);
  expect(await page.evaluate(() => [window.isSecureContext, typeof crypto.subtle])).toEqual([
    false,
    'undefined',
  ]);
  await page.getByRole('button', { name: 'Jump to the end' }).click();
  await expect(page.getByTestId('hash-backend')).toHaveAttribute('data-backend', 'noble-hashes');
  await expect(page.getByTestId('hash-backend')).toContainText('not a secure context');
  await expect(page.getByTestId('accept-value')).toHaveText(RFC_ACCEPT);
  await expect(narration(page)).toContainText('The connection is open');
});

test('opens the scenario named in the URL', async ({ page }) => {
  await page.goto('/#/handshake?preset=post');
  await expect(page.getByLabel('Scenario')).toHaveValue('post');
  await expect(page.getByTestId('request-text')).toContainText('POST /chat HTTP/1.1');
  await page.getByLabel('Scenario').selectOption({ label: 'Wrong Sec-WebSocket-Version' });
  // The older `?preset=` link is read and the state is written back as a versioned link.
  await expect(page).toHaveURL(/#\/handshake\?z=1\./);
});

test('respects reduced motion: a preset does not start playing by itself', async ({ page }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await open(page);
  await page.getByLabel('Scenario').selectOption({ label: 'Wrong Sec-WebSocket-Version' });
  await expect(page.getByRole('button', { name: '▶ Play' })).toBeVisible();
  await expect(stepCount(page)).toHaveText(/^Step 1 \//);
});

for (const colorScheme of ['light', 'dark'] as const) {
  test(`has no accessibility violations at the start and at the end (${colorScheme})`, async ({ page }) => {
    // Two axe scans of the full view: on a shared 2-core machine they can pass 30 s together.
    test.slow();
    await page.emulateMedia({ colorScheme });
    await open(page);
    await expectNoA11yViolations(page);
    await page.getByRole('button', { name: 'Jump to the end' }).click();
    await expect(narration(page)).toContainText('The connection is open');
    await expectNoA11yViolations(page);
  });
}
