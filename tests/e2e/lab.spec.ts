import { expect, test, type Page } from '@playwright/test';
import { readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { format } from 'prettier';
import { LAB_CASES } from '../../src/content/lab/cases';
import { diffRuns, parseLabFile, type LabFile } from '../../src/views/Lab/lab-results';
import { expectNoA11yViolations } from './a11y';

/**
 * The Lab in real Chromium against the preview server's echo: the whole run is compared with the committed table, so
 * a change in Chromium's behaviour fails here with a readable list of the cases that changed.
 * `UPDATE_LAB=1 npx playwright test tests/e2e/lab.spec.ts` records the committed table instead; the page bundles that
 * table, so build again before the next comparison.
 */
const COMMITTED_PATH = new URL('../../src/content/lab/chromium-156.json', import.meta.url);

async function openLab(page: Page) {
  await page.goto('./#/lab');
  await expect(page.getByRole('heading', { name: 'Lab', level: 1 })).toBeVisible();
}

async function committed(): Promise<LabFile> {
  const file = parseLabFile(await readFile(COMMITTED_PATH, 'utf8'));
  if ('error' in file) throw new Error(file.error);
  return file;
}

test.describe('Lab', () => {
  test('runs every case in Chromium; the results match the committed table', async ({ page, browser }) => {
    test.setTimeout(300_000);
    await openLab(page);
    await expect(page.getByTestId('lab-server-state')).toContainText('Framescope’s server answers', {
      timeout: 30_000,
    });
    await page.getByRole('button', { name: /^Run all \d+ cases$/ }).click();
    await expect(page.getByTestId('lab-status')).toHaveText(`Ran all ${LAB_CASES.length} cases.`, {
      timeout: 240_000,
    });
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export JSON' }).click();
    const recorded = parseLabFile(await readFile((await (await download).path())!, 'utf8'));
    if ('error' in recorded) throw new Error(recorded.error);
    expect(recorded.results.map((r) => r.id)).toEqual(LAB_CASES.map((c) => c.id));
    expect(recorded.results.filter((r) => r.timedOut).map((r) => r.id)).toEqual([]);

    // Playwright replaces navigator.userAgent with its own Chrome's: name the browser from the browser itself.
    recorded.browser = `Chromium ${browser.version()}`;
    recorded.userAgent = '';
    if (process.env.UPDATE_LAB) {
      await writeFile(COMMITTED_PATH, await format(JSON.stringify(recorded), { parser: 'json' }));
      return;
    }
    const before = await committed();
    const changes = diffRuns(before, recorded);
    expect(
      changes,
      `Chromium ${browser.version()} reacts differently from the committed ${before.browser} table in ` +
        `${changes.length} case(s):\n${changes.join('\n')}\n(UPDATE_LAB=1 re-records it.)`,
    ).toEqual([]);
    // The page agrees: no case is marked as differing from the committed run.
    await expect(page.getByText('differs from the committed Chromium run')).toHaveCount(0);
    await expect(page.getByTestId('lab-summary')).toContainText(
      new RegExp(
        `: ${LAB_CASES.length} of ${LAB_CASES.length} cases run, \\d+ differ from the RFC, 0 from the committed`,
      ),
    );
    // With every result and every difference from the RFC on the page.
    await expectNoA11yViolations(page);
  });

  test('shows the committed table with its differences from the RFC, and a case’s bytes', async ({
    page,
  }) => {
    const file = await committed();
    expect(file.results.map((r) => r.id)).toEqual(LAB_CASES.map((c) => c.id));
    await openLab(page);
    const row = page.getByTestId('lab-row-invalid-utf8');
    const chromium = row.getByRole('cell').nth(1);
    await expect(chromium.getByTestId('wire')).toHaveText(/^close \d+/);
    await row.getByText('Bytes the server sends').click();
    // 81 06 "bad " c3 28: the codec's encodeFrame, shown in hex.
    await expect(row.getByRole('listitem').first()).toHaveText('81 06 62 61 64 20 c3 28');
  });

  test('imports results back, and refuses a file that is not Lab results', async ({ page }) => {
    await openLab(page);
    const input = page.getByLabel('Import JSON');
    await input.setInputFiles({
      name: 'lab.json',
      mimeType: 'application/json',
      buffer: Buffer.from(await readFile(COMMITTED_PATH)),
    });
    const file = await committed();
    await expect(page.getByTestId('lab-status')).toHaveText(
      `Imported ${file.results.length} results from ${file.browser}.`,
    );
    await expect(page.getByRole('columnheader', { name: `${file.browser} (imported)` })).toBeVisible();
    await input.setInputFiles({
      name: 'x.json',
      mimeType: 'application/json',
      buffer: Buffer.from('{"a":1}'),
    });
    await expect(page.getByTestId('lab-status')).toContainText(
      'Import failed. This JSON is not a Framescope Lab',
    );
    await page.getByRole('button', { name: 'Show this browser again' }).click();
    await expect(page.getByRole('columnheader', { name: /\(this browser\)$/ })).toBeVisible();
  });

  test('Stop ends a run part way, and says how far it got', async ({ page }) => {
    test.setTimeout(180_000);
    await openLab(page);
    await expect(page.getByTestId('lab-server-state')).toContainText('Framescope’s server answers', {
      timeout: 30_000,
    });
    await page.getByRole('button', { name: /^Run all/ }).click();
    // Stop is enabled once the first case starts; the run takes seconds (a silent server alone costs 2 s), so the
    // click lands while it is going on.
    await page.getByRole('button', { name: 'Stop' }).click();
    await expect(page.getByTestId('lab-status')).toHaveText(/^Stopped after \d+ of \d+ cases\.$/);
    await expect(page.getByRole('button', { name: /^Run all/ })).toBeEnabled();
  });

  test('says clearly when no server answers, and still shows the committed table', async ({ page }) => {
    // A port that was free a moment ago and has nothing listening.
    const port = await new Promise<number>((resolve) => {
      const s = createServer().listen(0, '127.0.0.1', () => {
        const p = (s.address() as { port: number }).port;
        s.close(() => resolve(p));
      });
    });
    await openLab(page);
    await page.getByLabel('Server').fill(`ws://127.0.0.1:${port}`);
    await page.getByRole('button', { name: 'Check' }).click();
    await expect(page.getByTestId('lab-server-state')).toContainText(
      `No Framescope server: Could not connect to ws://127.0.0.1:${port}/tap`,
    );
    await expect(page.getByText('The Lab needs Framescope’s server')).toBeVisible();
    await expect(page.getByRole('button', { name: /^Run all/ })).toBeDisabled();
    await expect(page.getByTestId('lab-row-rsv2-set').getByTestId('wire').first()).toHaveText(/close \d+/);
    // No column of "not run" for this browser: only the case, the RFC and the committed run.
    await expect(page.locator('.lab-table thead th')).toHaveCount(3);
    await expect(page.locator('.lab-table').getByText('not run', { exact: true })).toHaveCount(0);
  });

  test('at 375 px, by keyboard: one case runs, no sideways scroll, no accessibility violations', async ({
    page,
  }) => {
    test.setTimeout(90_000);
    await page.setViewportSize({ width: 375, height: 800 });
    await openLab(page);
    await expect(page.getByTestId('lab-server-state')).toContainText('Framescope’s server answers', {
      timeout: 30_000,
    });
    const run = page.getByRole('button', { name: 'Run RSV2 set' });
    await run.focus();
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('lab-status')).toHaveText('Ran “RSV2 set”.', { timeout: 30_000 });
    const row = page.getByTestId('lab-row-rsv2-set');
    await expect(row.getByTestId('wire')).toHaveCount(2);
    const width = await page.evaluate(() => document.scrollingElement!.scrollWidth);
    expect(width).toBeLessThanOrEqual(375);
    await row.getByText('Bytes the server sends').focus();
    await page.keyboard.press('Enter');
    await expect(row.getByRole('listitem').first()).toHaveText('a1 04 72 73 76 32');
    await expectNoA11yViolations(page);
  });

  for (const mode of ['dark', 'present dark'] as const) {
    test(`no axe violations with the committed differences shown (${mode})`, async ({ page }) => {
      await page.emulateMedia({ colorScheme: 'dark', reducedMotion: 'reduce' });
      await page.goto(`${mode.startsWith('present') ? '?present' : ''}#/lab`);
      await expect(page.getByRole('list', { name: 'Differences from the RFC' }).first()).toBeVisible();
      // One row with differences and the controls: scanning all 36 rows takes most of a test's time on a busy machine.
      await expectNoA11yViolations(page, '#lab-invalid-utf8, .lab > .panel');
    });
  }
});
