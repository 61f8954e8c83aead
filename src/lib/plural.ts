/**
 * A count with its noun, singular for exactly one: `plural(1, 'byte')` → "1 byte", `plural(1024, 'byte')` →
 * "1,024 bytes". Irregular nouns pass their plural: `plural(2, 'is', 'are')`.
 */
export function plural(n: number, word: string, many = `${word}s`): string {
  return `${n.toLocaleString('en')} ${n === 1 ? word : many}`;
}

/**
 * A range of byte offsets in words: "byte 2" for one byte, "bytes 2–5" for several (`end` inclusive), and
 * "no bytes (would start at byte 2)" for an empty range (`end` = `start` − 1), never "bytes 2–1".
 */
export function byteRange(start: number, end: number): string {
  if (end < start) return `no bytes (would start at byte ${start})`;
  return start === end ? `byte ${start}` : `bytes ${start}–${end}`;
}
