/**
 * Python bytes literals, as `print(data)` or `repr(data)` shows them: `b'\x81\x05Hello'`, `b"it's"`,
 * `bytearray(b'…')`, `bytes(b'…')`, and several literals in a row (Python joins adjacent literals; `pprint`
 * splits long ones over lines inside parentheses). Printable ASCII characters are their own bytes.
 */
import { failAt, isWhitespace, skipWhitespace, type ParseHexResult } from './hex-source';

/** Single-character escapes of Python bytes literals (Python reference, "String and Bytes literals"). */
const SIMPLE_ESCAPES: Record<string, number> = {
  '\\': 0x5c,
  "'": 0x27,
  '"': 0x22,
  a: 0x07,
  b: 0x08,
  f: 0x0c,
  n: 0x0a,
  r: 0x0d,
  t: 0x09,
  v: 0x0b,
};

function fail(text: string, index: number, error: string): ParseHexResult {
  return failAt(text, index, error);
}

function isOctal(ch: string | undefined): boolean {
  return ch !== undefined && ch >= '0' && ch <= '7';
}

/** Reads one escape after the backslash at `at`; returns the byte (or null for a line continuation) and the end. */
function escape(text: string, at: number): { byte: number | null; end: number } | { error: string } {
  const ch = text[at + 1];
  if (ch === undefined) return { error: 'the literal ends with a lone "\\"' };
  if (ch === '\n') return { byte: null, end: at + 2 };
  if (ch === '\r') return { byte: null, end: text[at + 2] === '\n' ? at + 3 : at + 2 };
  const simple = SIMPLE_ESCAPES[ch];
  if (simple !== undefined) return { byte: simple, end: at + 2 };
  if (ch === 'x') {
    const digits = text.slice(at + 2, at + 4);
    if (!/^[0-9a-fA-F]{2}$/.test(digits))
      return {
        error: `"\\x${digits.replace(/[^0-9a-fA-F].*$/s, '')}" needs exactly two hex digits (\\x05, not \\x5)`,
      };
    return { byte: parseInt(digits, 16), end: at + 4 };
  }
  if (isOctal(ch)) {
    let end = at + 1;
    while (end < at + 4 && isOctal(text[end])) end++;
    const value = parseInt(text.slice(at + 1, end), 8);
    if (value > 0o377)
      return { error: `"\\${text.slice(at + 1, end)}" is more than 0o377 and does not fit in a byte` };
    return { byte: value, end };
  }
  // Python keeps an unknown escape as the backslash and the character.
  return { byte: 0x5c, end: at + 1 };
}

/** Reads the literal whose quote is at `quote`; pushes its bytes; returns the index after the closing quote. */
function literal(text: string, quote: number, out: number[]): number | ParseHexResult {
  const q = text[quote] as string;
  const triple = text.startsWith(q.repeat(3), quote);
  const close = triple ? q.repeat(3) : q;
  let i = quote + close.length;
  for (;;) {
    if (i >= text.length) return fail(text, quote - 1, `this bytes literal is never closed with ${close}`);
    if (text.startsWith(close, i)) return i + close.length;
    const ch = text[i] as string;
    const code = text.charCodeAt(i);
    if (ch === '\\') {
      const e = escape(text, i);
      if ('error' in e) return fail(text, i, e.error);
      if (e.byte !== null) out.push(e.byte);
      i = e.end;
      continue;
    }
    if (ch === '\n' && !triple)
      return fail(text, quote - 1, `this bytes literal is never closed with ${close} on its line`);
    if (code > 0x7f)
      return fail(text, i, `"${ch}" is not ASCII: a bytes literal writes other bytes as \\xNN escapes`);
    out.push(code);
    i++;
  }
}

/**
 * Whether `text` looks like a Python bytes literal: `b'`/`b"` first, possibly inside `bytearray(`, `bytes(` or `(`.
 *
 * @example looksLikePythonBytes("bytearray(b'\\x81')") // → true; looksLikePythonBytes('81 05') → false
 * @see RFC 6455 §5.2 (the frames people paste)
 */
export function looksLikePythonBytes(text: string): boolean {
  // Read by hand, one pass: a regular expression with two optional runs of spaces backtracks quadratically.
  const i = skipWhitespace(text, 0);
  const call = text.startsWith('bytearray', i) ? 9 : text.startsWith('bytes', i) ? 5 : 0;
  if (call > 0) {
    const paren = skipWhitespace(text, i + call);
    if (text[paren] === '(' && opensLiteral(text, skipWhitespace(text, paren + 1))) return true;
  }
  return opensLiteral(text, i);
}

/** `(`, optionally, then spaces, then `b'` or `b"`, from `i`. */
function opensLiteral(text: string, i: number): boolean {
  const at = text[i] === '(' ? skipWhitespace(text, i + 1) : i;
  const b = text[at];
  const q = text[at + 1];
  return (b === 'b' || b === 'B') && (q === "'" || q === '"');
}

/**
 * Reads one or more adjacent Python bytes literals, optionally wrapped in `bytearray(…)`, `bytes(…)` or `(…)`.
 * Escapes: `\xNN`, octal `\NNN` (up to three digits), `\n \r \t \\ \' \" \a \b \f \v`, backslash-newline;
 * any other backslash stays a backslash, as in Python. `#` comments between literals are skipped.
 *
 * @example parsePythonBytes("b'\\x81\\x05Hello'") // → { ok: true, bytes: <81 05 48 65 6c 6c 6f>, format: 'python' }
 * @see RFC 6455 §5.2
 */
export function parsePythonBytes(text: string): ParseHexResult {
  const out: number[] = [];
  const opens: number[] = [];
  let literals = 0;
  let i = 0;
  while (i < text.length) {
    const ch = text[i] as string;
    const rest = text.slice(i, i + 10);
    if (isWhitespace(text.charCodeAt(i))) {
      i++;
    } else if (ch === '#') {
      while (i < text.length && text[i] !== '\n') i++;
    } else if ((ch === 'b' || ch === 'B') && (text[i + 1] === "'" || text[i + 1] === '"')) {
      const end = literal(text, i + 1, out);
      if (typeof end !== 'number') return end;
      literals++;
      i = end;
    } else if (literals === 0 && /^(?:bytearray|bytes)\s*\(/.test(rest)) {
      opens.push(i);
      i = text.indexOf('(', i) + 1;
    } else if (literals === 0 && ch === '(') {
      opens.push(i);
      i++;
    } else if (ch === ')' && opens.length > 0) {
      opens.pop();
      i++;
    } else if (ch === ')') {
      return fail(text, i, '")" closes nothing');
    } else {
      return fail(
        text,
        i,
        `"${ch}" is outside the bytes literals (expected b'…' literals, one after another)`,
      );
    }
  }
  if (opens.length > 0) return fail(text, opens[opens.length - 1] as number, '"(" is never closed');
  return { ok: true, bytes: Uint8Array.from(out), format: 'python' };
}
