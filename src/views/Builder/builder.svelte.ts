/**
 * The Builder's state: a sequence of frame drafts, which one is being edited, and what is lit.
 * Everything shown (bytes, fields, violations, the receiver's verdict) is derived through the codec.
 */
import type { FieldName, FrameField, Role } from '../../codec/types';
import { encodingOfLengthField, maxLengthFor } from '../../codec/frame-header';
import { BUILDER_PRESETS } from '../../content/builder-presets';
import { buildSequence } from './build-sequence';
import {
  decodeUtf8,
  defaultDraft,
  draftFromPreset,
  MAX_PAYLOAD,
  payloadBytes,
  randomKey,
  resizePayload,
  type FrameDraft,
  type PayloadSource,
} from './frame-draft';
import { canSplit, fragmentDraft, giveBackShare, splitDraft } from './fragment';
import { toHex } from './hex-input';
import { concatBytes, runSequence } from './sequence';
import { decodeSharedState, encodeSharedState, sharedStateWire, type SharedState } from './share-state';

/** A span of bits of the selected frame that is lit (by hovering or focusing a bit, a byte or a field). */
export interface Highlight {
  start: number;
  end: number;
}

const FIXED_KEY = new Uint8Array([0x12, 0x34, 0x56, 0x78]);

export class BuilderState {
  role = $state<Role>('client');
  frames = $state<FrameDraft[]>([defaultDraft('client', FIXED_KEY)]);
  selected = $state(0);
  highlight = $state<Highlight | null>(null);
  /** permessage-deflate negotiated for the sequence (RFC 7692): RSV1 then marks compressed messages. */
  deflate = $state(false);
  /** Set when a share link could not be read. */
  linkError = $state<string | null>(null);

  /** Rebuilt from the first frame on every change, with one deflater for the whole sequence (`build-sequence.ts`). */
  readonly built = $derived(buildSequence(this.frames, this.role, this.deflate));
  readonly draft = $derived(this.frames[this.selected] ?? this.frames[0]!);
  readonly current = $derived(this.built[this.selected] ?? this.built[0]!);
  /** Bytes of every frame that could be built, in order. */
  readonly sequenceBytes = $derived(concatBytes(this.built.flatMap((b) => (b.bytes ? [b.bytes] : []))));
  readonly verdict = $derived(
    runSequence(
      this.built.flatMap((b) => (b.bytes ? [b.bytes] : [])),
      this.role,
      this.deflate,
    ),
  );
  /** The fields of the selected frame the highlight touches. */
  readonly litFields = $derived(
    this.highlight === null || !this.current.frame
      ? []
      : this.current.frame.fields.filter(
          (f) => f.bitOffset < this.highlight!.end && f.bitOffset + f.bitLength > this.highlight!.start,
        ),
  );

  /** Edit the selected draft in place (Svelte tracks the change through the state proxy). */
  private edit(change: (d: FrameDraft) => void): void {
    const d = this.frames[this.selected];
    if (d) change(d);
  }

  select(index: number): void {
    if (index >= 0 && index < this.frames.length) {
      this.selected = index;
      this.highlight = null;
    }
  }

  setRole(role: Role): void {
    this.role = role;
    for (const f of this.frames) f.masked = role === 'client';
  }

  setFlag(flag: 'fin' | 'rsv1' | 'rsv2' | 'rsv3' | 'masked' | 'compress', value: boolean): void {
    this.edit((d) => {
      d[flag] = value;
      // Clearing RSV1 on a compressed frame means: do not compress it.
      if (flag === 'rsv1' && !value) d.compress = false;
    });
  }

  setDeflate(on: boolean): void {
    this.deflate = on;
  }

  setOpcode(opcode: number): void {
    this.edit((d) => (d.opcode = opcode & 0x0f));
  }

  setPayload(payload: PayloadSource): void {
    this.edit((d) => (d.payload = payload));
  }

