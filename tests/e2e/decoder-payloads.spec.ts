import { expect, test, type Page } from '@playwright/test';
import { expectNoA11yViolations } from './a11y';

/**
 * Decoder payloads as people first meet them (issue 10): continuation frames read as their message does, the
 * reassembled (and inflated) message beside every frame of it, the close status code as a field of its own.
 * Every input is a frame from RFC 6455 §5.7 or RFC 7692 §7.2.3, or built from their layout by hand.
 */

async function decode(page: Page, hex: string, hash = '#/decoder') {
  await page.goto(hash);
  await page.getByLabel(/^Bytes: paste hex/).fill(hex);
}

const frames = (page: Page) => page.getByRole('group', { name: 'Frames', exact: true });
const frameDetail = (page: Page, n: number) => page.getByRole('article', { name: `Frame ${n}`, exact: true });

test('continuation frames of a binary message are shown as hex, in the list and the detail', async ({
  page,
}) => {
  // A binary message (opcode 0x2, FIN 0) of 01 02, continued by 80 02 ff fe: not UTF-8, and not meant as text.
  await decode(page, '02 02 01 02 80 02 ff fe');
  await expect(frames(page).getByRole('button').nth(1)).toContainText('ff fe');
  await expect(frames(page).getByRole('button').nth(1)).not.toContainText('\ufffd');
  await frames(page).getByRole('button').nth(1).click();
  const payload = frameDetail(page, 2).getByRole('region', { name: 'Payload' });
  await expect(payload.getByRole('group', { name: 'Payload of Frame 2' })).toContainText('ff');
  await expect(payload).not.toContainText('\ufffd');
  // The message, beside the frame: 4 bytes from 2 frames, as hex.
  const message = payload.getByRole('region', { name: /^Message 1, which frame 2 is part of/ });
  await expect(message).toContainText(
    'Message 1: binary, 4 bytes reassembled from 2 frames, this frame is part 2 of 2',
  );
  await expect(message).toContainText('01');
  await expect(message).toContainText('fe');
});

test('the reassembled message is visible from every frame of it (RFC 6455 §5.7: "Hel" + "lo")', async ({
  page,
}) => {
  await decode(page, '01 03 48 65 6c 80 02 6c 6f');
  for (const n of [1, 2]) {
    await frames(page)
      .getByRole('button')
      .nth(n - 1)
      .click();
    const message = frameDetail(page, n).getByRole('region', { name: /^Message 1,/ });
    await expect(message).toContainText(`this frame is part ${n} of 2`);
    await expect(message).toContainText('Hello');
  }
  await frameDetail(page, 2).getByRole('button', { name: 'Open message 1' }).click();
  await expect(page.getByRole('article', { name: 'Message 1' })).toContainText('Reassembled from 2 frames');
});

test('a single compressed frame shows its inflated text beside the compressed bytes (RFC 7692 §7.2.3.1)', async ({
  page,
}) => {
  await decode(page, 'c1 07 f2 48 cd c9 c9 07 00', '#/decoder?hex=c107f248cdc9c90700&deflate=on');
  const payload = frameDetail(page, 1).getByRole('region', { name: 'Payload' });
  await expect(payload.getByRole('heading', { name: 'Payload (compressed)' })).toBeVisible();
  await expect(payload.getByRole('group', { name: 'Payload of Frame 1' })).toContainText('f2');
  const message = payload.getByRole('region', { name: /^Message 1,/ });
  await expect(message).toContainText('Message 1: text, 5 bytes, inflated from 7 compressed bytes');
  await expect(message).toContainText('Hello');
  await expectNoA11yViolations(page);
});

test('the close frame’s status code is a field of its own, bytes 2–3, with its meaning (RFC 6455 §7.4)', async ({
  page,
}) => {
  // 88 05 03 e8 62 79 65: close, 1000 (0x03e8), reason "bye".
  await decode(page, '88 05 03 e8 62 79 65');
  const code = page.locator('[data-field="closeCode"]');
  await expect(code).toContainText('Status code');
  await expect(code).toContainText('1000');
  await expect(code).toContainText('Normal Closure');
  await expect(code).toContainText('bytes 2–3 · RFC 6455 §7.4');
  await expect(page.locator('[data-field="closeReason"]')).toContainText('“bye”');
  await expect(page.locator('[data-field="closeReason"]')).toContainText('bytes 4–6');
  // Hovering the field lights its two bytes in the dump.
  await code.hover();
  const litHex = page.getByRole('group', { name: 'Bytes of Frame 1' }).locator('.hex .b.lit');
  await expect(litHex).toHaveText(['03', 'e8']);
});

test('an empty payload is "no bytes", never "bytes 2–1"', async ({ page }) => {
  await decode(page, '81 00');
  const payload = page.locator('[data-field="payload"]');
  await expect(payload).toContainText('no bytes (would start at byte 2)');
  await expect(payload).not.toContainText('bytes 2–1');
});
