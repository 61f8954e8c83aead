/** Min and max without spreading (a spread of 100,000 arguments overflows the stack). Empty lists give 0. */

export function maxOf(values: readonly number[]): number {
  let m = values.length ? -Infinity : 0;
  for (const v of values) if (v > m) m = v;
  return m;
}

export function minOf(values: readonly number[]): number {
  let m = values.length ? Infinity : 0;
  for (const v of values) if (v < m) m = v;
  return m;
}

/** `1 packet`, `2 packets`: a count with its noun (the plural is the noun + s unless given). */
export function count(n: number, noun: string, plural = `${noun}s`): string {
  return `${n} ${n === 1 ? noun : plural}`;
}
