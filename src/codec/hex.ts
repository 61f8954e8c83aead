/**
 * Hex input and output: turn whatever a person pastes into bytes, and bytes back into hex for views.
 *
 * What {@link parseHex} reads, and how it tells them apart:
 * - **Hex dumps with offsets** (see `hex-dump.ts`): `xxd`, `hexdump -C`, `od -A x -t x1z` / `od -t x1`, and
 *   Wireshark's "Copy as Hex Dump" / `tshark -x`. The offset column and the ASCII column are never read as bytes.
 * - **Array literals**: the first `{…}` or `[…]` holding numbers, as C, JavaScript or Python write them:
 *   `{0x81, 0x05}`, `new Uint8Array([129, 5])`. Inside an array, a number without `0x` is DECIMAL (as the
 *   language reads it): `[81, 05]` is the bytes 0x51 0x05. Each element must be 0–255.
 * - **Python bytes literals** (see `hex-python.ts`), as `print(data)` shows them: `b'\x81\x05Hello'`, also inside
 *   `bytearray(…)`/`bytes(…)` and several in a row. Printable characters are their own bytes, as in Python.
 * - **Node.js Buffers** as `console.log` prints them (see `hex-node.ts`): `<Buffer 81 05 48 65 6c 6c 6f>`; one cut
 *   short (`… 12 more bytes>`) is read with a warning that bytes are missing.
 * - **Base64** (see `hex-base64.ts`), as Chrome DevTools shows and copies a binary WebSocket message: only when the
 *   text is not plain hex.
 * - **Plain hex** everywhere else: pairs of hex digits, separated or not by spaces, newlines, commas, colons or
 *   semicolons, optionally written `0x81` or `\x81`; quotes are ignored, as are `#` and `//` comments.
 *   Only hex is read here: a bare number is never decimal.
 */
import { parseDump } from './hex-dump';
import { looksLikePythonBytes, parsePythonBytes } from './hex-python';
import { parseBase64 } from './hex-base64';
import { looksLikeNodeBuffer, parseNodeBuffer } from './hex-node';
import { asciiColumn, failAt, isWhitespace, skipWhitespace, type ParseHexResult } from './hex-source';

export { asciiColumn } from './hex-source';
export type { HexFormat, ParseHexResult } from './hex-source';

const HEX_DIGITS = '0123456789abcdef';

function isHexDigit(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
}

function hexValue(c: number): number {
  return c <= 57 ? c - 48 : (c | 0x20) - 87;
}

/** Separators between bytes; whitespace includes the no-break and thin spaces that web pages and chats put in copies. */
function isSeparator(c: number): boolean {
  return c === 0x2c || c === 0x3a || c === 0x3b || isWhitespace(c); // , : ;
}

/** Characters that may follow a hex token: a separator, a quote, a backslash, `#` or `/` (comments). */
function endsToken(c: number): boolean {
  return isSeparator(c) || c === 0x22 || c === 0x27 || c === 0x5c || c === 0x23 || c === 0x2f;
}

function fail(text: string, index: number, error: string, length = 1): ParseHexResult {
  return failAt(text, index, error, length);
}

/** Hex pairs with optional `0x` / `\x` prefixes and separators. One pass, by character code. */
function parsePlain(text: string): ParseHexResult {
  const out = new Uint8Array(text.length >>> 1);
  let n = 0;
  let i = 0;
  const len = text.length;
  while (i < len) {
    const c = text.charCodeAt(i);
    const next = i + 1 < len ? text.charCodeAt(i + 1) : -1;
    if (isSeparator(c) || c === 0x22 || c === 0x27) {
      i++;
      continue;
    }
    if (c === 0x23 || (c === 0x2f && next === 0x2f)) {
      const lineEnd = text.indexOf('\n', i);
      i = lineEnd < 0 ? len : lineEnd;
      continue;
    }
    if ((c === 0x62 || c === 0x42) && (next === 0x22 || next === 0x27)) {
      i++;
      continue;
    }
    const start = i;
    if ((c === 0x30 || c === 0x5c) && (next === 0x78 || next === 0x58)) i += 2; // 0x, \x
    const digitsStart = i;
    while (i < len && isHexDigit(text.charCodeAt(i))) i++;
    const digits = i - digitsStart;
    if (digits === 0) {
      const bad = text[i] ?? '';
      return fail(
        text,
        start,
        i > start
          ? `"${text.slice(start, i)}" is not followed by hex digits`
          : `"${bad}" is not a hex digit (expected pairs such as 81 05 48)`,
      );
    }
    if (i < len && !endsToken(text.charCodeAt(i))) {
      return fail(text, i, `"${text[i]}" is not a hex digit (expected pairs such as 81 05 48)`);
    }
    if (digits % 2 === 1) {
      const token = text.slice(start, i);
      return fail(
        text,
        start,
        `"${token}" has ${digits} hex digit${digits === 1 ? '' : 's'}: each byte needs exactly two (write 05, not 5)`,
        i - start,
      );
    }
    for (let d = digitsStart; d < i; d += 2) {
      out[n++] = (hexValue(text.charCodeAt(d)) << 4) | hexValue(text.charCodeAt(d + 1));
    }
  }
  return n === 0
    ? { ok: true, bytes: new Uint8Array(0), format: 'empty' }
    : { ok: true, bytes: out.slice(0, n), format: 'hex' };
}

