/**
 * Masking (RFC 6455 §5.3): every payload byte i is XORed with byte (i mod 4) of the 32-bit masking key.
 * The same operation masks and unmasks.
 */

/** One byte of the masking operation, for teaching. */
export interface MaskStep {
  /** Index of the byte in the payload. */
  index: number;
  /** i mod 4 (shifted by the starting offset): which byte of the key is used. */
  keyIndex: number;
  keyByte: number;
  input: number;
  output: number;
}

/** Below this size a plain byte loop beats setting up word views. */
const WORD_THRESHOLD = 64;

function checkKey(key: Uint8Array): void {
  if (key.length !== 4) throw new RangeError(`a masking key is 4 bytes, got ${key.length}`);
}

/**
 * XOR `data` with the 4-byte masking key into new bytes; `data` is never modified.
 * `offset` is the position in the key of the first byte (i.e. how many payload bytes came before
 * `data`), so a payload can be unmasked piece by piece.
 *
 * @example
 * applyMask(new Uint8Array([0x7f, 0x9f, 0x4d, 0x51, 0x58]), new Uint8Array([0x37, 0xfa, 0x21, 0x3d]))
 * // → 48 65 6c 6c 6f ("Hello", the masked example of RFC 6455 §5.7)
 * @see RFC 6455 §5.3
 */
export function applyMask(data: Uint8Array, key: Uint8Array, offset = 0): Uint8Array {
  checkKey(key);
  const out = new Uint8Array(data.length);
  maskInto(data, 0, data.length, key, offset, out, 0);
  return out;
}

/**
 * XOR `len` bytes of `src` from `srcStart` into `dst` from `dstStart`, with the key starting at key
 * byte `phase`. `src` and `dst` may be the same array (then it masks in place). For the codec's own use.
 */
export function maskInto(
  src: Uint8Array,
  srcStart: number,
  len: number,
  key: Uint8Array,
  phase: number,
  dst: Uint8Array,
  dstStart: number,
): void {
  const k0 = key[phase & 3]!;
  const k1 = key[(phase + 1) & 3]!;
  const k2 = key[(phase + 2) & 3]!;
  const k3 = key[(phase + 3) & 3]!;
  if (len < WORD_THRESHOLD) {
    let i = 0;
    for (; i + 4 <= len; i += 4) {
      dst[dstStart + i] = src[srcStart + i]! ^ k0;
      dst[dstStart + i + 1] = src[srcStart + i + 1]! ^ k1;
      dst[dstStart + i + 2] = src[srcStart + i + 2]! ^ k2;
      dst[dstStart + i + 3] = src[srcStart + i + 3]! ^ k3;
    }
    // 0–3 bytes left, which take key bytes k0, k1, k2 in turn.
    const left = len - i;
    if (left > 0) dst[dstStart + i] = src[srcStart + i]! ^ k0;
    if (left > 1) dst[dstStart + i + 1] = src[srcStart + i + 1]! ^ k1;
    if (left > 2) dst[dstStart + i + 2] = src[srcStart + i + 2]! ^ k2;
    return;
  }
  // Copy first (memcpy speed), then XOR a 32-bit word at a time over the 4-aligned middle of `dst`.
  if (src !== dst || srcStart !== dstStart) dst.set(src.subarray(srcStart, srcStart + len), dstStart);
  const absStart = dst.byteOffset + dstStart;
  // Bytes before the first 4-aligned address are done one at a time.
  const head = Math.min(len, (4 - (absStart & 3)) & 3);
  const keys = [k0, k1, k2, k3];
  for (let i = 0; i < head; i++) dst[dstStart + i] = dst[dstStart + i]! ^ keys[i & 3]!;
  const words = (len - head) >>> 2;
  if (words > 0) {
    // The key rotated so that its first byte lines up with the first aligned byte; platform byte order.
    const keyBytes = new Uint8Array(4);
    for (let j = 0; j < 4; j++) keyBytes[j] = keys[(head + j) & 3]!;
    const keyWord = new Uint32Array(keyBytes.buffer)[0]!;
    const view = new Uint32Array(dst.buffer, absStart + head, words);
    for (let w = 0; w < words; w++) view[w] = view[w]! ^ keyWord;
  }
  for (let i = head + words * 4; i < len; i++) dst[dstStart + i] = dst[dstStart + i]! ^ keys[i & 3]!;
}

/**
 * The masking operation byte by byte, for teaching: index, key index, key byte, input, output.
 *
 * @example
 * maskSteps(new Uint8Array([0x48]), new Uint8Array([0x37, 0xfa, 0x21, 0x3d]))
 * // → [{ index: 0, keyIndex: 0, keyByte: 0x37, input: 0x48, output: 0x7f }]
 * @see RFC 6455 §5.3
 */
export function maskSteps(data: Uint8Array, key: Uint8Array, start = 0, end = data.length): MaskStep[] {
  checkKey(key);
  const steps: MaskStep[] = [];
  const stop = Math.min(end, data.length);
  for (let index = Math.max(0, start); index < stop; index++) {
    const keyIndex = index & 3;
    const keyByte = key[keyIndex]!;
    const input = data[index]!;
    steps.push({ index, keyIndex, keyByte, input, output: input ^ keyByte });
  }
  return steps;
}
