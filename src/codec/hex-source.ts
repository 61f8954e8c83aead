/** Shared pieces of the hex reader (`hex.ts`, `hex-dump.ts`): the result type and positions in the pasted text. */

/** Which kind of paste {@link parseHex} recognised. */
export type HexFormat = 'empty' | 'hex' | 'array' | 'python' | 'xxd' | 'hexdump -C' | 'od' | 'wireshark';

/** Bytes and the recognised format, or an error at a 1-based line and column of the input. */
export type ParseHexResult =
  | { ok: true; bytes: Uint8Array; format: HexFormat }
  | { ok: false; error: string; line: number; column: number };

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