/**
 * Remove `//` and `/* … *\/` comments, keeping every other character where it was (for line and column). An unclosed
 * `/*` is not a comment. One pass: once no `*\/` follows, no later `/*` is searched for one again.
 */
function blankComments(text: string): string {
  let out = '';
  let copied = 0;
  let closerLeft = true;
  for (let i = 0; i < text.length - 1; i++) {
    if (text.charCodeAt(i) !== 0x2f) continue; // /
    const next = text.charCodeAt(i + 1);
    let end = -1;
    if (next === 0x2f) {
      end = text.indexOf('\n', i);
      if (end < 0) end = text.length;
    } else if (next === 0x2a && closerLeft) {
      const close = text.indexOf('*/', i + 2);
      if (close < 0) closerLeft = false;
      else end = close + 2;
    }
    if (end < 0) continue;
    out += text.slice(copied, i) + text.slice(i, end).replace(/[^\n]/g, ' ');
    copied = end;
    i = end - 1;
  }
  return copied === 0 ? text : out + text.slice(copied);
}

/**
 * Finds the array literal: the first non-empty `{…}`/`[…]` not followed by `=` (which skips C's `buf[7] = {`), else an
 * empty one. One pass: the closer, the next non-space character and the "followed by `=`" answer only move forward,
 * so each is found once however many brackets open before it (`{{{…}=` used to rescan the text per bracket).
 */
function findArray(code: string, from = 0): { open: number; close: number } | null {
  let empty: { open: number; close: number } | null = null;
  const closers = { '}': -1, ']': -1 };
  const assigned = { '}': false, ']': false };
  let nonSpace = from - 1;
  for (let open = from; open < code.length; open++) {
    const ch = code[open];
    if (ch !== '{' && ch !== '[') continue;
    const closer = ch === '{' ? '}' : ']';
    if (closers[closer] <= open) {
      closers[closer] = code.indexOf(closer, open + 1);
      if (closers[closer] < 0) return { open, close: -1 };
      const after = skipWhitespace(code, closers[closer] + 1);
      assigned[closer] = code[after] === '=';
    }
    const close = closers[closer];
    if (assigned[closer]) continue;
    if (nonSpace <= open) nonSpace = skipWhitespace(code, open + 1);
    if (nonSpace < close) return { open, close };
    empty ??= { open, close };
  }
  return empty;
}

