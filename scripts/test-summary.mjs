// How a test run is summed up for CI: see summarize(). Kept apart from test-all.mjs so it can be unit-tested.

/** Every test of a Playwright JSON report, with the file and titles that name it. */
export function* playwrightTests(suites, titles = []) {
  for (const suite of suites ?? []) {
    const path = suite.title ? [...titles, suite.title] : titles;
    for (const spec of suite.specs ?? []) {
      for (const test of spec.tests ?? []) yield { name: [...path, spec.title].join(' › '), test };
    }
    yield* playwrightTests(suite.suites, path);
  }
}

/** Terminal colour codes (ESC [ … m) in Playwright's error messages. */
const COLOURS = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');

/** The first line of a failed attempt's error, without terminal colours. */
function firstLine(result) {
  const message = result?.error?.message ?? result?.errors?.[0]?.message ?? result?.status ?? 'failed';
  return String(message).replace(COLOURS, '').split('\n')[0].trim();
}

/**
 * The closing lines of a test run: tests that passed only on retry, one line each with their first failure, and the
 * summary `tests: N passed, N failed[, N skipped]`. A failed step without a failed test in its report (types, lint,
 * format, build, a runner that did not start) counts as one failure, so a failed run never reads `0 failed`.
 * @param {string[]} failedSteps names of the steps that failed, as test-all.mjs names them
 * @param {any} vitest Vitest's JSON report, or undefined
 * @param {any} pw Playwright's JSON report, or undefined
 * @returns {{ lines: string[], summary: string }}
 */
export function summarize(failedSteps, vitest, pw) {
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  const flaky = [];
  const vitestFailed = vitest ? (vitest.numFailedTests ?? 0) : 0;
  if (vitest) {
    passed += vitest.numPassedTests ?? 0;
    failed += vitestFailed;
    skipped += (vitest.numPendingTests ?? 0) + (vitest.numTodoTests ?? 0);
    for (const file of vitest.testResults ?? []) {
      for (const t of file.assertionResults ?? []) {
        if (t.status === 'passed' && (t.retryCount ?? 0) > 0) {
          flaky.push(`flaky (passed on retry ${t.retryCount}): ${t.fullName ?? t.title}`);
        }
      }
    }
  }
  const pwFailed = pw?.stats ? (pw.stats.unexpected ?? 0) : 0;
  if (pw?.stats) {
    passed += (pw.stats.expected ?? 0) + (pw.stats.flaky ?? 0);
    failed += pwFailed;
    skipped += pw.stats.skipped ?? 0;
    for (const { name, test } of playwrightTests(pw.suites)) {
      if (test.status === 'flaky') {
        const first = (test.results ?? []).find((r) => r.status !== 'passed' && r.status !== 'skipped');
        flaky.push(`flaky (passed on retry): ${name}: first failure: ${firstLine(first)}`);
      }
    }
  }

  // A failed step whose report shows no failed test (or no report at all) is one failure of its own.
  const testsShown = { 'unit (vitest)': vitestFailed, 'end-to-end (playwright)': pwFailed };
  for (const step of failedSteps) if (!testsShown[step]) failed += 1;
  const summary = `tests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`;
  return { lines: flaky, summary };
}
