import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateRawSync } from 'node:zlib';
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { expectNoA11yViolations } from './a11y';

/**
 * Share links (issue 10): every view's state survives its link (copied, then opened in a fresh page), and broken
 * or hostile links open the view with a message, nothing run and nothing lost. Hostile links are made here with
 * Node's zlib (a second DEFLATE implementation), not with the page's own writer.
 */

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '../fixtures/capture');

/** A link token as Framescope reads it: version, a dot, base64url of raw DEFLATE of the JSON. */
const token = (state: unknown, version = 1) =>
  `${version}.${deflateRawSync(Buffer.from(JSON.stringify(state))).toString('base64url')}`;

const heading = (page: Page, name: string | RegExp) => page.getByRole('heading', { level: 1, name });

/** Press "Copy link": the link from the field, and the length the status reports. */
async function copyLink(page: Page): Promise<{ href: string; length: number }> {
  await page.getByRole('button', { name: 'Copy link' }).click();
  const status = page.getByText(/^Link copied \([\d,]+ characters/);
  await expect(status).toBeVisible();
  const length = Number(
    /\(([\d,]+) characters/.exec((await status.textContent()) ?? '')![1]!.replace(/,/g, ''),
  );
  const href = await page.getByLabel('Link', { exact: true }).inputValue();
  expect(href).toMatch(/\?z=1\.[A-Za-z0-9_-]+$/);
  expect(href.length).toBe(length);
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(href);
  return { href, length };
}

/** Open a link in a fresh page of the same context (nothing carried over but the URL). */
async function reopen(context: BrowserContext, href: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(href);
  return page;
}

test.beforeEach(async ({ context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
});

test('Builder: the sequence and the selected frame come back from the link', async ({ page, context }) => {
  await page.goto('#/builder');
  await expect(heading(page, 'Frame Builder')).toBeVisible();
  await page.getByLabel('Server (must not mask)').check();
  await page.getByRole('button', { name: 'Insert close after' }).click();
  await expect(page.locator('#builder-output')).toHaveValue('81 05 48 65 6c 6c 6f 88 02 03 e8');
  // The address bar follows the state (replaceState: no new history entries).
  await expect(page).toHaveURL(/#\/builder\?z=1\./);
  expect(await page.evaluate(() => history.length)).toBe(2);
  const { href } = await copyLink(page);
  const other = await reopen(context, href);
  await expect(other.locator('#builder-output')).toHaveValue('81 05 48 65 6c 6c 6f 88 02 03 e8');
  await expect(other.getByRole('button', { name: /^2 close/ })).toHaveAttribute('aria-current', 'true');
  await expect(other.getByRole('alert')).toHaveCount(0);
});

/**
 * 1,024 random bytes cannot be compressed, and they are the worst case (text compresses far better). The link
 * carries them as Base64 (1,368 characters of 64 equally likely symbols), which DEFLATE cannot store in fewer
 * than 6 bits a character: 1,026 bytes. Its Huffman tables and a few useless matches add at most 15% and 100
 * bytes (zlib: 1,132 bytes for this JSON), so at most 1,280 bytes, which base64url writes in 1,707 characters;
 * the origin and `#/builder?z=1.` add under 50. A 1 KB payload's link is therefore under 1,800 characters, short
 * enough for a chat message (~2,000). Measured in Chromium 156: about 1,620.
 */
const CHAT_BOUND = 1800;

test('a 1 KB payload’s link is short enough for chat, in the Builder and in the Decoder', async ({
  page,
}) => {
  const payload = randomBytes(1024);
  await page.goto('#/builder');
  await page.getByRole('group', { name: 'Payload' }).getByRole('radio', { name: 'Hex', exact: true }).check();
  await page.getByLabel('Hex bytes').fill(payload.toString('hex'));
  await expect(page.locator('#builder-output')).toHaveValue(/^81 fe 04 00 12 34 56 78 /);
  const builder = await copyLink(page);
  expect(builder.length).toBeLessThan(CHAT_BOUND);

  await page.goto('#/decoder');
  const frame = Buffer.concat([Buffer.from([0x82, 0x7e, 0x04, 0x00]), payload]);
  await page.getByLabel(/^Bytes: paste hex/).fill(frame.toString('hex'));
  await expect(page.getByRole('status').filter({ hasText: /1,028 bytes · 1 frame/ })).toBeVisible();
  const decoder = await copyLink(page);
  expect(decoder.length).toBeLessThan(CHAT_BOUND);
});

test('Decoder: the bytes and the options come back from the link', async ({ page, context }) => {
  await page.goto('#/decoder');
  // RFC 7692 §7.2.3.1: "Hello" compressed, one frame with RSV1.
  await page.getByLabel(/^Bytes: paste hex/).fill('c1 07 f2 48 cd c9 c9 07 00');
  await page.getByLabel('permessage-deflate').selectOption('on');
  await page.getByLabel('Sender').selectOption('server-to-client');
  await page.getByLabel('Largest message (MiB)').fill('3');
  await expect(page.getByRole('status').filter({ hasText: 'permessage-deflate on' })).toBeVisible();
  const { href } = await copyLink(page);
  const other = await reopen(context, href);
  await expect(other.getByLabel('permessage-deflate')).toHaveValue('on');
  await expect(other.getByLabel('Sender')).toHaveValue('server-to-client');
  await expect(other.getByLabel('Largest message (MiB)')).toHaveValue('3');
  await expect(other.getByRole('status').filter({ hasText: '9 bytes · 1 frame · 1 message' })).toBeVisible();
  await expect(other.locator('main')).toContainText('Hello');
});

test('Decoder: “this exact frame” (and a message) come back selected from the link', async ({
  page,
  context,
}) => {
  // RFC 6455 §5.6 examples: "Hel" + "lo" in two frames, then an unmasked ping "Hello".
  await page.goto('#/decoder');
  await page.getByLabel(/^Bytes: paste hex/).fill('01 03 48 65 6c 80 02 6c 6f 89 05 48 65 6c 6c 6f');
  await page.getByRole('group', { name: 'Frames', exact: true }).locator('[data-frame="2"]').click();
  await expect(page.getByRole('heading', { name: 'Frame 3', exact: true })).toBeVisible();
  const frame = await copyLink(page);
  const other = await reopen(context, frame.href);
  await expect(other.getByRole('heading', { name: 'Frame 3', exact: true })).toBeVisible();
  await expect(
    other.getByRole('group', { name: 'Frames', exact: true }).locator('[data-frame="2"]'),
  ).toHaveClass(/selected/);

  await page.getByRole('button', { name: 'Messages (1)' }).click();
  await page.locator('[data-message="0"]').click();
  await expect(page.locator('[data-message="0"]')).toHaveClass(/selected/);
  const message = await copyLink(page);
  const third = await reopen(context, message.href);
  await expect(third.locator('[data-message="0"]')).toHaveClass(/selected/);
  await expect(third.locator('[data-message="0"]')).toContainText('Hello');

  // A link naming a frame the bytes do not have opens on the first frame instead.
  const missing = token({
    bytes: Buffer.from([0x81, 0x02, 0x68, 0x69]).toString('base64'),
    select: { kind: 'frame', index: 7 },
  });
  const fourth = await reopen(context, `#/decoder?z=${missing}`);
  await expect(fourth.getByRole('heading', { name: 'Frame 1', exact: true })).toBeVisible();
  await expect(fourth.getByRole('alert')).toHaveCount(0);
});

test('Masking: payload, key and “byte 3, bit 2” come back from the link', async ({ page, context }) => {
  await page.goto('#/masking');
  await page.getByLabel('Payload as text').fill('Hello');
  await page.getByLabel('Masking key').fill('37 fa 21 3d');
  await page.getByRole('spinbutton', { name: 'Go to byte' }).fill('3');
  await page.getByRole('button', { name: 'Go', exact: true }).click();
  await page.getByRole('button', { name: 'Next bit ›' }).click();
  await page.getByRole('button', { name: 'Next bit ›' }).click();
  await expect(page.locator('.step-readout')).toHaveText('Byte 3 (of 5 bytes): 2 of 8 bits done.');
  const { href } = await copyLink(page);
  const other = await reopen(context, href);
  await expect(other.locator('.step-readout')).toHaveText('Byte 3 (of 5 bytes): 2 of 8 bits done.');
  await expect(other.getByLabel('Masking key')).toHaveValue('37 fa 21 3d');
  // RFC 6455 §5.7: "Hello" masked with 37 fa 21 3d.
  await expect(other.locator('output')).toHaveText('7f 9f 4d 51 58');
});

test('Handshake: the scenario, an edited header and step 4 come back from the link', async ({
  page,
  context,
}) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.goto('#/handshake');
  await page.getByLabel('Scenario').selectOption('wrong-version');
  await page.locator('#hs-host').fill('teacher.example');
  await page.getByRole('button', { name: 'Step ▶' }).click();
  await page.getByRole('button', { name: 'Step ▶' }).click();
  await page.getByRole('button', { name: 'Step ▶' }).click();
  await expect(page.getByTestId('step-count')).toHaveText(/^Step 4 \//);
  const { href } = await copyLink(page);
  const other = await reopen(context, href);
  await expect(other.getByTestId('step-count')).toHaveText(/^Step 4 \//);
  await expect(other.getByLabel('Scenario')).toHaveValue('wrong-version');
  await expect(other.locator('#hs-host')).toHaveValue('teacher.example');
  await expect(other.getByTestId('request-text')).toContainText('Host: teacher.example');
  await expect(other.getByRole('button', { name: '▶ Play' })).toBeVisible();
});

test('Handshake: a pasted handshake comes back, checked', async ({ page, context }) => {
  await page.goto('#/handshake');
  await page.getByRole('tab', { name: 'Paste a captured handshake' }).click();
  await page
    .getByRole('textbox')
    .last()
    .fill(
      'GET /chat HTTP/1.1\r\nHost: a.example\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n' +
        'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n',
    );
  await page.getByRole('button', { name: /^Check/ }).click();
  await expect(page.getByLabel('Scenario')).toHaveValue('pasted');
  const { href } = await copyLink(page);
  const other = await reopen(context, href);
  await expect(other.getByLabel('Scenario')).toHaveValue('pasted');
  await expect(other.getByTestId('request-text')).toContainText('Host: a.example');
});

test('Replay: a bundled sample and “frame 14” come back from the link', async ({ page, context }) => {
  await page.goto('#/replay');
  await page.getByRole('button', { name: 'Chromium ↔ ws (pcap)' }).click();
  await expect(page.getByRole('status').filter({ hasText: '18 of 18 frames' })).toBeVisible();
  // The frame list is virtualized: walk to frame 14 with the player's keys (Home, then → 13 times).
  await page.getByRole('heading', { name: 'Replay', level: 1 }).click();
  await page.keyboard.press('Home');
  for (let i = 0; i < 13; i++) await page.keyboard.press('ArrowRight');
  await expect(page.locator('.now')).toContainText('Frame 14 at');
  const { href } = await copyLink(page);
  const other = await reopen(context, href);
  await expect(other.locator('.now')).toContainText('Frame 14 at');
  await expect(other.getByRole('heading', { name: 'Frame 14', exact: true })).toBeVisible();
});

test('Replay: a small imported capture travels in the link; a large one offers the session file', async ({
  page,
  context,
}) => {
  await page.goto('#/replay');
  const setFile = (name: string) =>
    page.getByLabel(/^Choose a file/).setInputFiles({
      name,
      mimeType: 'application/octet-stream',
      buffer: readFileSync(join(FIXTURES, name)),
    });
  await setFile('chromium-ws-deflate.pcapng');
  await expect(page.getByRole('status').filter({ hasText: /of \d+ frames/ })).toBeVisible();
  await page.getByRole('group', { name: 'Frames', exact: true }).getByRole('button').nth(2).click();
  const { href } = await copyLink(page);
  const other = await reopen(context, href);
  await expect(other.getByRole('status').filter({ hasText: 'chromium-ws-deflate.pcapng' })).toBeVisible();
  await expect(other.locator('.now')).toContainText('Frame 3 at');

  await setFile('chromium-ws-large.pcapng');
  await expect(page.getByText(/^This capture \([\d.,]+ KiB\) is too large for a link/)).toBeVisible();
  await page.getByRole('button', { name: 'Copy link' }).click();
  await expect(page.getByRole('status').filter({ hasText: /too large for a link/ })).toBeVisible();
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download the session file' }).click();
  expect((await download).suggestedFilename()).toBe('chromium-ws-large.framescope.json');
  // The address bar no longer claims the previous capture.
  await expect(page).toHaveURL(/#\/replay$/);
});

test('Live: the set-up comes back, without the tap id or credentials, and nothing connects', async ({
  page,
  context,
}) => {
  await page.goto('#/live');
  await page
    .getByLabel('URL', { exact: true })
    .fill('ws://ada:secret@127.0.0.1:9/echo?tap=abcdef&token=xyz&room=7');
  await page.getByLabel('Subprotocols').fill('chat, superchat');
  await page.getByLabel('Message', { exact: true }).fill('{"hello":"class"}');
  await page.getByRole('radio', { name: 'JSON (checked first)' }).check();
  const { href } = await copyLink(page);
  expect(href).not.toContain('secret');
  const other = await reopen(context, href);
  await expect(other.getByLabel('URL', { exact: true })).toHaveValue('ws://127.0.0.1:9/echo?room=7');
  await expect(other.getByLabel('Subprotocols')).toHaveValue('chat, superchat');
  await expect(other.getByLabel('Message', { exact: true })).toHaveValue('{"hello":"class"}');
  await expect(other.getByRole('radio', { name: 'JSON (checked first)' })).toBeChecked();
  await expect(other.getByTestId('tap-state')).not.toContainText('on');
  expect(
    await other.evaluate(() => performance.getEntriesByType('resource').some((e) => e.name.startsWith('ws'))),
  ).toBe(false);
});

/** Each view, a link to it, and what shows the view's default state is still there and usable. */
const VIEWS = [
  {
    view: 'builder',
    title: 'Frame Builder',
    usable: (p: Page) => expect(p.locator('#builder-output')).toHaveValue('81 85 12 34 56 78 5a 51 3a 14 7d'),
  },
  {
    view: 'masking',
    title: /^Masking/,
    usable: (p: Page) => expect(p.getByLabel('Masking key')).toHaveValue('12 34 56 78'),
  },
  {
    view: 'decoder',
    title: 'Decoder',
    usable: (p: Page) => expect(p.getByLabel(/^Bytes: paste hex/)).toBeEditable(),
  },
  {
    view: 'handshake',
    title: 'The opening handshake',
    usable: (p: Page) => expect(p.getByLabel('Scenario')).toHaveValue('valid'),
  },
  {
    view: 'replay',
    title: 'Replay',
    usable: (p: Page) => expect(p.getByRole('button', { name: 'Chromium ↔ ws (pcap)' })).toBeEnabled(),
  },
  { view: 'live', title: 'Live', usable: (p: Page) => expect(p.getByLabel('Subprotocols')).toHaveValue('') },
] as const;

const HOSTILE: { name: string; z: () => string; says: RegExp }[] = [
  {
    name: '1 MB of junk',
    z: () => '1.' + 'A'.repeat(1_000_000),
    says: /1,000,002 characters long; a Framescope link holds at most/,
  },
  {
    name: 'script text',
    z: () => '1.<script>alert(1)</script>',
    says: /damaged: character 3 is not part of a Framescope link/,
  },
  { name: 'a javascript: URL', z: () => 'javascript:alert(document.domain)', says: /no version tag/ },
  {
    name: 'a wrong version',
    z: () => token({}, 9),
    says: /version 9; this Framescope reads version 1 links/,
  },
  {
    name: 'truncated base64',
    z: () => token({ x: 'y'.repeat(300) + randomBytes(200).toString('hex') }).slice(0, -9),
    says: /cut short/,
  },
  {
    name: 'a deflate bomb',
    z: () => `1.${deflateRawSync(Buffer.alloc(16 << 20, 0x20), { level: 9 }).toString('base64url')}`,
    says: /unpacks to more than 256 KiB/,
  },
  {
    name: 'JSON over the limits',
    z: () =>
      token({
        mode: 'text',
        payload: 'a'.repeat(70_000),
        key: '<img src=x onerror=alert(1)>',
        url: 'x'.repeat(5000),
        f: [],
        bytes: '!',
        preset: 'nope',
        sample: '../x',
      }),
    says: /^The link’s /,
  },
];

for (const v of VIEWS)
  test(`${v.view}: broken and hostile links say why, run nothing and leave the view usable`, async ({
    page,
  }) => {
    test.setTimeout(90_000);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('dialog', (d) => {
      errors.push(`dialog: ${d.message()}`);
      void d.dismiss();
    });
    for (const h of HOSTILE) {
      await page.goto('about:blank');
      await page.goto(`#/${v.view}?z=${h.z()}`);
      await expect(heading(page, v.title)).toBeVisible();
      await expect(page.getByRole('alert').filter({ hasText: h.says }), h.name).toBeVisible();
      await v.usable(page);
      // Still answering: the main thread is free.
      expect(await page.evaluate(() => 1 + 1)).toBe(2);
    }
    await expectNoA11yViolations(page);
    expect(errors).toEqual([]);
  });

test('a Builder link asking for eight frames of 16 MiB is refused before anything is built', async ({
  page,
}) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const state = {
    r: 'c',
    i: 0,
    f: Array.from({ length: 8 }, () => ({ b: 0x82, m: 1, k: '37fa213d', l: 'auto', p: ['n', 1 << 24] })),
  };
  await page.goto(`#/builder?z=${token(state)}`);
  await expect(page.getByRole('alert')).toHaveText(
    'The link asks for 128 MiB of payload in total; a link may ask for at most 16 MiB, so nothing was built. Showing the default frame instead.',
  );
  await expect(page.locator('#builder-output')).toHaveValue('81 85 12 34 56 78 5a 51 3a 14 7d');
  expect(errors).toEqual([]);
});

test('a refused link stays in the address bar until the state changes; a new link on the open view is read', async ({
  page,
}) => {
  await page.goto(`#/masking?z=${token({}, 2)}`);
  await expect(page.getByRole('alert')).toContainText('version 2');
  await expect(page).toHaveURL(/\?z=2\./);
  await page.getByLabel('Masking key').fill('37 fa 21 3d');
  await expect(page).toHaveURL(/\?z=1\./);
  // A link pasted into the address bar while the view is open (a hash change) is read at once.
  await page.evaluate(
    (z) => (location.hash = `#/masking?z=${z}`),
    token({ mode: 'hex', payload: '01 02', key: '00 00 00 00', position: 8 }),
  );
  await expect(page.locator('output')).toHaveText('01 02');
  await expect(page.locator('.step-readout')).toHaveText('Byte 1 (of 2 bytes): 0 of 8 bits done.');
});

test('at 375 px the copied link and a refusal fit the phone’s width', async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 800 });
  const fits = async () =>
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  for (const view of ['builder', 'masking', 'decoder', 'handshake', 'live']) {
    await page.goto(`#/${view}`);
    if (view === 'decoder') await page.getByLabel(/^Bytes: paste hex/).fill('81 05 48 65 6c 6c 6f');
    await page.getByRole('button', { name: 'Copy link' }).click();
    await expect(page.getByLabel('Link', { exact: true })).toBeVisible();
    await fits();
  }
  await page.screenshot({ path: 'test-results/share-link-375.png' });
  await page.goto(`#/masking?z=${token({ mode: 'text', payload: 'a'.repeat(70_000), key: '' })}`);
  await expect(page.getByRole('alert')).toContainText('The link’s payload is 70,000 characters long');
  await fits();
  await expectNoA11yViolations(page);
  await page.screenshot({ path: 'test-results/share-link-refused-375.png' });
});
