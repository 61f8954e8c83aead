/**
 * How a parser's cost grows with its input, by CPU time of this process (`process.cpuUsage`), not wall time: eight
 * times the input should cost about eight times as much (linear), a quadratic parser costs sixty-four times. The
 * threshold, 24, leaves room for the garbage collector, whose pauses grow in steps with the heap.
 */
function cpuMs(run: () => unknown): number {
  let best = Infinity;
  for (let round = 0; round < 3; round++) {
    const start = process.cpuUsage();
    run();
    const used = process.cpuUsage(start);
    best = Math.min(best, (used.user + used.system) / 1000);
  }
  return best;
}

export interface Growth {
  smallMs: number;
  largeMs: number;
  /** largeMs / smallMs for eight times the input. */
  ratio: number;
  /** Linear enough: the ratio stays under 24 (quadratic is 64), or the large input is too cheap to judge. */
  linear: boolean;
}

/**
 * Runs `parse` on `make(size)` and `make(8 × size)`, up to three times until the growth looks linear: a busy machine
 * or a collector pause can only make a linear parser look slower, never a quadratic one look linear.
 */
export function growth(
  parse: (text: string) => unknown,
  make: (size: number) => string,
  size: number,
): Growth {
  const small = make(size);
  const large = make(size * 8);
  parse(small);
  let last: Growth | null = null;
  for (let attempt = 0; attempt < 3; attempt++) {
    const smallMs = cpuMs(() => parse(small));
    const largeMs = cpuMs(() => parse(large));
    const ratio = largeMs / Math.max(smallMs, 0.5);
    last = { smallMs, largeMs, ratio, linear: ratio < 24 || largeMs < 40 };
    if (last.linear) break;
  }
  return last as Growth;
}
