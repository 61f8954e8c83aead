import { expect, test } from '@playwright/test';

/** Views as people first meet them (issue 10): the rough edges a first-time visitor hits. */

test('Builder: after an example is edited, the banner says "Edited from" and the picker no longer claims it', async ({
  page,
}) => {
  await page.goto('#/builder');
  const picker = page.getByLabel('Start from an example');
  await picker.selectOption({ label: 'Empty ping (server → client)' });
  await page.getByRole('button', { name: 'Load', exact: true }).click();
  const note = page.locator('.note[role="status"]');
  await expect(note).toContainText('Empty ping (server → client)');
  await expect(note).toContainText('two bytes');
  await page.getByRole('button', { name: /^RSV1 bit/ }).click();
  await expect(note).toHaveText(/^Edited from: Empty ping \(server → client\)\./);
  await expect(note).not.toContainText('two bytes');
  await expect(picker).toHaveValue('');
  // Loading the example again restores it, and its own note.
  await picker.selectOption({ label: 'Empty ping (server → client)' });
  await page.getByRole('button', { name: 'Load', exact: true }).click();
  await expect(note).toContainText('two bytes');
  await expect(note).not.toContainText('Edited from');
});

const rfcRequest = [
  'GET /chat HTTP/1.1',
  'Host: server.example.com',
  'Upgrade: websocket',
  'Connection: Upgrade',
  'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==',
  'Origin: http://example.com',
  'Sec-WebSocket-Version: 13',
  '',
  '',
].join('\r\n');

test('Handshake, pasted: the verdict shows at once, in view, and the scenario reads "Pasted"', async ({
  page,
}) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.goto('#/handshake');
  await page.getByRole('tab', { name: 'Paste a captured handshake' }).click();
  await expect(page.locator('#hs-preset')).toHaveValue('valid');
  await page.locator('#hs-paste').fill(rfcRequest);
  await page.getByRole('button', { name: 'Check every header' }).click();
  const verdict = page.getByTestId('paste-verdict');
  await expect(verdict).toContainText('This handshake passes');
  await expect(verdict).toBeInViewport();
  await expect(page.locator('#hs-preset')).toHaveValue('pasted');
  await expect(page.locator('#hs-preset option:checked')).toHaveText('Pasted');

  // RFC 6455 §4.2.1: the key must decode to 16 bytes; "c2hvcnQ=" is "short", 5 bytes.
  await page.locator('#hs-paste').fill(rfcRequest.replace('dGhlIHNhbXBsZSBub25jZQ==', 'c2hvcnQ='));
  await page.getByRole('button', { name: 'Check every header' }).click();
  await expect(verdict).toContainText('This handshake fails');
  await expect(verdict).toContainText('Sec-WebSocket-Key');
  await expect(verdict).toContainText('RFC 6455 §4.2.1');
  await expect(verdict).toBeInViewport();

  // Back to the editor: the scenario list is the scenarios again, and the verdict goes.
  await page.getByRole('button', { name: 'Back to the editor' }).click();
  await expect(verdict).toHaveCount(0);
  await expect(page.locator('#hs-preset')).toHaveValue('valid');
});

test('Decoder: a cut-off frame whose 64-bit length has its top bit set is titled as failing, not incomplete', async ({
  page,
}) => {
  // RFC 6455 §5.2: "the most significant bit MUST be 0" in the 64-bit length; here it is 1 (2^63), and the input
  // ends after the header, so a receiver fails at once instead of waiting for 2^63 bytes.
  await page.goto('#/decoder?hex=827f8000000000000000');
  await expect(page.getByRole('heading', { name: 'Frame at byte 0: fails before its end' })).toBeVisible();
  await expect(page.getByText(/without waiting for the rest/)).toBeVisible();
  await expect(page.getByText('A receiver would wait for them')).toHaveCount(0);
  await expect(page.getByRole('heading', { name: /Incomplete frame/ })).toHaveCount(0);
  // A frame that is merely cut short is still incomplete.
  await page.goto('#/decoder?hex=810548');
  await expect(page.getByRole('heading', { name: 'Incomplete frame at byte 0' })).toBeVisible();
  await expect(page.getByText('A receiver would wait for them', { exact: false })).toBeVisible();
});

test('Handshake: the closing sentence names the failed check in quotes, never "…was offered failed"', async ({
  page,
}) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.goto('#/handshake?preset=unoffered-protocol');
  await page.getByRole('button', { name: 'Jump to the end' }).click();
  const narration = page.getByTestId('narration');
  await expect(narration).toContainText(
    'The check “The chosen subprotocol was offered” failed, so the client closes',
  );
  await expect(narration).not.toContainText('was offered failed');
});