  /**
   * Switch how the payload is entered, keeping its bytes where the new form can hold them. A close code and
   * reason only mean something in a close frame, so that kind also sets the opcode to 0x8; the returned
   * sentence says so (null when the opcode did not change).
   */
  setPayloadKind(kind: 'text' | 'hex' | 'close' | 'fill'): string | null {
    let note: string | null = null;
    this.edit((d) => {
      if (kind === 'close' && d.opcode !== 0x8) {
        note = `Opcode set to 0x8 (close): a close code and reason are the payload of a close frame (RFC 6455 §5.5.1). It was 0x${d.opcode.toString(16)}.`;
        d.opcode = 0x8;
      }
      if (d.payload.kind === kind) return;
      // A share of a compressed message becomes its bytes as they are on the wire.
      const onWire = d.payload.kind === 'deflated' ? this.current.frame?.payload : undefined;
      const current = onWire ? { ok: true as const, bytes: onWire } : payloadBytes(d.payload);
      const bytes = current.ok ? current.bytes : new Uint8Array(0);
      if (kind === 'hex') d.payload = { kind, hex: toHex(bytes) };
      else if (kind === 'text') d.payload = { kind, text: decodeUtf8(bytes) ?? '' };
      else if (kind === 'close') d.payload = { kind, code: 1000, reason: '' };
      else d.payload = { kind, length: bytes.length };
    });
    return note;
  }

  setLengthForm(form: FrameDraft['length']): void {
    this.edit((d) => (d.length = form));
  }

  setKey(key: Uint8Array): void {
    if (key.length === 4) this.edit((d) => (d.key = new Uint8Array(key)));
  }

  randomizeKey(): void {
    this.setKey(randomKey());
  }

  /**
   * Resize the payload to `length` bytes, keeping what fits. A frame of a compressed message instead carries
   * `length` bytes of the compressed payload (as many as there are).
   */
  setPayloadLength(length: number): void {
    if (length < 0 || length > MAX_PAYLOAD) return;
    if (this.current.part) this.edit((d) => (d.cut = length));
    else this.edit((d) => (d.payload = resizePayload(d.payload, length)));
  }

  /**
   * Flip one bit of the selected frame's header. Which draft property changes depends on the field the bit
   * belongs to; the length fields resize the payload or switch the length form.
   */
  toggleBit(bit: number): void {
    const field = this.current.frame?.fields.find(
      (f) => bit >= f.bitOffset && bit < f.bitOffset + f.bitLength,
    );
    if (!field || field.name === 'payload') return;
    const weight = 2 ** (field.bitOffset + field.bitLength - 1 - bit);
    const value = Number(field.value);
    const flipped = Math.floor(value / weight) % 2 === 1 ? value - weight : value + weight;
    this.applyField(field.name, field, flipped, bit);
  }

  /** Whether flipping `bit` is possible (a 64-bit length above the Builder's cap is not). */
  canToggle(bit: number): boolean {
    const field = this.current.frame?.fields.find(
      (f) => bit >= f.bitOffset && bit < f.bitOffset + f.bitLength,
    );
    if (!field || field.name === 'payload') return false;
    if (field.name !== 'extendedPayloadLength') return true;
    const weight = 2 ** (field.bitOffset + field.bitLength - 1 - bit);
    return weight <= MAX_PAYLOAD && Number(field.value) + weight <= MAX_PAYLOAD;
  }

  private applyField(name: FieldName, field: FrameField, value: number, bit: number): void {
    switch (name) {
      case 'fin':
      case 'rsv1':
      case 'rsv2':
      case 'rsv3':
        if (name === 'rsv1' && value === 0 && this.draft.compress) return this.setFlag('rsv1', false);
        return this.setFlag(name, value === 1);
      case 'mask':
        return this.setFlag('masked', value === 1);
      case 'opcode':
        return this.setOpcode(value);
      case 'payloadLength': {
        const form = encodingOfLengthField(value);
        if (form === '7') {
          this.edit((d) => (d.length = 'auto'));
          return this.setPayloadLength(value);
        }
        return this.edit((d) => {
          d.length = form;
          const size = payloadBytes(d.payload);
          if (size.ok && size.bytes.length > maxLengthFor(form))
            d.payload = resizePayload(d.payload, maxLengthFor(form));
        });
      }
      case 'extendedPayloadLength':
        return this.setPayloadLength(value);
      case 'maskingKey': {
        const key = new Uint8Array(this.draft.key);
        const index = (bit - field.bitOffset) >> 3;
        key[index] = (key[index] ?? 0) ^ (0x80 >> ((bit - field.bitOffset) & 7));
        return this.setKey(key);
      }
      default:
        return;
    }
  }

