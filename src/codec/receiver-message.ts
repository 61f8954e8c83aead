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
const NOTHING = new Uint8Array(0);

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
  /**
   * A fragmented message's bytes, written in place as its frames arrive (see {@link reserve}): one allocation
   * per message instead of one per frame plus a copy at the end. Null when the message collects `parts`.
   */
  private buf: Uint8Array | null = null;
  /** Size of the last message gathered in place: the first guess of the next one's. */
  private lastInPlace = 0;
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
      this.parts.length = 0;
      this.buf = null;
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

  /**
   * Room for the next `n` payload bytes of the current uncompressed message, written in place at `inPlaceAt`
   * of `inPlace`, then added with {@link addInPlace}. Only for a message of several frames (a single frame's
   * payload is its message already); false when the message collects its frames another way.
   */
  reserve(n: number, fin: boolean): boolean {
    if (this.compressed || (this.frames === 0 && fin) || this.parts.length > 0) return false;
    const need = this.size + n;
    const buf = this.buf;
    if (buf && buf.length >= need) return true;
    // The size of the last such message is the best guess (but not more than 16 times what has arrived, so one
    // large message does not make every small one after it allocate as much); otherwise double, within the limit.
    const guess = Math.max(need * 2, Math.min(this.lastInPlace, need * 16));
    const cap = Math.min(guess, Math.max(need, this.maxSize));
    const grown = new Uint8Array(cap);
    if (buf) grown.set(buf.subarray(0, this.size));
    this.buf = grown;
    return true;
  }

  /** The buffer {@link reserve} made room in, and where the next payload byte goes. */
  get inPlace(): Uint8Array {
    return this.buf!;
  }
  get inPlaceAt(): number {
    return this.size;
  }

  /** A frame's `n` payload bytes were written at `inPlaceAt`: add them like {@link addFrame}. */
  addInPlace(fin: boolean, n: number): FrameResult {
    this.frames++;
    this.wireSize += n;
    this.size += n;
    return fin ? this.finish(NOTHING, 0) : null;
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
    if (this.buf) {
      // The message is gathered in place: a frame that came another way (split across chunks) joins it there.
      if (this.reserve(data.length, fin)) this.buf.set(data, this.size);
      this.size += data.length;
      return fin ? this.finish(NOTHING, 0) : null;
    }
    this.size += data.length;
    if (!fin) {
      if (data.length > 0) this.parts.push(data);
      return null;
    }
    return this.finish(data, payloadOffset);
  }

  /** The message's last frame (its data `last`) is in: check the text is whole, then the message event. */
  private finish(last: Uint8Array, payloadOffset: number): FrameResult {
    let data = last;
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
    const buf = this.buf;
    if (buf) {
      // Its own memory either way; a buffer more than twice the message is cut down to size.
      this.lastInPlace = this.size;
      data =
        buf.length === this.size
          ? buf
          : buf.length > 2 * this.size
            ? buf.slice(0, this.size)
            : buf.subarray(0, this.size);
      this.buf = null;
    } else if (this.parts.length > 0) {
      if (data.length > 0) this.parts.push(data);
      data = concatFresh(this.parts, this.size);
      this.parts.length = 0;
    }
    const event = new TextOrBinaryMessage(this.opcode as 1 | 2, data, this.offset, this.frames);
    if (this.compressed) event.compressedLength = this.wireSize;
    this.opcode = 0;
    return { event };
  }
}

export function createMessageState(opts: ReceiverOptions, inflater: MessageInflater | null): MessageState {
  return new MessageState(opts, inflater);
}
