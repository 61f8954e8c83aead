/**
 * A compact form of a {@link StreamResult} for `postMessage`: columns of numbers, two byte buffers and one string
 * instead of hundreds of thousands of small objects, arrays and strings. Structured cloning 100,000 frames as
 * objects takes seconds; packed, the buffers are transferred without a copy. Unpacking 100,000 frames still takes
 * a few tenths of a second, so {@link unpackStreamSteps} does it in steps that a page can spread over several tasks.
 */
import { opcodeName } from '../../codec/opcode';
import type { ByteSpan, Direction, StreamFrame, StreamMessage, StreamResult } from '../../codec/stream';
import type { Violation } from '../../codec/types';

/** The packed form. Plain data: typed arrays, numbers, strings and a few small objects. */
export interface PackedStream {
  length: number;
  /** Per frame: offset, length, payload length, start of the key (masked) or payload in `frameBytes`. */
  frameNumbers: Float64Array;
  /** Per frame: header length, flags (FIN, RSV1–3, MASK, direction, after close) and opcode. */
  frameBits: Uint16Array;
  frameHeader: Uint8Array;
  frameMessage: Int32Array;
  /** Masking keys and unmasked payloads, back to back. */
  frameBytes: Uint8Array;
  /** Frames that have violations, with them. */
  violations: [number, Violation[]][];
  /** Per message: offset, data start, data length, compressed length (-1 when not compressed). */
  messageNumbers: Float64Array;
  /** Per message: opcode (1 or 2) and direction (bit 2). */
  messageBits: Uint8Array;
  /** Texts of the messages (null for binary or bad UTF-8). */
  messageText: PackedTexts;
  /** Frame indices of message i are `messageFrames[messageFrameStart[i] … messageFrameStart[i + 1]]`. */
  messageFrameStart: Int32Array;
  messageFrames: Int32Array;
  messageBytes: Uint8Array;
  /** Spans that are not frames (frame spans are rebuilt from the frames). */
  otherSpans: ByteSpan[];
  closes: StreamResult['closes'];
  failure: StreamResult['failure'];
  incomplete: StreamResult['incomplete'];
  permessageDeflate: StreamResult['permessageDeflate'];
}

/** Many strings (or nulls) as one string and their bounds: one copy to clone instead of one per string. */
export interface PackedTexts {
  text: string;
  /** Per string: start and end in `text`; start -1 for null. */
  bounds: Int32Array;
}

/**
 * Pack strings for `postMessage`: cloning one long string is one copy, cloning 100,000 short ones is 100,000
 * allocations on the receiving thread. Transfer `bounds.buffer`.
 *
 * @example
 * const packed = packTexts(['Hello', null]); // { text: 'Hello', bounds: Int32Array [0, 5, -1, 5] }
 * textOf(packed, 0); // 'Hello'
 * @see RFC 6455 §5.6
 */
export function packTexts(texts: readonly (string | null)[]): PackedTexts {
  const bounds = new Int32Array(texts.length * 2);
  const parts: string[] = [];
  let at = 0;
  texts.forEach((t, i) => {
    bounds[i * 2] = t === null ? -1 : at;
    if (t !== null) {
      parts.push(t);
      at += t.length;
    }
    bounds[i * 2 + 1] = at;
  });
  return { text: parts.join(''), bounds };
}

/**
 * String `i` of packed texts, or null.
 * @example textOf(packTexts([null, 'Hi']), 1); // 'Hi'
 * @see RFC 6455 §5.6
 */
export function textOf(p: PackedTexts, i: number): string | null {
  const start = p.bounds[i * 2] ?? -1;
  return start < 0 ? null : p.text.slice(start, p.bounds[i * 2 + 1] ?? start);
}

const FIN = 1 << 4;
const RSV1 = 1 << 5;
const RSV2 = 1 << 6;
const RSV3 = 1 << 7;
const MASKED = 1 << 8;
const CLIENT = 1 << 9;
/** The first bit a packer may use for flags of its own (bits 0–9 hold the header, see `packHeaderBits`). */
export const FREE_BIT = 1 << 10;
const AFTER_CLOSE = FREE_BIT;

/** The header bits of a frame as they travel between threads. */
export interface HeaderBits {
  fin: boolean;
  rsv1: boolean;
  rsv2: boolean;
  rsv3: boolean;
  opcode: number;
  masked: boolean;
  direction: Direction;
}

