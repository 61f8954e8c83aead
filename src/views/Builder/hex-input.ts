/**
 * Reading hex typed by a person (payloads, masking keys): `48 65 6c`, `0x48,0x65`, `48656c` all work.
 * Whitespace, commas, colons and `0x` prefixes are ignored; anything else is reported with its position.
 */
export type HexInput = { ok: true; bytes: Uint8Array } | { ok: false; error: string };

export function parseHexInput(text: string): HexInput {
  const digits: string[] = [];
  const source = text.replace(/0x/gi, '  ');
  for (let i = 0; i < source.length; i++) {
    const c = source[i] as string;
    if (/[0-9a-f]/i.test(c)) digits.push(c);
    else if (!/[\s,:;-]/.test(c))
      return { ok: false, error: `“${c}” at position ${i + 1} is not a hex digit` };
  }
  if (digits.length % 2 !== 0)
    return { ok: false, error: `odd number of hex digits (${digits.length}): the last byte is incomplete` };
  const bytes = new Uint8Array(digits.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(digits[2 * i]! + digits[2 * i + 1]!, 16);
  return { ok: true, bytes };
}

/** `81 05 48` (spaced) or `810548` (compact), lowercase. */
export function toHex(bytes: Uint8Array, separator = ' '): string {
  let out = '';
  for (let i = 0; i < bytes.length; i++) {
    if (i > 0) out += separator;
    out += (bytes[i] as number).toString(16).padStart(2, '0');
  }
  return out;
}
