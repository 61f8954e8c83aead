/**
 * The tap as a security boundary, seen from the Live view: the id the server issued, a second tap refused with its
 * reason, credentials redacted until the page asks, and frames the server dropped shown as a marker. A `ws` client
 * in the test process stands in for "another client" (wscat, a script).
 */
import { expect, test, type Page } from '@playwright/test';
import WebSocket from 'ws';
import { expectNoA11yViolations } from './a11y';

async function openLive(page: Page, query = ''): Promise<string> {
  await page.goto('./#/live');
  await expect(page.getByRole('heading', { name: 'Live', level: 1 })).toBeVisible();
  const url = `ws://${new URL(page.url()).host}/echo${query ? `?${query}` : ''}`;
  await page.getByLabel('URL', { exact: true }).fill(url);
  return url;
}

const frames = (page: Page) => page.getByRole('list', { name: 'Frames' }).getByRole('button');

/** Opens the Watch section and asks the server for a fresh tap id; returns it. */
async function getTapId(page: Page): Promise<string> {
  await page.getByText('Watch another client through the tap').click();
  await page.getByRole('button', { name: 'Get a tap id' }).click();
  await expect(page.getByTestId('tap-state')).toHaveText('on: watching another client');
  return (await page.getByTestId('tap-id').textContent()) ?? '';
}

/** A Node client on the echo, paired with `id`: sends each payload after the previous echo, then closes. */
async function otherClient(url: string, payloads: (Buffer | string)[]): Promise<void> {
  const ws = new WebSocket(url, { perMessageDeflate: false });
  await new Promise((resolve, reject) => (ws.once('open', resolve), ws.once('error', reject)));
  for (const p of payloads) {
    const echoed = new Promise((r) => ws.once('message', r));
    ws.send(p);
    await echoed;
  }
  const closed = new Promise((r) => ws.once('close', r));
  ws.close(1000, 'done');
  await closed;
}

test.describe('Live: the tap’s id, refusals, redaction and dropped frames', () => {
  test('shows the id the server issued, and Replay opened from Live shows no tap id', async ({ page }) => {
    await openLive(page);
    await page.getByRole('button', { name: 'Connect', exact: true }).click();
    await expect(page.getByTestId('ready-state')).toHaveText('1 OPEN');
    const id = (await page.getByTestId('tap-id').textContent()) ?? '';
    expect(id).toMatch(/^[A-Za-z0-9_-]{22}$/);
    await expect(page.getByTestId('tap-request')).toContainText(`GET /echo?tap=${id} HTTP/1.1`);
    await page.getByLabel('Message').fill('hi');
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await expect(frames(page).and(page.locator('[data-from="server"]')).first()).toContainText('hi');
    await page.getByRole('button', { name: 'Open in Replay' }).click();
    await expect(page.getByRole('heading', { name: 'Replay', level: 1 })).toBeVisible();
    expect(page.url()).not.toContain(id);
  });

  test('watches another client by id; a second tap on the same id is refused with the reason', async ({
    page,
    context,
  }) => {
    const url = await openLive(page);
    const id = await getTapId(page);
    await expect(page.getByTestId('watch-url')).toHaveText(`${url}?tap=${id}`);
    await otherClient(`${url}?tap=${id}`, ['from a script']);
    await expect(frames(page).filter({ hasText: '“from a script”' })).toHaveCount(2);

    const second = await context.newPage();
    await openLive(second);
    await second.getByText('Watch another client through the tap').click();
    await second.getByLabel('Or watch an id').fill(id);
    await second.getByRole('button', { name: 'Watch', exact: true }).click();
    await expect(second.getByTestId('tap-refused')).toHaveText(
      'The server refused the tap: another tap already watches this id (close code 4409).',
    );
    await expect(second.getByTestId('tap-state')).toHaveText('refused');

    await second.getByLabel('Or watch an id').fill('AAAAAAAAAAAAAAAAAAAAAA');
    await second.getByRole('button', { name: 'Watch', exact: true }).click();
    await expect(second.getByTestId('tap-refused')).toContainText('unknown tap id');
  });

  test('redacts the cookie and a JWT subprotocol until the page asks to see them', async ({ page }) => {
    await openLive(page);
    await page.evaluate(() => (document.cookie = 'sid=s3cr3t-cookie; path=/'));
    const jwt =
      'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U';
    await page.getByLabel('Subprotocols').fill(`graphql-transport-ws, ${jwt}`);
    await page.getByRole('button', { name: 'Connect', exact: true }).click();
    await expect(page.getByTestId('ready-state')).toHaveText('1 OPEN');
    await expect(page.getByTestId('redaction-notice')).toContainText(
      '2 headers redacted by the tap (Cookie, Sec-WebSocket-Protocol)',
    );
    await expect(page.getByTestId('tap-request')).toContainText('Cookie: [redacted: 17 bytes]');
    await expect(page.getByTestId('tap-request')).not.toContainText('s3cr3t');
    await expect(page.getByTestId('tap-request')).not.toContainText(jwt);
    await expectNoA11yViolations(page);

    await page.getByRole('button', { name: 'show them' }).click();
    await expect(page.getByTestId('tap-request')).toContainText('Cookie: sid=s3cr3t-cookie');
    await expect(page.getByTestId('tap-request')).toContainText(jwt);
    await expect(page.getByText('Credentials shown at your request')).toBeVisible();
  });

  test('frames the server dropped for an id nobody watched show as a marker, at 375 px, with no axe violations', async ({
    page,
  }) => {
    await page.setViewportSize({ width: 375, height: 800 });
    const url = await openLive(page);
    const id = await getTapId(page);
    // Nobody watches the id now: the server holds at most 4 MiB for it and drops the rest.
    await page.getByRole('button', { name: 'Stop watching' }).click();
    await expect(page.getByTestId('tap-state')).toHaveText('off');
    await otherClient(
      `${url}?tap=${id}`,
      Array.from({ length: 8 }, (_, i) => Buffer.alloc(512 * 1024, i)),
    );
    await page.getByLabel('Or watch an id').fill(id);
    await page.getByRole('button', { name: 'Watch', exact: true }).click();
    const marker = page.getByTestId('dropped-marker');
    await expect(marker).toHaveCount(1);
    await expect(marker).toContainText(/⋯ \d+ frames \([\d,]+ bytes\) not shown/);
    await expect(marker).toContainText('nobody watched the tap');
    const shown = await frames(page).count();
    const dropped = Number(/(\d+) frames/.exec((await marker.textContent()) ?? '')![1]);
    // 8 messages each way and both close frames: every one is shown or counted.
    expect(shown + dropped).toBe(18);
    const scroll = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(scroll).toBeLessThanOrEqual(375);
    await expectNoA11yViolations(page);
  });
});

