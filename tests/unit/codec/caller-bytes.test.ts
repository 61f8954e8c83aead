import { describe, expect, it } from 'vitest';
import { decodeStream } from '../../../src/codec/stream';

// RFC 6455 §5.7: a single-frame masked text message, "Hello".
const MASKED_HELLO = [0x81, 0x85, 0x37, 0xfa, 0x21, 0x3d, 0x7f, 0x9f, 0x4d, 0x51, 0x58];

describe('decodeStream() leaves the caller’s bytes alone', () => {
  it('decodes a Node Buffer holding RFC 6455 §5.7’s masked “Hello” without unmasking into it', () => {
    const buf = Buffer.from(MASKED_HELLO);
    const first = decodeStream(buf);
    expect(Array.from(buf)).toEqual(MASKED_HELLO);
    expect(first.failure).toBeNull();
    expect(first.messages[0]?.text).toBe('Hello');
    const second = decodeStream(buf);
    expect(second.messages[0]?.text).toBe('Hello');
  });

  it('decodes a Uint8Array view into a larger buffer the same way as a plain array', () => {
    const big = new Uint8Array(64).fill(0xee);
    big.set(MASKED_HELLO, 20);
    const view = big.subarray(20, 20 + MASKED_HELLO.length);
    const before = Array.from(big);
    const r = decodeStream(view);
    expect(Array.from(big)).toEqual(before);
    expect(r.messages[0]?.text).toBe('Hello');
    expect(r.frames.length).toBe(decodeStream(new Uint8Array(MASKED_HELLO)).frames.length);
  });
});
