/**
 * A WebSocket endpoint's receiving half (RFC 6455 §5, §7, §8.1): bytes in, events out.
 *
 * A state machine over named states — `header` (reading the 2–14 header bytes, possibly across
 * chunks) and `payload` (reading payload bytes) — that stops cleanly wherever a chunk ends, so one byte
 * at a time works. Every rule a receiver must enforce fails the stream with the close code the RFC
 * names; after a close frame or a failure nothing more is delivered.
 */
import { concatFresh, freshBytes } from './fresh-bytes';
import { createMessageState, type FrameResult, type MessageState } from './receiver-message';
import { parseClosePayload } from './close';
import { frameViolations, isPlainHeader } from './frame-rules';
import { createHeader, exactPayloadLength, readHeader, type FrameHeader } from './frame-header';
import { maskInto } from './mask';
import { createInflater } from './permessage-deflate';
import { Opcode } from './types';
import type { Receiver, ReceiverEvent, ReceiverOptions, ReceivedFrame, Violation } from './types';
import { violation } from './violations';

/** A payload split across chunks is gathered into one buffer up to this size; beyond, piece by piece, so a claimed length never allocates. */
const PREALLOCATE_MAX = 1024 * 1024;

type State = 'header' | 'payload';
type Emit = (event: ReceiverEvent) => void;

class WebSocketReceiver implements Receiver {
  state: 'open' | 'closed' | 'failed' = 'open';
  bytesReceived = 0;

  private readonly server: boolean;
  private readonly frameEvents: boolean;
  private readonly compression: boolean;
  private readonly msg: MessageState;

  private phase: State = 'header';
  /** Header bytes that arrived in an earlier chunk. */
  private readonly hdr = new Uint8Array(14);
  private hdrLen = 0;

  // The frame being read.
  private frameOffset = 0;
  private readonly h: FrameHeader = createHeader();
  private payloadGot = 0;
  private payloadBuf: Uint8Array | null = null;
  private pieces: Uint8Array[] | null = null;

  constructor(opts: ReceiverOptions) {
    this.server = opts.role === 'server';
    this.frameEvents = opts.frameEvents ?? true;
    // With permessage-deflate negotiated, RSV1 on a message's first frame means "compressed" (RFC 7692 §6).
    this.compression = !!opts.permessageDeflate;
    this.msg = createMessageState(
      opts,
      opts.permessageDeflate ? createInflater(opts.permessageDeflate, opts.role) : null,
    );
  }

  push(chunk: Uint8Array): ReceiverEvent[] {
    const events: ReceiverEvent[] = [];
    this.write(chunk, (e) => events.push(e));
    return events;
  }

  write(chunk: Uint8Array, emit: Emit): void {
    const base = this.bytesReceived;
    this.bytesReceived += chunk.length;
    if (this.state !== 'open') return;
    const end = chunk.length;
    let pos = 0;
    while (pos < end && this.state === 'open') {
      if (this.phase === 'header') {
        if (this.hdrLen === 0) {
          const used = this.readHeader(chunk, pos, end, base + pos);
          if (used < 0) {
            this.hdr.set(chunk.subarray(pos, end));
            this.hdrLen = end - pos;
            this.frameOffset = base + pos;
            return;
          }
          pos += used;
        } else {
          // Complete the header from the saved bytes plus as many new ones as it can need (≤ 14 in all).
          const take = Math.min(14 - this.hdrLen, end - pos);
          this.hdr.set(chunk.subarray(pos, pos + take), this.hdrLen);
          const used = this.readHeader(this.hdr, 0, this.hdrLen + take, this.frameOffset);
          if (used < 0) {
            this.hdrLen += take;
            return;
          }
          pos += used - this.hdrLen;
          this.hdrLen = 0;
        }
        const problem = this.checkHeader();
        if (problem) {
          this.fail(emit, problem);
          break;
        }
        this.phase = 'payload';
        this.payloadGot = 0;
        if (this.h.payloadLength === 0) this.finishFrame(emit, new Uint8Array(0));
        continue;
      }
      pos = this.readPayload(chunk, pos, end, base, emit);
    }
  }