function parseArray(text: string, code: string, open: number, close: number): ParseHexResult {
  if (close < 0) return fail(text, open, `"${code[open]}" opens an array that is never closed`);
  const inner = code.slice(open + 1, close);
  if (/[[{]/.test(inner))
    return fail(text, open + 1 + inner.search(/[[{]/), 'nested arrays are not supported');
  const another = findArray(code, close + 1);
  if (another) return fail(text, another.open, 'more than one array literal');
  const bytes: number[] = [];
  if (inner.trim() === '') return { ok: true, bytes: new Uint8Array(0), format: 'array' };
  let at = open + 1;
  const parts = inner.split(',');
  for (let p = 0; p < parts.length; p++) {
    const part = parts[p] as string;
    const element = part.trim();
    const index = at + part.length - part.trimStart().length;
    at += part.length + 1;
    if (element === '') {
      if (p === parts.length - 1 && p > 0) break;
      return fail(text, index, 'empty array element (two commas in a row?)');
    }
    let value: number;
    if (/^0[xX][0-9a-fA-F]+$/.test(element)) value = parseInt(element.slice(2), 16);
    else if (/^[0-9]+$/.test(element)) value = parseInt(element, 10);
    else
      return fail(text, index, `"${element}" is not a byte: array elements are 0x00–0xff or decimal 0–255`);
    if (value > 255) return fail(text, index, `${element} does not fit in a byte (0–255)`);
    bytes.push(value);
  }
  return { ok: true, bytes: Uint8Array.from(bytes), format: 'array' };
}

/**
 * Reads bytes from pasted text: plain hex, `0x`/`\x` hex, C/JS/Python array literals, Python bytes literals
 * (`b'\x81\x05Hello'`), or hex dumps
 * (`xxd`, `hexdump -C`, `od`, Wireshark/`tshark -x`). Never throws; bad input gives an error with a 1-based
 * line and column. Empty input (or only separators) gives zero bytes with format `empty`.
 *
 * @example
 * parseHex('81 85 12 34 56 78 5a 51 3a 14 7d') // → { ok: true, bytes: <11 bytes>, format: 'hex' }
 * parseHex('{0x81, 0x05}')                     // → { ok: true, bytes: <81 05>, format: 'array' }
 * parseHex("b'\\x81\\x05Hello'")                // → 81 05 48 65 6c 6c 6f, format 'python'
 * parseHex('<Buffer 81 05 48 65 6c 6c 6f>')     // → 81 05 48 65 6c 6c 6f, format 'node-buffer'
 * parseHex('gQVIZWxsbw==')                      // → 81 05 48 65 6c 6c 6f, format 'base64'
 * parseHex('00000000: 8105 4865 6c6c 6f  ..Hello') // → 81 05 48 65 6c 6c 6f, format 'xxd'
 * parseHex('81 5')                              // → { ok: false, error: '"5" has 1 hex digit…', line: 1, column: 4 }
 * @see RFC 6455 §5.2 (the frames people paste) and §5.7 (its worked examples in hex)
 */
export function parseHex(text: string): ParseHexResult {
  const dump = parseDump(text);
  if (dump) return dump;
  if (looksLikePythonBytes(text)) return parsePythonBytes(text);
  if (looksLikeNodeBuffer(text)) return parseNodeBuffer(text);
  const code = blankComments(text);
  const array = findArray(code);
  if (array) return parseArray(text, code, array.open, array.close);
  const plain = parsePlain(text);
  // Base64 only when the text is not hex: "81054865" is hex, "gQVIZWxsbw==" cannot be ("//…" is a comment in hex).
  if (plain.ok && plain.format !== 'empty') return plain;
  return parseBase64(text) ?? plain;
}

/**
 * Lower-case hex of each byte, joined by `sep`.
 *
 * @example toHex(new Uint8Array([0x81, 0x05])) // → '81 05'; toHex(bytes, '') → '8105'
 * @see RFC 6455 §5.2
 */
export function toHex(bytes: Uint8Array, sep = ' '): string {
  const parts = new Array<string>(bytes.length);
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i] as number;
    parts[i] = (HEX_DIGITS[b >> 4] as string) + (HEX_DIGITS[b & 15] as string);
  }
  return parts.join(sep);
}

/**
 * A `hexdump -C` style dump (offset, 16 bytes in two groups of 8, ASCII column between bars), one line per
 * 16 bytes, ending with the total length as `hexdump -C` does (empty for no bytes). {@link parseHex} reads it back.
 *
 * @example formatHexDump(new Uint8Array([0x81, 0x05, 0x48, 0x65, 0x6c, 0x6c, 0x6f]))
 * // → '00000000  81 05 48 65 6c 6c 6f                              |..Hello|\n00000007'
 * @see RFC 6455 §5.2
 */
export function formatHexDump(bytes: Uint8Array): string {
  if (bytes.length === 0) return '';
  const lines: string[] = [];
  for (let off = 0; off < bytes.length; off += 16) {
    const row = bytes.subarray(off, Math.min(off + 16, bytes.length));
    const hex = toHex(row.subarray(0, 8)) + (row.length > 8 ? '  ' + toHex(row.subarray(8)) : '');
    lines.push(`${off.toString(16).padStart(8, '0')}  ${hex.padEnd(48, ' ')}  |${asciiColumn(row)}|`);
  }
  lines.push(bytes.length.toString(16).padStart(8, '0'));
  return lines.join('\n');
}
