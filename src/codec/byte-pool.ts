/**
 * Fresh bytes for payloads and messages, allocated the way small ones are cheap: typed arrays up to 64 bytes
 * live on V8's heap; larger ones need a backing store of their own, which costs more than filling them. So
 * medium-sized pieces are cut from a shared 64 KiB slab (as Node's Buffer pool does). A slab stays alive as
 * long as any piece of it does.
 */
const SMALL_MAX = 64;
const SLAB_ITEM_MAX = 4096;
const SLAB_SIZE = 64 * 1024;

export class BytePool {
  private slab = new Uint8Array(0);
  private pos = 0;

  /**
   * n fresh, zeroed bytes. A large piece starts at the same address mod 4 as `align`, so copying words into it
   * from a source at that alignment runs in a single pass.
   */
  take(n: number, align = 0): Uint8Array {
    if (n <= SMALL_MAX) return new Uint8Array(n);
    if (n > SLAB_ITEM_MAX) return align === 0 ? new Uint8Array(n) : new Uint8Array(n + align).subarray(align);
    if (this.pos + n > this.slab.length) {
      this.slab = new Uint8Array(SLAB_SIZE);
      this.pos = 0;
    }
    const out = this.slab.subarray(this.pos, this.pos + n);
    // Keep pieces 8-byte aligned so word-at-a-time unmasking covers them whole.
    this.pos += (n + 7) & ~7;
    return out;
  }

  /** The pieces joined into fresh bytes. */
  concat(pieces: readonly Uint8Array[], total: number): Uint8Array {
    const out = this.take(total);
    let at = 0;
    for (const p of pieces) {
      out.set(p, at);
      at += p.length;
    }
    return out;
  }
}