  /** Parse a header at buf[p..end) found at stream offset `offset`. Returns its length, or -1 when more bytes are needed. */
  private readHeader(buf: Uint8Array, p: number, end: number, offset: number): number {
    const used = readHeader(buf, p, end, this.h);
    if (used >= 0) this.frameOffset = offset;
    return used;
  }

  /** The header rules, in the order a receiver meets them. */
  private checkHeader(): Violation | null {
    const h = this.h;
    const at = this.frameOffset;
    if (!isPlainHeader(h, this.server, this.compression)) {
      const length = exactPayloadLength(h);
      const found = frameViolations(
        { ...h, payloadLength: length, frameOffset: at },
        { role: this.server ? 'server' : 'client', rsv1Allowed: this.compression },
      ).filter((v) => v.severity === 'error');
      if (found[0]) return found[0];
      if (h.payloadLength > Number.MAX_SAFE_INTEGER) {
        return violation('message-too-big', at + 2, { size: String(length), limit: Number.MAX_SAFE_INTEGER });
      }
    }
    if ((h.opcode & 0b1000) !== 0) return null;
    return this.msg.checkFrame(h.opcode, h.rsv1, h.payloadLength, at);
  }

  private readPayload(chunk: Uint8Array, pos: number, end: number, base: number, emit: Emit): number {
    const want = this.h.payloadLength - this.payloadGot;
    const have = end - pos;
    const textCheck = this.msg.validatesRawText(this.h.opcode);
    if (this.payloadGot === 0 && have >= want) {
      if (!this.frameEvents && this.h.opcode < 8 && this.msg.reserve(want, this.h.fin)) {
        // A fragment of a longer message, whole in this chunk: unmasked straight into the message's buffer.
        const target = this.msg.inPlace;
        const at = this.msg.inPlaceAt;
        this.copyPayload(chunk, pos, want, target, at);
        if (textCheck) {
          const bad = this.msg.validateText(target, at, at + want, base + pos);
          if (bad >= 0) {
            this.fail(emit, this.msg.utf8Violation(target, bad, base + pos + (bad - at)));
            return end;
          }
        }
        this.phase = 'header';
        this.deliver(emit, this.msg.addInPlace(this.h.fin, want));
        return pos + want;
      }
      // The whole payload is in this chunk: one copy, straight into its final place.
      const payload = freshBytes(want, (chunk.byteOffset + pos) & 3);
      this.copyPayload(chunk, pos, want, payload, 0);
      if (textCheck) {
        const bad = this.msg.validateText(payload, 0, want, base + pos);
        if (bad >= 0) {
          this.fail(emit, this.msg.utf8Violation(payload, bad, base + pos + bad));
          return end;
        }
      }
      this.finishFrame(emit, payload);
      return pos + want;
    }
    const n = Math.min(want, have);
    let target: Uint8Array;
    let at: number;
    if (this.payloadGot === 0) {
      if (this.h.payloadLength <= PREALLOCATE_MAX) {
        // Aligned like its first piece: when the rest arrives at the same alignment, unmasking is one pass.
        this.payloadBuf = freshBytes(this.h.payloadLength, (chunk.byteOffset + pos) & 3);
      } else this.pieces = [];
    }
    if (this.payloadBuf) {
      target = this.payloadBuf;
      at = this.payloadGot;
    } else {
      target = new Uint8Array(n);
      at = 0;
      this.pieces!.push(target);
    }
    this.copyPayload(chunk, pos, n, target, at);
    if (textCheck) {
      // Fail fast: an invalid byte fails the stream now, not when the rest of the frame arrives.
      const bad = this.msg.validateText(target, at, at + n, base + pos);
      if (bad >= 0) {
        this.fail(emit, this.msg.utf8Violation(target, bad, base + pos + (bad - at)));
        return end;
      }
    }
    this.payloadGot += n;
    if (this.payloadGot === this.h.payloadLength) {
      const payload = this.payloadBuf ?? concatFresh(this.pieces!, this.h.payloadLength);
      this.payloadBuf = null;
      this.pieces = null;
      this.finishFrame(emit, payload);
    }
    return pos + n;
  }

