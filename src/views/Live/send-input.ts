/** What the Send form turns into: a string (text frame) or bytes (binary frame), or an error in words. */
import { parseHex } from '../../codec/hex';

export type SendKind = 'text' | 'json' | 'hex';

export type SendInput = { ok: true; payload: string | Uint8Array } | { ok: false; error: string };

/** Text is sent as is; JSON is checked first (and sent as typed); hex becomes binary. */
export function readSendInput(kind: SendKind, text: string): SendInput {
  if (kind === 'json') {
    try {
      JSON.parse(text);
    } catch (err) {
      return { ok: false, error: `Not valid JSON: ${(err as Error).message}` };
    }
  } else if (kind === 'hex') {
    const parsed = parseHex(text);
    if (!parsed.ok)
      return { ok: false, error: `Not hex: ${parsed.error} (line ${parsed.line}, column ${parsed.column})` };
    return { ok: true, payload: parsed.bytes };
  }
  return { ok: true, payload: text };
}

/** The first 16 bytes as hex, for log lines. */
export function hexPreview(bytes: Uint8Array): string {
  const shown = Array.from(bytes.subarray(0, 16), (b) => b.toString(16).padStart(2, '0')).join(' ');
  return bytes.length > 16 ? `${shown} …` : shown;
}

/** A log line for a message: direction word, kind, size, a preview. */
export function messageLine(
  verb: 'sent' | 'message',
  payload: string | Uint8Array,
  size: number,
  how = '',
): string {
  const kind = typeof payload === 'string' ? 'text' : `binary${how ? ` (${how})` : ''}`;
  const shown =
    typeof payload === 'string'
      ? payload.length > 200
        ? `${payload.slice(0, 200)}…`
        : payload
      : hexPreview(payload);
  return `${verb} · ${kind} · ${size} B · ${shown}`;
}
