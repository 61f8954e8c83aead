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

// A DFA (after Björn Höhrmann's "Flexible and Economical UTF-8 Decoder"), one table look-up a byte and no
// allocation. States: 0 accept (between code points), 1 reject, 2/3 one/two continuation bytes to go,
// 4 after E0 (needs A0–BF: no overlongs), 5 after ED (needs 80–9F: no surrogates), 6 after F0 (needs 90–BF),
// 7 after F1–F3, 8 after F4 (needs 80–8F: ≤ U+10FFFF). A state is stored multiplied by 256, so the next
// state is STEP[state + byte].
const ACCEPT = 0;
const REJECT = 256;
/** Continuation-byte ranges: 80–8F, 90–9F, A0–BF. */
const C80 = 1;
const C90 = 2;
const CA0 = 4;
// [allowed continuation ranges, next state] for each waiting state.
const WAITING: Record<number, [number, number]> = {
  2: [C80 | C90 | CA0, 0],
  3: [C80 | C90 | CA0, 2],
  4: [CA0, 2],
  5: [C80 | C90, 2],
  6: [C90 | CA0, 3],
  7: [C80 | C90 | CA0, 3],
  8: [C80, 3],
};
function leadState(b: number): number {
  if (b < 0x80) return 0;
  if (b >= 0xc2 && b <= 0xdf) return 2;
  if (b === 0xe0) return 4;
  if (b === 0xed) return 5;
  if (b >= 0xe1 && b <= 0xef) return 3;
  if (b === 0xf0) return 6;
  if (b >= 0xf1 && b <= 0xf3) return 7;
  if (b === 0xf4) return 8;
  return 1;
}
const STEP = new Uint16Array(9 * 256);
for (let b = 0; b < 256; b++) {
  STEP[b] = leadState(b) * 256;
  STEP[256 + b] = REJECT;
  const range =
    b >= 0x80 && b <= 0x8f ? C80 : b >= 0x90 && b <= 0x9f ? C90 : b >= 0xa0 && b <= 0xbf ? CA0 : 0;
  for (const [state, [allowed, next]] of Object.entries(WAITING)) {
    STEP[Number(state) * 256 + b] = range & allowed ? next * 256 : REJECT;
  }
}

/** Why byte `c` cannot follow the open sequence started by `lead` (0 when none is open). */
function rejectWhy(lead: number, c: number): string {
  if (lead === 0) {
    if (c >= 0x80 && c <= 0xbf) return 'continuation byte without a lead byte';
    if (c === 0xc0 || c === 0xc1) return 'overlong 2-byte encoding';
    return 'byte never used in UTF-8 (F5–FF)';
  }
  if (c >= 0x80 && c <= 0xbf) {
    if (lead === 0xe0) return 'overlong 3-byte encoding';
    if (lead === 0xed) return 'UTF-16 surrogate (U+D800–U+DFFF)';
    if (lead === 0xf0) return 'overlong 4-byte encoding';
    if (lead === 0xf4) return 'code point above U+10FFFF';
  }
  return 'expected a continuation byte 80–bf';
}

class Validator implements Utf8Validator {
  private state = ACCEPT;
  /** Bytes of the open sequence seen so far, and its lead byte. */
  pending = 0;
  pendingLead = 0;
  ascii = true;
  why = '';

  get complete(): boolean {
    return this.state === ACCEPT;
  }

  reset(): void {
    this.state = ACCEPT;
    this.pending = 0;
    this.pendingLead = 0;
    this.ascii = true;
    this.why = '';
  }

  write(bytes: Uint8Array, start = 0, end = bytes.length): number {
    let state = this.state;
    let ascii = true;
    let i = start;
    while (i < end) {
      const b = bytes[i]!;
      if (state === ACCEPT) {
        if (b < 0x80) {
          i++;
          continue;
        }
        ascii = false;
        // Whole sequences inside the range are checked in one go; the DFA below handles the rest.
        if (b >= 0xc2 && b <= 0xdf && i + 1 < end) {
          // 110xxxxx 10xxxxxx
          if ((bytes[i + 1]! & 0xc0) === 0x80) {
            i += 2;
            continue;
          }
        } else if (b >= 0xe1 && b <= 0xef && b !== 0xed && i + 2 < end) {
          // 1110xxxx 10xxxxxx 10xxxxxx (E0 and ED, with narrower second bytes, take the DFA)
          if ((bytes[i + 1]! & 0xc0) === 0x80 && (bytes[i + 2]! & 0xc0) === 0x80) {
            i += 3;
            continue;
          }
        } else if (b >= 0xf1 && b <= 0xf3 && i + 3 < end) {
          // 11110xxx 10xxxxxx 10xxxxxx 10xxxxxx (F0 and F4 take the DFA)
          if (
            (bytes[i + 1]! & 0xc0) === 0x80 &&
            (bytes[i + 2]! & 0xc0) === 0x80 &&
            (bytes[i + 3]! & 0xc0) === 0x80
          ) {
            i += 4;
            continue;
          }
        }
      }
      const next = STEP[state + b]!;
      if (next === REJECT) {
        if (!ascii) this.ascii = false;
        return this.rejectAt(bytes, start, i, state);
      }
      state = next;
      i++;
    }
    if (!ascii) this.ascii = false;
    this.state = state;
    if (state !== ACCEPT || this.pending !== 0) this.trackOpen(bytes, start, end);
    return -1;
  }

  /** After a write: which sequence, if any, is left open at its end. */
  private trackOpen(bytes: Uint8Array, start: number, end: number): void {
    if (this.state === ACCEPT) {
      this.pending = 0;
      this.pendingLead = 0;
      return;
    }
    // The lead is among the last 3 bytes of this write, or the sequence began in an earlier write.
    for (let j = end - 1; j >= Math.max(start, end - 4); j--) {
      if ((bytes[j]! & 0b1100_0000) !== 0b1000_0000) {
        this.pendingLead = bytes[j]!;
        this.pending = end - j;
        return;
      }
    }
    this.pending += end - start;
  }

  /** Byte i was rejected in state `before`: say why, and start afresh. */
  private rejectAt(bytes: Uint8Array, start: number, i: number, before: number): number {
    let lead = 0;
    if (before !== ACCEPT) {
      // The open sequence's lead is the nearest non-continuation byte before i, or came in an earlier write.
      lead = this.pendingLead;
      for (let j = i - 1; j >= start; j--) {
        if ((bytes[j]! & 0b1100_0000) !== 0b1000_0000) {
          lead = bytes[j]!;
          break;
        }
      }
    }
    this.why = rejectWhy(lead, bytes[i]!);
    this.state = ACCEPT;
    this.pending = 0;
    this.pendingLead = 0;
    return i;
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
    const lead = bytes.length - v.pending;
    return { valid: false, index: lead, byte: bytes[lead]!, why: 'sequence cut off by the end of the data' };
  }
  return { valid: true, ascii: v.ascii };
}
