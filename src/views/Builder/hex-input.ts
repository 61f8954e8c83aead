/**
 * Hex typed by a person (payloads, masking keys), read by the codec's `parseHex`: `48 65 6c`, `0x48,0x65`,
 * `486 56c`, even a hex dump. The error names where the problem is.
 */
import { parseHex } from '../../codec/hex';

export { toHex } from '../../codec/hex';

export type HexInput = { ok: true; bytes: Uint8Array } | { ok: false; error: string };

export function parseHexInput(text: string): HexInput {
  const parsed = parseHex(text);
  if (parsed.ok) return { ok: true, bytes: parsed.bytes };
  const where = parsed.line > 1 ? `line ${parsed.line}, column ${parsed.column}` : `column ${parsed.column}`;
  return { ok: false, error: `${parsed.error}, at ${where}` };
}
