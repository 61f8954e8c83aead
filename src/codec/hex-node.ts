/**
 * Node.js Buffers as `console.log` and `util.inspect` print them: `<Buffer 81 05 48 65 6c 6c 6f>`. Node shows at
 * most `buffer.INSPECT_MAX_BYTES` (50) bytes and ends a longer one with `... 12 more bytes>`: those bytes are not
 * in the text, so the result carries a warning. Several Buffers in a row are joined. Part of `parseHex`.
 */
import { failAt, skipWhitespace, type ParseHexResult } from './hex-source';

const OPEN = '<Buffer';

/** The text starts (after whitespace) with `<Buffer`. */
export function looksLikeNodeBuffer(text: string): boolean {
  return text.startsWith(OPEN, skipWhitespace(text, 0));
}

function hexValue(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  const l = c | 0x20;
  return l >= 97 && l <= 102 ? l - 87 : -1;
}

/** Reads `" ... N more byte(s)"` at `i`; returns the count and where it ends, or null. */
function readMore(text: string, i: number): { more: number; end: number } | null {
  const m = /^ \.\.\. (\d{1,15}) more bytes?/.exec(text.slice(i, i + 40));
  return m ? { more: Number(m[1]), end: i + m[0].length } : null;
}

/**
 * Reads one or more `<Buffer …>` in a row, in one pass.
 *
 * @example parseNodeBuffer('<Buffer 81 05 48 65 6c 6c 6f>') // → { ok: true, bytes: 81 05 48 65 6c 6c 6f, format: 'node-buffer' }
 * @example parseNodeBuffer('<Buffer 81 05 ... 12 more bytes>') // → ok, 2 bytes, warning: '… 12 bytes … are not in the text'
 * @see RFC 6455 §5.2 (the frames people print from Node's `ws` and `net` sockets)
 */
export function parseNodeBuffer(text: string): ParseHexResult {
  const out: number[] = [];
  let missing = 0;
  let i = skipWhitespace(text, 0);
  while (i < text.length) {
    if (!text.startsWith(OPEN, i)) return failAt(text, i, 'expected "<Buffer" (as Node prints a Buffer)', 7);
    i += OPEN.length;
    for (;;) {
      const c = text.charCodeAt(i);
      if (c === 0x3e) break; // >
      const more = text.charCodeAt(i + 1) === 0x2e ? readMore(text, i) : null; // " ..."
      if (more) {
        missing += more.more;
        i = more.end;
        if (text.charCodeAt(i) !== 0x3e) return failAt(text, i, 'expected ">" after "… more bytes"');
        break;
      }
      if (c !== 0x20)
        return failAt(
          text,
          i,
          i >= text.length ? 'this Buffer is never closed with ">"' : 'expected a space between bytes',
        );
      const hi = hexValue(text.charCodeAt(i + 1));
      const lo = hexValue(text.charCodeAt(i + 2));
      const after = text.charCodeAt(i + 3);
      if (hi < 0 || lo < 0 || (after !== 0x20 && after !== 0x3e && i + 3 < text.length))
        return failAt(
          text,
          i + 1,
          'a Buffer byte is two hex digits, e.g. 81',
          Math.max(1, Math.min(2, text.length - i - 1)),
        );
      out.push((hi << 4) | lo);
      i += 3;
    }
    i = skipWhitespace(text, i + 1);
  }
  const bytes = Uint8Array.from(out);
  if (missing === 0) return { ok: true, bytes, format: 'node-buffer' };
  return {
    ok: true,
    bytes,
    format: 'node-buffer',
    warning: `Node printed only the first bytes of this Buffer: the other ${missing.toLocaleString('en')} byte${missing === 1 ? '' : 's'} (“… ${missing} more byte${missing === 1 ? '' : 's'}”) are not in the text, so the last frame is cut short. Print it whole with buf.toString('hex') or util.inspect(buf, { maxArrayLength: null }).`,
  };
}
