/**
 * Fresh memory for payloads and messages. Every piece has a buffer of its own: a message's `data` can be
 * transferred to a Web Worker (or kept, or modified) without touching any other message. Nothing is cut from a
 * shared slab.
 */

/**
 * n fresh, zeroed bytes. A large piece starts at the same address mod 4 as `align`, so copying words into it
 * from a source at that alignment runs in a single pass; its buffer then holds `align` (< 4) unused bytes first.
 */
export function freshBytes(n: number, align = 0): Uint8Array {
  // Typed arrays up to 64 bytes live on V8's heap, where alignment means nothing and allocation is cheapest.
  if (n <= 64 || align === 0) return new Uint8Array(n);
  return new Uint8Array(n + align).subarray(align);
}

/** The pieces joined into fresh bytes. */
export function concatFresh(pieces: readonly Uint8Array[], total: number): Uint8Array {
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of pieces) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
