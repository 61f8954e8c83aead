/**
 * Keeps the bytes of a stream until the receiver says where each frame lies, so the tap can show every frame
 * exactly as it crossed the wire, however TCP split it.
 */
export class FrameSlicer {
  private buffer = new Uint8Array(0);
  /** Stream offset of `buffer[0]`. */
  private base = 0;
  private length = 0;

  append(chunk: Uint8Array): void {
    if (this.length + chunk.length > this.buffer.length) {
      const grown = new Uint8Array(Math.max(this.buffer.length * 2, this.length + chunk.length, 1024));
      grown.set(this.buffer.subarray(0, this.length));
      this.buffer = grown;
    }
    this.buffer.set(chunk, this.length);
    this.length += chunk.length;
  }

  /** A copy of the stream bytes [offset, offset + size); earlier bytes are released. */
  take(offset: number, size: number): Uint8Array {
    const start = offset - this.base;
    if (start < 0 || start + size > this.length) throw new Error(`bytes ${offset}+${size} are not buffered`);
    const out = this.buffer.slice(start, start + size);
    const end = start + size;
    this.buffer.copyWithin(0, end, this.length);
    this.length -= end;
    this.base += end;
    return out;
  }
}
