/** The CI summary: a failed step always shows as a failure, and a test that passed only on retry is named. */
import { describe, expect, it } from 'vitest';
import { summarize } from '../../../scripts/test-summary.mjs';

const vitest = (passed: number, failed: number) => ({
  numPassedTests: passed,
  numFailedTests: failed,
  testResults: [],
});
const pw = (expected: number, unexpected: number, flaky = 0, suites: unknown[] = []) => ({
  stats: { expected, unexpected, flaky, skipped: 0 },
  suites,
});

describe('summarize()', () => {
  it('adds up both runners', () => {
    expect(summarize([], vitest(10, 0), pw(5, 0)).summary).toBe('tests: 15 passed, 0 failed');
  });

  it('counts a failed step with no failed test (lint, types, e2e that never started) as a failure', () => {
    expect(summarize(['lint (eslint)'], vitest(10, 0), pw(5, 0)).summary).toBe('tests: 15 passed, 1 failed');
    expect(summarize(['end-to-end (playwright)'], vitest(10, 0), undefined).summary).toBe(
      'tests: 10 passed, 1 failed',
    );
    expect(summarize(['unit (vitest)'], undefined, pw(5, 0)).summary).toBe('tests: 5 passed, 1 failed');
  });

  it('does not count a failed runner twice when its failed tests are in its report', () => {
    expect(summarize(['unit (vitest)'], vitest(8, 2), pw(5, 0)).summary).toBe('tests: 13 passed, 2 failed');
  });

  it('names a test that passed only on retry, with its first failure, on a line of its own', () => {
    const suites = [
      {
        title: 'decoder.spec.ts',
        specs: [],
        suites: [
          {
            title: 'Decoder',
            specs: [
              {
                title: 'pastes hex',
                tests: [
                  {
                    status: 'flaky',
                    results: [
                      {
                        status: 'failed',
                        error: { message: '\u001b[31mTimeout 5000ms exceeded\u001b[39m\nmore' },
                      },
                      { status: 'passed' },
                    ],
                  },
                ],
              },
            ],
          },
        ],
      },
    ];
    const { lines, summary } = summarize([], vitest(1, 0), pw(3, 0, 1, suites));
    expect(lines).toEqual([
      'flaky (passed on retry): decoder.spec.ts › Decoder › pastes hex: first failure: Timeout 5000ms exceeded',
    ]);
    expect(summary).toBe('tests: 5 passed, 0 failed');
  });
});