  /** Turn the selected frame into a fragment: it loses FIN and a continuation frame follows it. */
  addContinuation(): void {
    this.insertAfter(fragmentDraft(this.draft, this.current.part, this.role, this.nextKey()));
  }

  /** Whether the selected frame's payload (or its share of a compressed message) can be split in two. */
  get canSplit(): boolean {
    return canSplit(this.draft, this.current.part);
  }

  /** Split the selected frame's payload (or its share of a compressed message) in two; see `fragment.ts`. */
  splitPayload(): void {
    const next = splitDraft(this.draft, this.current.part, this.role, this.nextKey());
    if (next) this.insertAfter(next);
  }

  private nextKey(): Uint8Array {
    return this.role === 'client' ? randomKey() : this.draft.key;
  }

  private insertAfter(next: FrameDraft): void {
    this.frames.splice(this.selected + 1, 0, next);
    this.select(this.selected + 1);
  }

  /** Put a control frame (ping, pong or close) right after the selected frame, e.g. between two fragments. */
  insertControl(opcode: 0x8 | 0x9 | 0xa): void {
    const next: FrameDraft = {
      ...defaultDraft(this.role, this.role === 'client' ? randomKey() : FIXED_KEY),
      opcode,
      payload: opcode === 0x8 ? { kind: 'close', code: 1000, reason: '' } : { kind: 'text', text: 'ping' },
    };
    this.insertAfter(next);
  }

  /** Remove a frame; a share of a compressed message goes back to the frame before it (`giveBackShare`). */
  removeFrame(index: number): void {
    if (this.frames.length <= 1) return;
    giveBackShare(this.frames, this.built, index);
    this.frames.splice(index, 1);
    this.select(Math.min(this.selected, this.frames.length - 1));
  }

  loadPreset(id: string): boolean {
    const preset = BUILDER_PRESETS.find((p) => p.id === id);
    if (!preset) return false;
    this.role = preset.role;
    this.deflate = preset.deflate ?? false;
    this.frames = preset.frames.map(draftFromPreset);
    this.selected = 0;
    this.highlight = null;
    return true;
  }

  /** The state as URL parameters (see `share-state.ts`). */
  toParams(): Record<string, string> {
    return {
      s: encodeSharedState({
        role: this.role,
        frames: this.frames,
        selected: this.selected,
        deflate: this.deflate,
      }),
    };
  }

  /** The state as a share link's object (see `share-state.ts`). */
  toShared(): object {
    return sharedStateWire({
      role: this.role,
      frames: this.frames,
      selected: this.selected,
      deflate: this.deflate,
    });
  }

  /** Restore a state read from a link. */
  applyShared(state: SharedState): void {
    this.role = state.role;
    this.deflate = state.deflate;
    this.frames = state.frames;
    this.selected = state.selected;
    this.highlight = null;
  }

  /** Restore from URL parameters; a preset id (`preset=`) also works. Returns false when nothing was loaded. */
  loadParams(params: URLSearchParams): boolean {
    const preset = params.get('preset');
    if (preset !== null) {
      if (this.loadPreset(preset)) return true;
      this.linkError = `The link asks for a preset called “${preset}”, which does not exist.`;
      return false;
    }
    const s = params.get('s');
    if (s === null) return false;
    const read = decodeSharedState(s);
    if (!read.ok) {
      this.linkError = read.error;
      return false;
    }
    this.applyShared(read.state);
    return true;
  }
}
