/** Shared pieces of the hex reader (`hex.ts`, `hex-dump.ts`): the result type and positions in the pasted text. */

/** Which kind of paste {@link parseHex} recognised. */
export type HexFormat =
  'empty' | 'hex' | 'array' | 'python' | 'node-buffer' | 'base64' | 'xxd' | 'hexdump -C' | 'od' | 'wireshark';

/**
 * Bytes and the recognised format (with a `warning` when the paste itself says bytes are missing), or an error at
 * a 1-based line and column of the input, and at the character range `index`…`index + length` (to select it).
 */
export type ParseHexResult =
  | { ok: true; bytes: Uint8Array; format: HexFormat; warning?: string }
  | { ok: false; error: string; line: number; column: number; index: number; length: number };

/**
 * A failed parse at character `index` of `text`, covering `length` characters (at least 1, within the text).
 *
 * @example failAt('81 5', 3, 'odd') // → { ok: false, error: 'odd', line: 1, column: 4, index: 3, length: 1 }
 * @see RFC 6455 §5.2
 */
export function failAt(
  text: string,
  index: number,
  error: string,
  length = 1,
): Extract<ParseHexResult, { ok: false }> {
  const at = Math.max(0, Math.min(index, text.length));
  return {
    ok: false,
    error,
    ...lineColumn(text, at),
    index: at,
    length: Math.max(0, Math.min(Math.max(1, length), text.length - at)),
  };
}

/**
 * The 1-based line and column of a character index in `text`.
 *
 * @example lineColumn('81 05\n48 6', 9) // → { line: 2, column: 4 }
 * @see RFC 6455 §5.2
 */
export function lineColumn(text: string, index: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < index; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: index - lineStart + 1 };
}

/**
 * The ASCII column of a hex dump: bytes 0x20–0x7e as themselves, anything else as `.`.
 *
 * @example asciiColumn(new Uint8Array([0x81, 0x05, 0x48, 0x69])) // → '..Hi'
 * @see RFC 6455 §5.6 (text payloads are UTF-8; the dump shows only their ASCII part)
 */
export function asciiColumn(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += b >= 0x20 && b <= 0x7e ? String.fromCharCode(b) : '.';
  return s;
}

/**
 * Whether a UTF-16 code unit is whitespace as JavaScript's `\s` defines it (spaces, tabs, line ends, no-break and
 * typographic spaces, BOM), without a regular expression per character.
 *
 * @example isWhitespace(0x00a0) // → true (no-break space); isWhitespace(0x41) → false
 * @see RFC 6455 §5.2 (the frames people paste, with whatever spaces their copy added)
 */
export function isWhitespace(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  if (c < 0xa0) return false;
  return (
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

/**
 * The first index at or after `i` that is not whitespace (`text.length` if none).
 *
 * @example skipWhitespace('  81', 0) // → 2
 * @see RFC 6455 §5.2
 */
export function skipWhitespace(text: string, i: number): number {
  while (i < text.length && isWhitespace(text.charCodeAt(i))) i++;
  return i;
}
