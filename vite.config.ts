import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vitest/config';
import { framescopeServer } from './server/vite-plugin.ts';

export default defineConfig({
  // Relative asset URLs: the static build works from any sub-path (GitHub Pages, a USB stick, a classroom server).
  base: './',
  plugins: [svelte(), framescopeServer()],
  build: { target: 'es2022', sourcemap: true },
  worker: { format: 'es' },
  server: { host: '127.0.0.1', allowedHosts: ['framescope.test'] },
  preview: { host: '127.0.0.1', allowedHosts: ['framescope.test', 'localhost', '127.0.0.1'] },
  test: {
    include: ['tests/unit/**/*.test.ts'],
    environment: 'node',
    pool: 'threads',
    testTimeout: 20_000,
  },
});
