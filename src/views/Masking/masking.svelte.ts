/**
 * The Masking stepper's state: payload and key as typed, and a cursor that walks the XOR bit by bit.
 * The whole result comes from the codec's `applyMask`; the rows on screen from `maskSteps` on a window.
 */
import { applyMask, maskSteps } from '../../codec/mask';
import { parseHexInput } from '../Builder/hex-input';
import type { MaskingLink } from './masking-link';

/** Rows of the table shown at once, around the cursor. */
export const WINDOW_ROWS = 16;

export type Parsed = { ok: true; bytes: Uint8Array } | { ok: false; error: string };

export class MaskingState {
  payloadMode = $state<'text' | 'hex'>('text');
  payloadInput = $state('Hello');
  keyInput = $state('12 34 56 78');
  /** Bits of the XOR done so far: byte `floor(position / 8)`, bit `position % 8` (0 = most significant). */
  position = $state(0);
  /** True after "unmask": the input is a masked payload and the output is the original. */
  unmasking = $state(false);

  readonly payload: Parsed = $derived.by(() => {
    if (this.payloadMode === 'text') return { ok: true, bytes: new TextEncoder().encode(this.payloadInput) };
    const p = parseHexInput(this.payloadInput);
    return p.ok ? p : { ok: false, error: `Payload: ${p.error}` };
  });
  readonly key: Parsed = $derived.by(() => {
    const p = parseHexInput(this.keyInput);
    if (!p.ok) return { ok: false, error: `Masking key: ${p.error}` };
    if (p.bytes.length !== 4)
      return { ok: false, error: `Masking key: 4 bytes are needed, this is ${p.bytes.length}` };
    return p;
  });
  readonly bytes = $derived(this.payload.ok ? this.payload.bytes : new Uint8Array(0));
  readonly keyBytes = $derived(this.key.ok ? this.key.bytes : null);
  /** The whole masked (or unmasked) payload. */
  readonly result = $derived(this.keyBytes ? applyMask(this.bytes, this.keyBytes) : null);
  readonly totalBits = $derived(this.bytes.length * 8);
  /** The byte the cursor is on (the last one once everything is done). */
  readonly byteIndex = $derived(Math.min(Math.floor(this.position / 8), Math.max(0, this.bytes.length - 1)));
  /** Bits of the current byte already XORed (8 when the byte is done). */
  readonly bitsDone = $derived(this.position >= this.totalBits ? 8 : this.position % 8);
  readonly done = $derived(this.position >= this.totalBits);
  readonly windowStart = $derived(Math.floor(this.byteIndex / WINDOW_ROWS) * WINDOW_ROWS);
  readonly rows = $derived(
    this.keyBytes
      ? maskSteps(this.bytes, this.keyBytes, this.windowStart, this.windowStart + WINDOW_ROWS)
      : [],
  );
  readonly current = $derived(this.rows.find((r) => r.index === this.byteIndex) ?? null);

  private clamp(p: number): void {
    this.position = Math.max(0, Math.min(this.totalBits, p));
  }

  stepBit(delta: 1 | -1): void {
    this.clamp(this.position + delta);
  }

  /** Forward: to the start of the next byte (finishing this one). Back: to the start of this byte, or the previous. */
  stepByte(delta: 1 | -1): void {
    const start = Math.floor(this.position / 8) * 8;
    this.clamp(delta === 1 ? start + 8 : this.position === start ? start - 8 : start);
  }

  goTo(byte: number): void {
    this.clamp(byte * 8);
  }

  reset(): void {
    this.position = 0;
  }

  finish(): void {
    this.position = this.totalBits;
  }

  setPayload(mode: 'text' | 'hex', input: string): void {
    this.payloadMode = mode;
    this.payloadInput = input;
    this.clamp(this.position);
  }

  /** Switch between typing text and hex, converting what is there. */
  setMode(mode: 'text' | 'hex'): void {
    if (mode === this.payloadMode || !this.payload.ok) {
      this.payloadMode = mode;
      return;
    }
    const bytes = this.payload.bytes;
    if (mode === 'hex')
      this.setPayload('hex', Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join(' '));
    else this.setPayload('text', new TextDecoder().decode(bytes));
  }

  /** Feed the result back in: XOR with the same key gives the original bytes back. */
  swap(): void {
    const result = this.result;
    if (!result) return;
    this.payloadMode = 'hex';
    this.payloadInput = Array.from(result, (b) => b.toString(16).padStart(2, '0')).join(' ');
    this.unmasking = !this.unmasking;
    this.position = 0;
  }

  /** The state a share link carries (`masking-link.ts`). */
  toLink(): MaskingLink {
    return {
      mode: this.payloadMode,
      payload: this.payloadInput,
      key: this.keyInput,
      position: this.position,
      unmasking: this.unmasking,
    };
  }

  /** Restore a link's state; the cursor is kept inside the payload. */
  applyLink(l: MaskingLink): void {
    this.payloadMode = l.mode;
    this.payloadInput = l.payload;
    this.keyInput = l.key;
    this.unmasking = l.unmasking;
    this.clamp(l.position);
  }

  /** The older link form: `?payload=<hex>&key=<hex>`. */
  loadParams(params: URLSearchParams): void {
    const payload = params.get('payload');
    const key = params.get('key');
    if (payload !== null) this.setPayload('hex', payload);
    if (key !== null) this.keyInput = key;
  }
}
