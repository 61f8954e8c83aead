import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { defineConfig, devices } from '@playwright/test';

/**
 * Browser: $FRAMESCOPE_CHROMIUM, else Debian's /usr/bin/chromium, else Playwright's own download
 * (`npx playwright install chromium` on an ordinary laptop).
 */
const chromiumPath =
  process.env.FRAMESCOPE_CHROMIUM ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);
/**
 * A free loopback port, chosen once by the main process and inherited by the workers through the environment
 * (each re-reads this file): two checkouts, or a `vite preview` already running, never collide.
 */
function freePort(): number {
  const probe = spawnSync(process.execPath, [
    '-e',
    "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{process.stdout.write(String(s.address().port));s.close()})",
  ]);
  const port = Number(String(probe.stdout));
  if (!Number.isInteger(port) || port <= 0)
    throw new Error(`could not find a free port: ${String(probe.stderr)}`);
  return port;
}
process.env.FRAMESCOPE_PORT ??= String(freePort());
const port = Number(process.env.FRAMESCOPE_PORT);
const baseURL = `http://127.0.0.1:${port}/`;

export default defineConfig({
  testDir: 'tests/e2e',
  fullyParallel: false,
  workers: 1,
  // One retry on CI: a shared 2-core machine can starve a test; a test that passes only on retry is still
  // reported (as flaky) by `npm test`.
  retries: process.env.CI ? 1 : 0,
  forbidOnly: !!process.env.CI,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['json', { outputFile: 'reports/playwright.json' }]],
  use: {
    baseURL,
    trace: 'retain-on-failure',
    ...devices['Desktop Chrome'],
    launchOptions: {
      ...(chromiumPath ? { executablePath: chromiumPath } : {}),
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        // Lets a test open the app from a non-secure origin (no crypto.subtle) on loopback.
        '--host-resolver-rules=MAP framescope.test 127.0.0.1',
      ],
    },
  },
  // `npm test` builds first and serves the static build; locally, `npx playwright test` serves the sources.
  webServer: {
    command: process.env.FRAMESCOPE_E2E_DEV
      ? `npx vite --port ${port} --strictPort`
      : `npx vite preview --port ${port} --strictPort`,
    url: baseURL,
    reuseExistingServer: false,
    timeout: 60_000,
  },
});