  /** Copy (and unmask) payload bytes; the key phase continues where the previous piece ended. */
  private copyPayload(src: Uint8Array, from: number, n: number, dst: Uint8Array, to: number): void {
    if (this.h.masked) maskInto(src, from, n, this.h.key, this.payloadGot, dst, to);
    else dst.set(src.subarray(from, from + n), to);
  }

  private finishFrame(emit: Emit, payload: Uint8Array): void {
    this.phase = 'header';
    const opcode = this.h.opcode;
    if (this.frameEvents) emit({ type: 'frame', frame: this.receivedFrame(payload) });
    if (opcode === Opcode.Close) {
      const close = parseClosePayload(payload);
      const problem = close.violations[0];
      if (problem) {
        this.fail(emit, { ...problem, offset: problem.offset + this.frameOffset + this.h.headerLength });
        return;
      }
      this.state = 'closed';
      const event: ReceiverEvent = { type: 'close', reason: close.reason, offset: this.frameOffset };
      if (close.code !== undefined) event.code = close.code;
      emit(event);
      return;
    }
    if (opcode === Opcode.Ping || opcode === Opcode.Pong) {
      emit({
        type: opcode === Opcode.Ping ? 'ping' : 'pong',
        data: payload,
        offset: this.frameOffset,
      });
      return;
    }
    this.deliver(
      emit,
      this.msg.addFrame(this.h.fin, payload, this.frameOffset, this.frameOffset + this.h.headerLength),
    );
  }

  private deliver(emit: Emit, result: FrameResult): void {
    if (result === null) return;
    if ('violation' in result) this.fail(emit, result.violation);
    else emit(result.event);
  }

  private receivedFrame(payload: Uint8Array): ReceivedFrame {
    return {
      offset: this.frameOffset,
      fin: this.h.fin,
      rsv1: this.h.rsv1,
      rsv2: this.h.rsv2,
      rsv3: this.h.rsv3,
      opcode: this.h.opcode,
      masked: this.h.masked,
      maskingKey: this.h.masked ? this.h.key.slice() : null,
      payloadLength: this.h.payloadLength,
      lengthEncoding: this.h.lengthEncoding,
      headerLength: this.h.headerLength,
      payload,
    };
  }

  private fail(emit: Emit, v: Violation): void {
    this.state = 'failed';
    emit({ type: 'fail', code: v.closeCode, reason: v.message, offset: v.offset, violation: v });
  }
}

/**
 * A receiver for one direction of a connection. `push` bytes as they arrive, split anywhere; it returns
 * the events they complete: `frame` for each frame, `message` for each whole text or binary message
 * (reassembled from its fragments, UTF-8 checked), `ping`/`pong`, `close`, or `fail` with the close code
 * to send, the reason and the byte offset of the offending byte. Synchronous; never throws on bad bytes.
 *
 * @example
 * const rx = createReceiver({ role: 'client' });
 * rx.push(new Uint8Array([0x01, 0x03, 0x48, 0x65, 0x6c]));       // [frame]
 * rx.push(new Uint8Array([0x80, 0x02, 0x6c, 0x6f]));             // [frame, message "Hello"]
 * rx.push(new Uint8Array([0x81, 0x85, 0, 0, 0, 0, 0x48]));       // [fail 1002: MASK = 1 on a frame from the server]
 *
 * // Any amount of bytes at once (a pasted stream, a file): each event as it completes, nothing collected.
 * createReceiver({ role: 'server' }).write(wholeCapture, (event) => show(event));
 * @see RFC 6455 §5.1–§5.6, §7.1.7, §8.1
 */
export function createReceiver(opts: ReceiverOptions): Receiver {
  return new WebSocketReceiver(opts);
}
