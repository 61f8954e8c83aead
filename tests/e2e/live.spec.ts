import { expect, test, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { importCapture } from '../../src/capture';
import { expectNoA11yViolations } from './a11y';

/** The Live view on the dev/preview server, which mounts Framescope's echo and tap server at /echo and /tap. */
async function openLive(page: Page, query = ''): Promise<string> {
  await page.goto('./#/live');
  await expect(page.getByRole('heading', { name: 'Live', level: 1 })).toBeVisible();
  const url = `ws://${new URL(page.url()).host}/echo${query ? `?${query}` : ''}`;
  await page.getByLabel('URL', { exact: true }).fill(url);
  return url;
}

async function connect(page: Page) {
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  await expect(page.getByTestId('ready-state')).toHaveText('1 OPEN');
}

async function send(
  page: Page,
  text: string,
  kind: 'Text' | 'JSON (checked first)' | 'Binary from hex' = 'Text',
) {
  await page.getByLabel(kind).check();
  await page.getByLabel('Message').fill(text);
  await page.getByRole('button', { name: 'Send', exact: true }).click();
}

const log = (page: Page) => page.getByRole('log');
const frames = (page: Page) => page.getByRole('list', { name: 'Frames' }).getByRole('button');

test.describe('Live view against the local server', () => {
  test('connects, echoes text, and shows the real masked frames from the tap', async ({ page }) => {
    await openLive(page);
    await connect(page);
    await expect(page.getByTestId('tap-state')).toHaveText('on: real bytes');
    await send(page, 'hello wire');
    await expect(log(page)).toContainText('message · text · 10 B · hello wire');
    // Chromium compresses: the client's frame is masked and has RSV1; the tap inflates it.
    const client = frames(page).and(page.locator('[data-from="client"][data-source="tap"]')).first();
    await expect(client).toContainText('masked');
    await expect(client).toContainText('“hello wire”');
    await client.click();
    await expect(page.getByRole('article', { name: /Frame 1 \(real, from the tap\)/ })).toContainText(
      'Masking-key',
    );
    await expect(page.getByTestId('tap-request')).toContainText('Sec-WebSocket-Key:');
    await expect(page.getByText('Request, exactly as your browser sent it')).toBeAttached();
    await expect(page.getByTestId('tap-response')).toContainText('HTTP/1.1 101 Switching Protocols');
    await expectNoA11yViolations(page);
  });

  test('permessage-deflate negotiated by Chromium is decoded on the tap', async ({ page }) => {
    await openLive(page);
    await connect(page);
    await expect(page.getByTestId('extensions')).toContainText('permessage-deflate');
    await send(page, 'compress me compress me compress me');
    const server = frames(page).and(page.locator('[data-from="server"]')).first();
    await expect(server).toContainText('RSV1');
    await expect(server).toContainText('“compress me compress me compress me”');
  });

  test('echoes binary from hex, as ArrayBuffer or Blob', async ({ page }) => {
    await openLive(page);
    await connect(page);
    await send(page, '01 02 ff', 'Binary from hex');
    await expect(log(page)).toContainText('binary (ArrayBuffer) · 3 B · 01 02 ff');
    await page.getByLabel('binaryType').selectOption('blob');
    await send(page, 'cafe', 'Binary from hex');
    await expect(log(page)).toContainText('binary (Blob) · 2 B · ca fe');
    await send(page, 'zz', 'Binary from hex');
    await expect(page.getByRole('alert')).toContainText('Not hex');
  });

  test('negotiates a subprotocol and rejects invalid JSON before sending', async ({ page }) => {
    await openLive(page);
    await page.getByLabel('Subprotocols').fill('chat.v2, chat.v1');
    await connect(page);
    await expect(page.getByTestId('protocol')).toHaveText('chat.v2');
    await send(page, '{"a": 1,}', 'JSON (checked first)');
    await expect(page.getByRole('alert')).toContainText('Not valid JSON');
    await send(page, '{"a": 1}', 'JSON (checked first)');
    await expect(log(page)).toContainText('message · text · 8 B · {"a": 1}');
  });

  test('closes from the page with a code, and explains codes the browser refuses', async ({ page }) => {
    await openLive(page);
    await connect(page);
    await page.getByLabel('Code').fill('1001');
    await page.getByRole('button', { name: 'Close', exact: true }).click();
    await expect(page.getByRole('alert')).toContainText('1001 is not allowed from a page');
    await page.getByLabel('Code').fill('4000');
    await page.getByLabel('Reason').fill('é'.repeat(62));
    await page.getByRole('button', { name: 'Close', exact: true }).click();
    await expect(page.getByRole('alert')).toContainText('124 UTF-8 bytes');
    await page.getByLabel('Reason').fill('done');
    await page.getByRole('button', { name: 'Close', exact: true }).click();
    await expect(log(page)).toContainText('CLOSED · code 4000 · reason “done” · wasClean true');
  });

  test('server close (?close=4000) reaches the page with wasClean true', async ({ page }) => {
    await openLive(page, 'close=4000&reason=bye');
    await connect(page);
    await send(page, 'x');
    await expect(log(page)).toContainText('CLOSED · code 4000 · reason “bye” · wasClean true');
    await expect(log(page)).toContainText('server: The server starts the closing handshake with code 4000.');
  });

  test('a protocol error from the server (?bad=rsv1) fails the connection: 1006, not clean', async ({
    page,
  }) => {
    await openLive(page, 'bad=rsv1');
    await connect(page);
    await send(page, 'x');
    await expect(log(page)).toContainText('CLOSED · code 1006 · reason “” · wasClean false');
    // Chromium negotiated permessage-deflate, so the server sets RSV1 on a ping, where it is never allowed.
    await expect(frames(page).filter({ hasText: 'ping · FIN · RSV1' })).toHaveCount(1);
    // Chromium fails the connection with a close frame of its own: 1002 and its reason.
    await expect(frames(page).filter({ hasText: /close · FIN · masked · \d+ B · code 1002/ })).toHaveCount(1);
    await frames(page).filter({ hasText: 'ping · FIN · RSV1' }).click();
    await expect(page.getByRole('article', { name: /real, from the tap/ })).toContainText('RSV1');
  });

  for (const [bad, code] of [
    ['mask', 1002],
    // RFC 6455 §8.1 says 1007; Chromium 156 sends 1002 "Invalid UTF-8 in text frame". The tap shows what it really did.
    ['utf8', 1002],
    ['opcode', 1002],
  ] as const) {
    test(`?bad=${bad}: Chromium fails the connection with ${code}`, async ({ page }) => {
      await openLive(page, `bad=${bad}`);
      await connect(page);
      await send(page, 'x');
      await expect(log(page)).toContainText('CLOSED · code 1006 · reason “” · wasClean false');
      await expect(
        frames(page).filter({
          hasText: new RegExp(`client → server.*close · FIN · masked · \\d+ B · code ${code}`),
        }),
      ).toHaveCount(1);
    });
  }

  test('server pings (?ping=300ms) and the browser’s pongs show on the tap', async ({ page }) => {
    await openLive(page, 'ping=300ms');
    await connect(page);
    await expect(frames(page).filter({ hasText: 'ping · FIN' }).first()).toContainText('“ping 1”');
    await expect(frames(page).filter({ hasText: 'pong · FIN · masked' }).first()).toContainText('“ping 1”');
  });

  test('?fragment=3 arrives as three frames and one message', async ({ page }) => {
    await openLive(page, 'fragment=3&deflate=0');
    await connect(page);
    await send(page, 'abcdefghi');
    await expect(log(page)).toContainText('message · text · 9 B · abcdefghi');
    const server = frames(page).and(page.locator('[data-from="server"]'));
    await expect(server).toHaveCount(3);
    await expect(server.nth(0)).toContainText('text · not FIN · 3 B');
    await expect(server.nth(1)).toContainText('continuation · not FIN · 3 B');
    await expect(server.nth(2)).toContainText('continuation · FIN · 3 B');
  });

  test('?slow=1s delays the echo', async ({ page }) => {
    await openLive(page, 'slow=1s');
    await connect(page);
    await send(page, 'later');
    await expect(log(page)).toContainText('sent · text · 5 B · later');
    await expect(log(page)).not.toContainText('message · text');
    await expect(log(page)).toContainText('message · text · 5 B · later');
  });

  test('without the tap, frames are labelled reconstructed', async ({ page }) => {
    await openLive(page);
    await page.getByLabel(/Show the real bytes/).uncheck();
    await connect(page);
    await send(page, 'rebuilt');
    await expect(frames(page).first()).toContainText('reconstructed');
    await expect(page.getByText(/Reconstructed: the browser hides the real frames/)).toBeVisible();
  });

  test('connection refused is explained, and reconnect backs off', async ({ page }) => {
    await page.goto('./#/live');
    await page.getByLabel('URL', { exact: true }).fill('ws://127.0.0.1:9/echo');
    await page.getByLabel(/Reconnect automatically/).check();
    await page.getByRole('button', { name: 'Connect', exact: true }).click();
    await expect(page.getByRole('alert')).toContainText('failed before it opened');
    await expect(log(page)).toContainText('CLOSED · code 1006');
    // Full jitter: the first retry may come within a few ms and fail at once, so the status may already be
    // counting a later attempt; the log keeps every one.
    await expect(page.getByRole('status').filter({ hasText: /Reconnect attempt \d+/ })).toBeVisible();
    await expect(log(page)).toContainText(/reconnect attempt 1 in \d+ ms \(random under 500 ms\)/);
    await page.getByRole('button', { name: 'Stop reconnecting' }).click();
    await expectNoA11yViolations(page);
  });

  test('bad URLs are explained before connecting', async ({ page }) => {
    await page.goto('./#/live');
    await page.getByLabel('URL', { exact: true }).fill('http://example.com/echo');
    await page.getByRole('button', { name: 'Connect', exact: true }).click();
    await expect(page.getByRole('alert')).toContainText('WebSocket URLs start with ws://');
    await page.getByLabel('URL', { exact: true }).fill('not a url');
    await page.getByRole('button', { name: 'Connect', exact: true }).click();
    await expect(page.getByRole('alert')).toContainText('is not a URL');
  });

  test('exports the recorded session as session JSON that Replay’s importer reads', async ({ page }) => {
    await openLive(page, 'fragment=2');
    await connect(page);
    await send(page, 'recorded message');
    await expect(log(page)).toContainText('message · text · 16 B · recorded message');
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export session JSON' }).click();
    const file = await (await download).path();
    const imported = importCapture('live.json', new Uint8Array(await readFile(file)));
    const conn = imported.connections[0]!;
    expect(conn.request).toContain('Sec-WebSocket-Key:');
    expect(conn.extensions).toContain('permessage-deflate');
    expect(conn.messages.map((m) => [m.direction, m.text, m.frames.length])).toEqual([
      ['client-to-server', 'recorded message', 1],
      ['server-to-client', 'recorded message', 2],
    ]);
  });

  test('hands the recorded session to Replay, which opens it', async ({ page }) => {
    await openLive(page, 'fragment=2');
    await connect(page);
    await send(page, 'hand me over');
    await expect(log(page)).toContainText('message · text · 12 B · hand me over');
    await page.getByRole('button', { name: 'Open in Replay' }).click();
    await expect(page).toHaveURL(/#\/replay\?from=live/);
    await expect(page.getByRole('heading', { name: 'Replay', level: 1 })).toBeVisible();
    // The client's frame and the server's two fragments of the echo.
    await expect(page.getByText('hand me over').first()).toBeVisible();
  });
});
