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

/**
 * Below this size a plain byte loop beats setting up 32-bit views (which also forces a small on-heap array
 * off-heap, an allocation of its own).
 */
const WORD_THRESHOLD = 256;

/** The platform's byte order, for building the key as a 32-bit word. */
const LITTLE_ENDIAN = new Uint8Array(Uint32Array.of(1).buffer)[0] === 1;

/**
 * The 32-bit word whose bytes in memory are k0 k1 k2 k3, as a signed int32: V8 keeps int32 values unboxed,
 * while uint32 values above 2^31 become heap numbers, so the XOR loops use Int32Arrays.
 */
function keyWord(k0: number, k1: number, k2: number, k3: number): number {
  return LITTLE_ENDIAN ? k0 | (k1 << 8) | (k2 << 16) | (k3 << 24) : (k0 << 24) | (k1 << 16) | (k2 << 8) | k3;
}

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
  const keys = [k0, k1, k2, k3];
  const srcAbs = src.byteOffset + srcStart;
  const dstAbs = dst.byteOffset + dstStart;
  // Bytes before the first 4-aligned address of `dst` are done one at a time.
  const head = Math.min(len, (4 - (dstAbs & 3)) & 3);
  const words = (len - head) >>> 2;
  const word = keyWord(keys[head & 3]!, keys[(head + 1) & 3]!, keys[(head + 2) & 3]!, keys[(head + 3) & 3]!);
  if ((srcAbs & 3) === (dstAbs & 3)) {
    // Same alignment: one pass, 32-bit word in, 32-bit word out.
    for (let i = 0; i < head; i++) dst[dstStart + i] = src[srcStart + i]! ^ keys[i & 3]!;
    const from = new Int32Array(src.buffer, srcAbs + head, words);
    const to = new Int32Array(dst.buffer, dstAbs + head, words);
    let w = 0;
    for (; w + 4 <= words; w += 4) {
      to[w] = from[w]! ^ word;
      to[w + 1] = from[w + 1]! ^ word;
      to[w + 2] = from[w + 2]! ^ word;
      to[w + 3] = from[w + 3]! ^ word;
    }
    for (; w < words; w++) to[w] = from[w]! ^ word;
    for (let i = head + words * 4; i < len; i++) dst[dstStart + i] = src[srcStart + i]! ^ keys[i & 3]!;
    return;
  }
  // Different alignment: copy first (memcpy speed), then XOR in place a 32-bit word at a time.
  dst.set(src.subarray(srcStart, srcStart + len), dstStart);
  for (let i = 0; i < head; i++) dst[dstStart + i] = dst[dstStart + i]! ^ keys[i & 3]!;
  const view = new Int32Array(dst.buffer, dstAbs + head, words);
  let w = 0;
  for (; w + 4 <= words; w += 4) {
    view[w] = view[w]! ^ word;
    view[w + 1] = view[w + 1]! ^ word;
    view[w + 2] = view[w + 2]! ^ word;
    view[w + 3] = view[w + 3]! ^ word;
  }
  for (; w < words; w++) view[w] = view[w]! ^ word;
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