/** A frame's header in one number: opcode in bits 0–3, then FIN, RSV1–3, MASK and the direction. */
export function packHeaderBits(f: HeaderBits): number {
  return (
    f.opcode |
    (f.fin ? FIN : 0) |
    (f.rsv1 ? RSV1 : 0) |
    (f.rsv2 ? RSV2 : 0) |
    (f.rsv3 ? RSV3 : 0) |
    (f.masked ? MASKED : 0) |
    (f.direction === 'client-to-server' ? CLIENT : 0)
  );
}

/** The header fields back from `packHeaderBits`. */
export function unpackHeaderBits(bits: number): HeaderBits & { opcodeName: string } {
  return {
    direction: dirOf((bits & CLIENT) !== 0),
    fin: (bits & FIN) !== 0,
    rsv1: (bits & RSV1) !== 0,
    rsv2: (bits & RSV2) !== 0,
    rsv3: (bits & RSV3) !== 0,
    opcode: bits & 0xf,
    opcodeName: opcodeName(bits & 0xf),
    masked: (bits & MASKED) !== 0,
  };
}

const dirOf = (client: boolean): Direction => (client ? 'client-to-server' : 'server-to-client');

/**
 * Pack a stream result for sending to another thread; frame `fields` are left out (get them with
 * `streamFrameDetail`). The buffers in `transferables(packed)` can be transferred.
 *
 * @example
 * const packed = packStream(decodeStream(bytes));
 * postMessage(packed, transferables(packed));
 * @see RFC 6455 §5.2
 */
export function packStream(r: StreamResult): PackedStream {
  const nf = r.frames.length;
  const frameNumbers = new Float64Array(nf * 4);
  const frameBits = new Uint16Array(nf);
  const frameHeader = new Uint8Array(nf);
  const frameMessage = new Int32Array(nf);
  let frameByteCount = 0;
  for (const f of r.frames) frameByteCount += f.payload.length + (f.maskingKey ? 4 : 0);
  const frameBytes = new Uint8Array(frameByteCount);
  const violations: [number, Violation[]][] = [];
  let at = 0;
  r.frames.forEach((f, i) => {
    frameNumbers[i * 4] = f.offset;
    frameNumbers[i * 4 + 1] = f.length;
    frameNumbers[i * 4 + 2] = f.payloadLength;
    frameNumbers[i * 4 + 3] = at;
    if (f.maskingKey) {
      frameBytes.set(f.maskingKey, at);
      at += 4;
    }
    frameBytes.set(f.payload, at);
    at += f.payload.length;
    frameBits[i] = packHeaderBits(f) | (f.afterClose ? AFTER_CLOSE : 0);
    frameHeader[i] = f.headerLength;
    frameMessage[i] = f.message ?? -1;
    if (f.violations.length) violations.push([i, f.violations]);
  });

  const nm = r.messages.length;
  const messageNumbers = new Float64Array(nm * 4);
  const messageBits = new Uint8Array(nm);
  const messageFrameStart = new Int32Array(nm + 1);
  const messageFrames = new Int32Array(r.messages.reduce((k, m) => k + m.frames.length, 0));
  const messageBytes = new Uint8Array(r.messages.reduce((k, m) => k + m.data.length, 0));
  let dataAt = 0;
  let framesAt = 0;
  r.messages.forEach((m, i) => {
    messageNumbers[i * 4] = m.offset;
    messageNumbers[i * 4 + 1] = dataAt;
    messageNumbers[i * 4 + 2] = m.data.length;
    messageNumbers[i * 4 + 3] = m.compressedLength ?? -1;
    messageBytes.set(m.data, dataAt);
    dataAt += m.data.length;
    messageBits[i] = m.opcode | (m.direction === 'client-to-server' ? 4 : 0);
    messageFrameStart[i] = framesAt;
    messageFrames.set(m.frames, framesAt);
    framesAt += m.frames.length;
  });
  messageFrameStart[nm] = framesAt;

  return {
    length: r.length,
    frameNumbers,
    frameBits,
    frameHeader,
    frameMessage,
    frameBytes,
    violations,
    messageNumbers,
    messageBits,
    messageText: packTexts(r.messages.map((m) => m.text)),
    messageFrameStart,
    messageFrames,
    messageBytes,
    otherSpans: r.spans.filter((s) => s.kind !== 'frame'),
    closes: r.closes,
    failure: r.failure,
    incomplete: r.incomplete,
    permessageDeflate: r.permessageDeflate,
  };
}

/**
 * The buffers of a packed stream, to transfer rather than copy.
 * @example worker.postMessage({ packed }, transferables(packed));
 * @see RFC 6455 §5.2
 */
