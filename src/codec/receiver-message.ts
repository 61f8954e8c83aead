/**
 * The message layer of the receiver: fragment order (RFC 6455 §5.4), reassembly, the size limit
 * (§7.4.1, 1009), UTF-8 of text messages checked as bytes arrive (§8.1), and inflation of compressed
 * messages (RFC 7692 §6).
 */
import { concatFresh } from './fresh-bytes';
import type { MessageInflater, ReceiverEvent, ReceiverOptions, Violation } from './types';
import { createUtf8Validator } from './utf8';
import { violation } from './violations';

type MessageEvent = Extract<ReceiverEvent, { type: 'message' }>;
export type FrameResult = null | { event: MessageEvent } | { violation: Violation };

const textDecoder = new TextDecoder('utf-8');

/**
 * A message event. `text` is a getter on the prototype that decodes on first read and keeps the result:
 * decoding every text message eagerly would cap a receiver at TextDecoder's speed. Read `text` (don't
 * spread the event) when you need it as a plain object, e.g. before `postMessage`.
 */
class TextOrBinaryMessage {
  readonly type = 'message' as const;
  declare compressedLength?: number;
  #text: string | undefined;

  constructor(
    readonly opcode: 1 | 2,
    readonly data: Uint8Array,
    readonly offset: number,
    readonly frames: number,
  ) {}

  get text(): string | undefined {
    if (this.opcode !== 1) return undefined;
    this.#text ??= textDecoder.decode(this.data);
    return this.#text;
  }

  /** A plain copy with `text` filled in, for JSON and structured cloning. */
  toJSON(): MessageEvent {
    const plain: MessageEvent = {
      type: this.type,
      opcode: this.opcode,
      data: this.data,
      offset: this.offset,
      frames: this.frames,
    };
    if (this.opcode === 1) plain.text = this.text!;
    if (this.compressedLength !== undefined) plain.compressedLength = this.compressedLength;
    return plain;
  }
}

export class MessageState {
  private readonly maxSize: number;
  private readonly inflater: MessageInflater | null;
  private readonly utf8 = createUtf8Validator();

  /** 0 when no message is in progress, else its opcode (1 text, 2 binary). */
  private opcode = 0;
  private compressed = false;
  private offset = 0;
  private frames = 0;
  private size = 0;
  private wireSize = 0;
  private parts: Uint8Array[] = [];
  /** Bytes of the current text message validated so far (for the index in a UTF-8 violation). */
  private validated = 0;
  /** Stream offset of the lead byte of an unfinished UTF-8 sequence. */
  private leadOffset = 0;

  constructor(opts: ReceiverOptions, inflater: MessageInflater | null) {
    this.maxSize = opts.maxMessageSize ?? Number.MAX_SAFE_INTEGER;
    this.inflater = inflater;
  }

  /** Rules for a data frame's header given the message in progress; starts a new message. */
  checkFrame(opcode: number, rsv1: boolean, length: number, at: number): Violation | null {
    if (opcode === 0) {
      if (this.opcode === 0) return violation('unexpected-continuation', at);
    } else {
      if (this.opcode !== 0)
        return violation('expected-continuation', at, { name: opcode === 1 ? 'text' : 'binary' });
      this.opcode = opcode;
      this.compressed = rsv1;
      this.offset = at;
      this.frames = 0;
      this.size = 0;
      this.wireSize = 0;
      this.validated = 0;
      this.parts = [];
      this.utf8.reset();
    }
    if (!this.compressed && this.size + length > this.maxSize) {
      return violation('message-too-big', at + 1, { size: this.size + length, limit: this.maxSize });
    }
    // Compressed data can legitimately be a little larger than what it inflates to (fixed Huffman codes
    // spend 9 bits on some bytes, stored blocks 5 bytes per 64 KiB), never more than an eighth larger.
    if (this.compressed && this.wireSize + length > this.maxSize * 1.125 + 1024) {
      return violation('message-too-big', at + 1, {
        what: 'compressed message',
        size: this.wireSize + length,
        limit: this.maxSize,
      });
    }
    return null;
  }

  /** Whether a frame's raw payload bytes are text to validate as they arrive. */
  validatesRawText(opcode: number): boolean {
    return opcode < 8 && this.opcode === 1 && !this.compressed;
  }

  /**
   * Validate bytes[start..end) of the current text message, found at stream offset `at`; -1, or the index
   * of the first invalid byte.
   */
  validateText(bytes: Uint8Array, start: number, end: number, at: number): number {
    const bad = this.utf8.write(bytes, start, end);
    if (bad >= 0) {
      this.validated += bad - start;
      return bad;
    }
    this.validated += end - start;
    // Remember where an unfinished sequence began, in case the message ends before it does.
    const pending = this.utf8.pending;
    if (pending > 0 && pending <= end - start) this.leadOffset = at + (end - start) - pending;
    return -1;
  }

  utf8Violation(bytes: Uint8Array, bad: number, offset: number): Violation {
    return violation('invalid-utf8', offset, {
      byte: bytes[bad]!,
      index: this.validated,
      why: this.utf8.why,
    });
  }

  /** A data frame is complete: add it to the message; at FIN, the message event. */
  addFrame(fin: boolean, payload: Uint8Array, frameOffset: number, payloadOffset: number): FrameResult {
    this.frames++;
    this.wireSize += payload.length;
    let data = payload;
    if (this.compressed) {
      if (!this.inflater) return { violation: violation('reserved-bit-set', frameOffset, { bit: 'RSV1' }) };
      const r = this.inflater.inflate(payload, fin, this.maxSize - this.size);
      if (!r.ok) {
        return {
          violation: r.tooBig
            ? violation('message-too-big', frameOffset, {
                what: 'inflated message',
                size: this.size + r.size,
                limit: this.maxSize,
              })
            : violation('inflate-failed', payloadOffset, { why: r.reason }),
        };
      }
      data = r.data;
      if (this.opcode === 1) {
        const bad = this.validateText(data, 0, data.length, payloadOffset);
        if (bad >= 0) return { violation: this.utf8Violation(data, bad, payloadOffset) };
      }
    }
    this.size += data.length;
    if (!fin) {
      if (data.length > 0) this.parts.push(data);
      return null;
    }
    if (this.opcode === 1 && !this.utf8.complete) {
      // For a compressed message the inflated bytes have no place on the wire: point at the frame's payload.
      const at = this.compressed ? payloadOffset : this.leadOffset;
      return {
        violation: violation('invalid-utf8', at, {
          byte: this.utf8.pendingLead,
          index: this.validated - this.utf8.pending,
          why: 'sequence cut off by the end of the message',
        }),
      };
    }
    if (this.parts.length > 0) {
      if (data.length > 0) this.parts.push(data);
      data = concatFresh(this.parts, this.size);
    }
    const event = new TextOrBinaryMessage(this.opcode as 1 | 2, data, this.offset, this.frames);
    if (this.compressed) event.compressedLength = this.wireSize;
    this.opcode = 0;
    this.parts = [];
    return { event };
  }
}

export function createMessageState(opts: ReceiverOptions, inflater: MessageInflater | null): MessageState {
  return new MessageState(opts, inflater);
}
