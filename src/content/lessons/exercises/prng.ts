/**
 * A small seeded random number generator (mulberry32) for exercises: the same seed gives the same exercise,
 * so a link `?seed=N` reproduces it on any machine.
 */
export interface Rng {
  /** A float in [0, 1). */
  next(): number;
  /** A whole number in [min, max], both included. */
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  bytes(n: number): Uint8Array;
  chance(p: number): boolean;
}

export function createRng(seed: number): Rng {
  let a = seed >>> 0;
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
  return {
    next,
    int,
    pick: <T>(items: readonly T[]): T => {
      if (items.length === 0) throw new RangeError('pick from an empty list');
      return items[int(0, items.length - 1)]!;
    },
    bytes: (n: number) => Uint8Array.from({ length: n }, () => int(0, 255)),
    chance: (p: number) => next() < p,
  };
}

/** Mix a lesson-wide seed with an exercise id, so each exercise of a lesson gets its own numbers. */
export function mixSeed(seed: number, id: string): number {
  let h = (seed ^ 0x9e3779b9) >>> 0;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193) >>> 0;
  return h % 1_000_000;
}

/** Short words for payloads, so the bytes stay readable. */
export const WORDS = [
  'Hi',
  'ok',
  'ping',
  'Hello',
  'chat',
  'ready',
  'data',
  'tick',
  'score:7',
  'join',
  'bye',
  'go',
  'move',
  'yes',
  '{"a":1}',
  'héllo',
] as const;