export function transferables(p: PackedStream): ArrayBuffer[] {
  return [
    p.frameNumbers,
    p.frameBits,
    p.frameHeader,
    p.frameMessage,
    p.frameBytes,
    p.messageNumbers,
    p.messageBits,
    p.messageFrameStart,
    p.messageFrames,
    p.messageBytes,
    p.messageText.bounds,
  ].map((a) => a.buffer as ArrayBuffer);
}

function framesOf(p: PackedStream, i: number): number[] {
  const start = p.messageFrameStart[i] ?? 0;
  const end = p.messageFrameStart[i + 1] ?? start;
  const out = new Array<number>(end - start);
  for (let k = start; k < end; k++) out[k - start] = p.messageFrames[k] ?? 0;
  return out;
}

/** Frames, messages or spans rebuilt between two yields of {@link unpackStreamSteps}. */
const STEP = 2000;

/**
 * Rebuild the stream result from its packed form (frames without `fields`) in steps: the generator yields after
 * every `step` frames, messages or spans, and returns the result. A page runs a few steps per task so that
 * 100,000 frames never hold the main thread for long; {@link unpackStream} runs them all at once.
 *
 * @example
 * const steps = unpackStreamSteps(event.data.packed);
 * let s = steps.next();
 * while (!s.done) s = steps.next(); // or: one slice per task
 * const result = s.value;
 * @see RFC 6455 §5.2
 */
export function* unpackStreamSteps(p: PackedStream, step = STEP): Generator<void, StreamResult, void> {
  const nf = p.frameBits.length;
  const violationsOf = new Map(p.violations);
  const frames: StreamFrame[] = new Array(nf);
  for (let i = 0; i < nf; i++) {
    if (i % step === step - 1) yield;
    const bits = p.frameBits[i] ?? 0;
    const masked = (bits & MASKED) !== 0;
    const start = p.frameNumbers[i * 4 + 3] ?? 0;
    const payloadStart = start + (masked ? 4 : 0);
    const payloadLength = p.frameNumbers[i * 4 + 2] ?? 0;
    const message = p.frameMessage[i] ?? -1;
    frames[i] = {
      index: i,
      offset: p.frameNumbers[i * 4] ?? 0,
      length: p.frameNumbers[i * 4 + 1] ?? 0,
      headerLength: p.frameHeader[i] ?? 0,
      ...unpackHeaderBits(bits),
      maskingKey: masked ? p.frameBytes.subarray(start, start + 4) : null,
      payloadLength,
      payload: p.frameBytes.subarray(payloadStart, payloadStart + payloadLength),
      fields: null,
      violations: violationsOf.get(i) ?? [],
      message: message < 0 ? null : message,
      afterClose: (bits & AFTER_CLOSE) !== 0,
    };
  }

  const nm = p.messageBits.length;
  const messages: StreamMessage[] = new Array(nm);
  for (let i = 0; i < nm; i++) {
    if (i % step === step - 1) yield;
    const bits = p.messageBits[i] ?? 1;
    const dataStart = p.messageNumbers[i * 4 + 1] ?? 0;
    const compressed = p.messageNumbers[i * 4 + 3] ?? -1;
    messages[i] = {
      index: i,
      direction: dirOf((bits & 4) !== 0),
      opcode: (bits & 3) === 2 ? 2 : 1,
      data: p.messageBytes.subarray(dataStart, dataStart + (p.messageNumbers[i * 4 + 2] ?? 0)),
      text: textOf(p.messageText, i),
      frames: framesOf(p, i),
      offset: p.messageNumbers[i * 4] ?? 0,
      compressedLength: compressed < 0 ? null : compressed,
    };
  }

  const spans: ByteSpan[] = [];
  let other = 0;
  for (const f of frames) {
    if (f.index % step === step - 1) yield;
    while (other < p.otherSpans.length && (p.otherSpans[other]?.start ?? Infinity) < f.offset) {
      spans.push(p.otherSpans[other++]!);
    }
    spans.push({ kind: 'frame', start: f.offset, end: f.offset + f.length, frame: f.index });
  }
  while (other < p.otherSpans.length) spans.push(p.otherSpans[other++]!);

  return {
    length: p.length,
    frames,
    messages,
    closes: p.closes,
    failure: p.failure,
    incomplete: p.incomplete,
    spans,
    permessageDeflate: p.permessageDeflate,
  };
}

/**
 * Rebuild the stream result from its packed form (frames without `fields`), all at once.
 *
 * @example
 * const result = unpackStream(event.data.packed); // same frames, messages and spans as decodeStream gave
 * @see RFC 6455 §5.2
 */
export function unpackStream(p: PackedStream): StreamResult {
  const steps = unpackStreamSteps(p, Infinity);
  let s = steps.next();
  while (!s.done) s = steps.next();
  return s.value;
}
