import { describe, expect, it } from 'vitest';
import { runTarget, TARGETS } from '../../fuzz/targets';

// The CI slice of `npm run fuzz`: the same targets, fewer inputs, a fixed seed (reproducible).
const RUNS = 1000;

describe('fuzz (CI slice of npm run fuzz)', () => {
  it.each(TARGETS.map((t) => [t.name, t] as const))(
    '%s: no exception, no hang over 2 s, no difference',
    (_name, target) => {
      const stats = runTarget(target, RUNS, 6455);
      expect(stats.inputs).toBe(RUNS);
      expect(stats.findings).toEqual([]);
      expect({ exceptions: stats.exceptions, hangs: stats.hangs, differences: stats.differences }).toEqual({
        exceptions: 0,
        hangs: 0,
        differences: 0,
      });
    },
    60_000,
  );
});