test('npm run preview (and dev) send nosniff and frame-ancestors: another site cannot frame the app', async ({
  page,
}) => {
  const res = await page.request.get('./');
  expect(res.headers()['x-content-type-options']).toBe('nosniff');
  expect(res.headers()['content-security-policy']).toBe("frame-ancestors 'self'");
  const port = new URL(res.url()).port;
  // framescope.test maps to the same loopback server: another origin, so the browser refuses to frame the app.
  await page.goto(`http://framescope.test:${port}/`);
  await page.setContent(`<iframe src="http://127.0.0.1:${port}/#/live" title="framed"></iframe>`);
  await expect.poll(() => page.frames()[1]?.url()).toBe('chrome-error://chromewebdata/');
  // The app's own origin may frame it ('self').
  await page.goto(`http://127.0.0.1:${port}/`);
  await page.setContent(`<iframe src="http://127.0.0.1:${port}/#/live" title="framed"></iframe>`);
  await expect.poll(() => page.frames()[1]?.url()).toBe(`http://127.0.0.1:${port}/#/live`);
});

test('a page from an origin the server does not accept gets 403 on the tap and the echo, and Live explains it', async ({
  page,
}) => {
  const port = new URL(await page.request.get('./').then((r) => r.url())).port;
  // framescope.test is a host name, not loopback or an IP address: the server wants it listed (DNS rebinding).
  const origin = `http://framescope.test:${port}`;
  const status = await new Promise<string>((resolve) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/echo`, { origin });
    ws.once('open', () => (ws.close(), resolve('open')));
    ws.once('error', (err) => resolve(err.message));
  });
  expect(status).toBe('Unexpected server response: 403');

  await page.goto(`${origin}/#/live`);
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  await expect(page.getByTestId('tap-state')).toHaveText('no tap: frames reconstructed');
  await expect(page.getByRole('alert')).toContainText('the server refused this page’s Origin (403');
  await expect(page.getByRole('alert')).toContainText('FRAMESCOPE_ALLOW_ORIGINS');
});
