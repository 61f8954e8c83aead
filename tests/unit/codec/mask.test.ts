import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyMask, maskSteps } from '../../../src/codec';
import { maskInto } from '../../../src/codec/mask';

/** Masking as RFC 6455 §5.3 writes it: octet i XOR key octet (i mod 4). */
function naive(data: Uint8Array, key: Uint8Array, phase = 0): Uint8Array {
  return data.map((b, i) => b ^ key[(i + phase) % 4]!);
}

const key = Uint8Array.of(0x37, 0xfa, 0x21, 0x3d);

describe('applyMask()', () => {
  it('masks the RFC 6455 §5.7 example', () => {
    const hello = new TextEncoder().encode('Hello');
    expect(Array.from(applyMask(hello, key))).toEqual([0x7f, 0x9f, 0x4d, 0x51, 0x58]);
  });

  it('agrees with the byte-by-byte definition for every size, source alignment and key phase', () => {
    const backing = new Uint8Array(1200).map((_, i) => (i * 31 + 7) & 0xff);
    for (const size of [0, 1, 3, 4, 63, 64, 255, 256, 257, 1024, 1031]) {
      for (let align = 0; align < 4; align++) {
        for (let phase = 0; phase < 4; phase++) {
          const src = backing.subarray(align, align + size);
          expect(applyMask(src, key, phase)).toEqual(naive(src, key, phase));
        }
      }
    }
  });

  it('never modifies its input, and masking twice gives it back', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 2000 }),
        fc.uint8Array({ minLength: 4, maxLength: 4 }),
        (data, k) => {
          const copy = data.slice();
          const once = applyMask(data, k);
          expect(data).toEqual(copy);
          expect(applyMask(once, k)).toEqual(data);
        },
      ),
    );
  });

  it('refuses a key that is not 4 bytes', () => {
    expect(() => applyMask(new Uint8Array(4), new Uint8Array(3))).toThrow(/4 bytes/);
  });
});

describe('maskInto()', () => {
  it('works in place and between differently aligned buffers, in pieces', () => {
    const data = new Uint8Array(3000).map((_, i) => (i * 13) & 0xff);
    const want = naive(data, key);
    for (const dstAlign of [0, 1, 2, 3]) {
      const out = new Uint8Array(3004).subarray(dstAlign, dstAlign + 3000);
      // Three pieces of odd sizes: the key phase carries from one to the next.
      maskInto(data, 0, 1001, key, 0, out, 0);
      maskInto(data, 1001, 998, key, 1001, out, 1001);
      maskInto(data, 1999, 1001, key, 1999, out, 1999);
      expect(out).toEqual(want);
    }
    const inPlace = data.slice();
    maskInto(inPlace, 0, inPlace.length, key, 0, inPlace, 0);
    expect(inPlace).toEqual(want);
  });
});

describe('maskSteps()', () => {
  it('lists each byte with its key byte, for the seed example (key 12 34 56 78)', () => {
    const steps = maskSteps(new TextEncoder().encode('Hello'), Uint8Array.of(0x12, 0x34, 0x56, 0x78));
    expect(steps.map((s) => [s.index, s.keyIndex, s.keyByte, s.input, s.output])).toEqual([
      [0, 0, 0x12, 0x48, 0x5a],
      [1, 1, 0x34, 0x65, 0x51],
      [2, 2, 0x56, 0x6c, 0x3a],
      [3, 3, 0x78, 0x6c, 0x14],
      [4, 0, 0x12, 0x6f, 0x7d],
    ]);
  });
});
