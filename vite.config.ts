import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vitest/config';
import { contentSecurityPolicy, serviceWorker } from './scripts/vite-static.ts';
import { framescopeServer } from './server/vite-plugin.ts';

/**
 * Headers every host that allows them should send with the build (README, "Deploying"): no file is read as another
 * type, and no other site may frame the app. A `<meta>` policy cannot carry `frame-ancestors`, hence a header.
 */
const SECURITY_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'Content-Security-Policy': "frame-ancestors 'self'",
};

export default defineConfig({
  // Relative asset URLs: the static build works from any sub-path (GitHub Pages, a USB stick, a classroom server).
  base: './',
  plugins: [svelte(), framescopeServer(), contentSecurityPolicy(), serviceWorker()],
  build: {
    target: 'es2022',
    sourcemap: true,
    // dist/.vite/manifest.json: scripts/check-budget.mjs reads which chunks each view loads first.
    manifest: true,
    // Sample captures stay files: a data: URL would need connect-src data: in the Content-Security-Policy.
    assetsInlineLimit: (file) => (/\.(pcap|pcapng|har|txt|json)$/.test(file) ? false : undefined),
  },
  worker: { format: 'es' },
  server: { host: '127.0.0.1', allowedHosts: ['framescope.test'], headers: SECURITY_HEADERS },
  preview: {
    host: '127.0.0.1',
    allowedHosts: ['framescope.test', 'localhost', '127.0.0.1'],
    headers: SECURITY_HEADERS,
  },
  test: {
    include: ['tests/unit/**/*.test.ts'],
    environment: 'node',
    pool: 'threads',
    testTimeout: 20_000,
  },
});
