/**
 * Base64, as Chrome DevTools shows and copies a binary WebSocket message (the DevTools protocol carries binary
 * payloads as Base64). Standard (`+/`) or URL-safe (`-_`) alphabet, padded to a multiple of 4 characters. One
 * word, or lines wrapped at one width (as `base64` and MIME wrap them): text with spaces between its words is
 * hex with a typo far more often than Base64 (`81 05 48 6g`). Part of `parseHex`, which tries it only when the
 * text is not plain hex.
 * @see RFC 4648 §4 (base64), §5 (base64url)
 */
import { isWhitespace, type ParseHexResult } from './hex-source';

/** The 6-bit value of a Base64 character, -1 for padding, -2 for anything else. */
function sextet(c: number, urlSafe: boolean): number {
  if (c >= 65 && c <= 90) return c - 65; // A–Z
  if (c >= 97 && c <= 122) return c - 71; // a–z
  if (c >= 48 && c <= 57) return c + 4; // 0–9
  if (c === (urlSafe ? 0x2d : 0x2b)) return 62; // - or +
  if (c === (urlSafe ? 0x5f : 0x2f)) return 63; // _ or /
  if (c === 0x3d) return -1; // =
  return -2;
}

/**
 * The bytes of Base64 text, or null when the text is not Base64 (a character outside the alphabet, padding in the
 * middle, or a length that is not a multiple of 4). One pass.
 *
 * @example parseBase64('gQVIZWxsbw==') // → { ok: true, bytes: 81 05 48 65 6c 6c 6f, format: 'base64' }
 * @see RFC 4648 §4
 */
export function parseBase64(text: string): ParseHexResult | null {
  let urlSafe = false;
  let standard = false;
  let n = 0;
  let pad = 0;
  const out = new Uint8Array(Math.ceil((text.length * 3) / 4));
  let acc = 0;
  let bits = 0;
  let len = 0;
  // Lines: all but the last exactly as wide as the first, the last no wider; no blank inside a line.
  let width = -1;
  let lineLength = 0;
  const trimmed = text.trim();
  for (let i = 0; i < trimmed.length; i++) {
    const c = trimmed.charCodeAt(i);
    if (c === 0x0a || c === 0x0d) {
      if (lineLength > 0) {
        if (width < 0) width = lineLength;
        else if (lineLength !== width) return null;
      }
      lineLength = 0;
      continue;
    }
    if (isWhitespace(c)) return null;
    if (width >= 0 && lineLength >= width) return null;
    lineLength++;
    if (c === 0x2d || c === 0x5f) urlSafe = true;
    if (c === 0x2b || c === 0x2f) standard = true;
    if (urlSafe && standard) return null;
    const v = sextet(c, urlSafe);
    if (v === -2) return null;
    n++;
    if (v === -1) {
      pad++;
      continue;
    }
    if (pad > 0) return null; // data after padding
    acc = ((acc << 6) | v) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[len++] = (acc >> bits) & 0xff;
    }
  }
  if (n === 0 || n % 4 !== 0 || pad > 2) return null;
  return { ok: true, bytes: out.slice(0, len), format: 'base64' };
}
