/**
 * Text helpers shared by the decoders: the UTF-8 text of a message and short renderings of bytes.
 */
import type { Span, WsMessage } from './types';

const strict = new TextDecoder('utf-8', { fatal: true });
const lenient = new TextDecoder('utf-8');

/**
 * The message's payload as UTF-8 text, or null when it is not valid UTF-8.
 *
 * @example
 * messageText({ direction: 'c2s', opcode: 1, data: new TextEncoder().encode('42["chat"]') }); // '42["chat"]'
 */
export function messageText(message: WsMessage): string | null {
  return utf8Text(message.data);
}

/** Bytes as UTF-8 text, or null when they are not valid UTF-8. */
export function utf8Text(bytes: Uint8Array): string | null {
  try {
    return strict.decode(bytes);
  } catch {
    return null;
  }
}

/** Bytes as UTF-8 text with U+FFFD for invalid sequences: for showing, never for deciding. */
export function lenientText(bytes: Uint8Array): string {
  return lenient.decode(bytes);
}

/** Up to `max` bytes as spaced hex, with `…` when there are more: `01 02 ff …`. */
export function shortHex(bytes: Uint8Array, max = 16): string {
  const shown = Array.from(bytes.subarray(0, max), (b) => b.toString(16).padStart(2, '0')).join(' ');
  return bytes.length > max ? `${shown} …` : shown;
}

/** A string for a one-line summary: quoted, cut to `max` characters with `…`. */
export function quote(text: string, max = 40): string {
  const cut = text.length > max ? `${text.slice(0, max)}…` : text;
  return JSON.stringify(cut);
}

/** The span of bytes `[start, end)` of message `message`. */
export function span(message: number, start: number, end: number): Span {
  return { message, start, end };
}

/** The UTF-8 length of the first `chars` UTF-16 code units of `text` (surrogate pairs count as one 4-byte code point). */
export function utf8Length(text: string, chars = text.length): number {
  let bytes = 0;
  for (let i = 0; i < chars; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < chars && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}
