/**
 * Strict UTF-8 validation (RFC 3629, as RFC 6455 §8.1 requires for text messages), incremental so a
 * receiver can fail at the first invalid byte even when a code point is split across frames or chunks.
 * It accepts exactly what `new TextDecoder('utf-8', { fatal: true })` accepts.
 */

export type Utf8Result =
  | { valid: true; ascii: boolean }
  | {
      valid: false;
      /** Index of the first byte that cannot be part of valid UTF-8 (for a cut-off sequence: its lead byte). */
      index: number;
      byte: number;
      /** Why, in words: `continuation byte without a lead byte`, `overlong encoding`, … */
      why: string;
    };

/** An incremental validator: `write` the bytes of a message in order, then `end`. */
export interface Utf8Validator {
  /**
   * Validate `bytes[start..end)`, continuing any sequence left open by the previous write.
   * Returns -1 while everything is valid, else the index in `bytes` of the first invalid byte (see `why`).
   */
  write(bytes: Uint8Array, start?: number, end?: number): number;
  /** True when no multi-byte sequence is left unfinished (call at the end of the message). */
  readonly complete: boolean;
  /** True while every byte so far was ASCII. */
  readonly ascii: boolean;
  /** Bytes of the unfinished sequence seen so far (0 when complete), lead byte included. */
  readonly pending: number;
  /** The lead byte of the unfinished sequence (0 when complete). */
  readonly pendingLead: number;
  /** Why the last failing `write` failed. */
  readonly why: string;
  /** Start again for a new message. */
  reset(): void;
}

// Lead byte → (number of continuation bytes, allowed range of the first continuation byte).
//   0xxxxxxx                      ASCII
//   110xxxxx 10xxxxxx             C2–DF (C0, C1 would be overlong)
//   1110xxxx 10xxxxxx 10xxxxxx    E0 needs A0–BF (overlong below), ED needs 80–9F (no surrogates D800–DFFF)
//   11110xxx 10xxxxxx ×3          F0 needs 90–BF (overlong), F4 needs 80–8F (≤ U+10FFFF); F5–FF never
function leadInfo(b: number): { need: number; lo: number; hi: number; why: string } {
  if (b >= 0xc2 && b <= 0xdf) return { need: 1, lo: 0x80, hi: 0xbf, why: '' };
  if (b === 0xe0) return { need: 2, lo: 0xa0, hi: 0xbf, why: 'overlong 3-byte encoding' };
  if (b === 0xed) return { need: 2, lo: 0x80, hi: 0x9f, why: 'UTF-16 surrogate (U+D800–U+DFFF)' };
  if (b >= 0xe1 && b <= 0xef) return { need: 2, lo: 0x80, hi: 0xbf, why: '' };
  if (b === 0xf0) return { need: 3, lo: 0x90, hi: 0xbf, why: 'overlong 4-byte encoding' };
  if (b === 0xf4) return { need: 3, lo: 0x80, hi: 0x8f, why: 'code point above U+10FFFF' };
  if (b >= 0xf1 && b <= 0xf3) return { need: 3, lo: 0x80, hi: 0xbf, why: '' };
  return { need: -1, lo: 0, hi: 0, why: invalidLeadWhy(b) };
}

function invalidLeadWhy(b: number): string {
  if (b >= 0x80 && b <= 0xbf) return 'continuation byte without a lead byte';
  if (b === 0xc0 || b === 0xc1) return 'overlong 2-byte encoding';
  return 'byte never used in UTF-8 (F5–FF)';
}

class Validator implements Utf8Validator {
  /** Continuation bytes still expected. */
  private need = 0;
  /** Allowed range for the next continuation byte (narrower than 80–BF only right after some lead bytes). */
  private lo = 0x80;
  private hi = 0xbf;
  private leadWhy = '';
  /** Continuation bytes the current sequence needs in all (1–3). */
  private total = 0;
  pendingLead = 0;
  ascii = true;
  why = '';

  get complete(): boolean {
    return this.need === 0;
  }

  get pending(): number {
    return this.need === 0 ? 0 : this.total - this.need + 1;
  }

  reset(): void {
    this.need = 0;
    this.lo = 0x80;
    this.hi = 0xbf;
    this.ascii = true;
    this.why = '';
  }

  write(bytes: Uint8Array, start = 0, end = bytes.length): number {
    let i = start;
    let need = this.need;
    let lo = this.lo;
    let hi = this.hi;
    while (i < end) {
      if (need === 0) {
        // ASCII fast path.
        while (i < end && bytes[i]! < 0x80) i++;
        if (i === end) break;
        this.ascii = false;
        const b = bytes[i]!;
        const info = leadInfo(b);
        if (info.need < 0) {
          this.why = info.why;
          this.need = 0;
          return i;
        }
        need = info.need;
        this.total = info.need;
        this.pendingLead = b;
        lo = info.lo;
        hi = info.hi;
        this.leadWhy = info.why;
        i++;
        continue;
      }
      const c = bytes[i]!;
      if (c < lo || c > hi) {
        this.why =
          c >= 0x80 && c <= 0xbf && this.leadWhy
            ? this.leadWhy
            : `expected a continuation byte ${lo.toString(16)}–${hi.toString(16)}`;
        this.need = 0;
        return i;
      }
      need--;
      lo = 0x80;
      hi = 0xbf;
      i++;
    }
    this.need = need;
    this.lo = lo;
    this.hi = hi;
    return -1;
  }
}

/**
 * A fresh incremental UTF-8 validator.
 *
 * @example
 * const v = createUtf8Validator();
 * v.write(new Uint8Array([0xe2, 0x82])); // -1: valid so far (a 3-byte sequence is open)
 * v.write(new Uint8Array([0xac]));       // -1, and v.complete is true: "€"
 * @see RFC 6455 §8.1
 */
export function createUtf8Validator(): Utf8Validator {
  return new Validator();
}

/**
 * Validate a whole byte string as UTF-8.
 *
 * @example
 * validateUtf8(new Uint8Array([0x48, 0x69]));       // { valid: true, ascii: true }
 * validateUtf8(new Uint8Array([0xce, 0xba, 0xed, 0xa0, 0x80])); // { valid: false, index: 3, byte: 0xa0, … surrogate }
 * @see RFC 6455 §8.1
 */
export function validateUtf8(bytes: Uint8Array): Utf8Result {
  const v = new Validator();
  const bad = v.write(bytes);
  if (bad >= 0) return { valid: false, index: bad, byte: bytes[bad]!, why: v.why };
  if (!v.complete) {
    const lead = findOpenLead(bytes);
    return { valid: false, index: lead, byte: bytes[lead]!, why: 'sequence cut off by the end of the data' };
  }
  return { valid: true, ascii: v.ascii };
}

/** Index of the lead byte of the sequence left open at the end of `bytes` (which must end inside one). */
export function findOpenLead(bytes: Uint8Array, end = bytes.length): number {
  let i = end - 1;
  while (i > 0 && (bytes[i]! & 0b1100_0000) === 0b1000_0000) i--;
  return i;
}
