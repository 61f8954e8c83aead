import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';

/** Imports that would tie the pure protocol core to a platform or to the UI. */
const nodeBuiltins = [
  'fs',
  'path',
  'net',
  'http',
  'https',
  'zlib',
  'crypto',
  'stream',
  'buffer',
  'os',
  'url',
  'ws',
];
/** The app imports each name from the codec module that declares it; `src/codec/index.ts` is for other people. */
const codecIndex = {
  regex: '^(\\.\\.?/)+(src/)?codec(/index(\\.ts)?)?$',
  message:
    'Import from the codec module that declares the name (src/codec/index.ts is the public API for others).',
};
const platformImports = {
  paths: nodeBuiltins.map((name) => ({
    name,
    message: 'src/codec and src/capture run in the browser: no Node modules.',
  })),
  patterns: [
    { group: ['svelte', 'svelte/*'], message: 'src/codec and src/capture never import Svelte.' },
    { group: ['node:*'], message: 'src/codec and src/capture run in the browser: no Node built-ins.' },
    {
      group: ['**/views/**', '**/components/**', '**/lib/**', '*.svelte'],
      message: 'The core never knows about the UI.',
    },
    codecIndex,
  ],
};

export default defineConfig(
  {
    ignores: ['dist/', 'node_modules/', 'reports/', 'test-results/', 'playwright-report/', 'tests/fixtures/'],
  },
  js.configs.recommended,
  ...ts.configs.recommended,
  ...svelte.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'svelte/no-at-html-tags': 'error',
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts', '**/*.svelte.js'],
    languageOptions: {
      parserOptions: { projectService: true, extraFileExtensions: ['.svelte'], parser: ts.parser },
    },
  },
  {
    files: ['src/codec/**', 'src/capture/**', 'src/subprotocol/**'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-imports': ['error', platformImports],
      'no-restricted-globals': [
        'error',
        ...[
          'window',
          'document',
          'navigator',
          'localStorage',
          'location',
          'Buffer',
          'process',
          'require',
        ].map((name) => ({ name, message: `src/codec and src/capture are pure: no ${name}.` })),
      ],
    },
  },
  {
    files: ['src/**', 'server/**'],
    ignores: ['src/codec/**', 'src/capture/**', 'src/subprotocol/**', 'src/workers/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [codecIndex] }] },
  },
  {
    files: ['src/workers/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/views/**', '**/components/**', '*.svelte'],
              message: 'Workers never import from the views: shared message types live in src/lib/transfer.',
            },
            codecIndex,
          ],
        },
      ],
    },
  },
);
