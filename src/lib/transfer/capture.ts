/**
 * A compact form of a {@link CaptureImport} for `postMessage`, like `src/codec/stream-transfer.ts` for a decoded
 * stream: per connection, columns of numbers, the frames' and messages' bytes back to back, and their summaries
 * and texts as one string each. Structured cloning 100,000 captured frames as objects takes about a second on
 * the receiving thread; packed, the buffers are transferred without a copy, and {@link unpackCaptureSteps}
 * rebuilds the objects in steps a page can spread over several tasks.
 */
import type { Violation } from '../../codec/types';
import { FREE_BIT, packHeaderBits, packTexts, textOf, unpackHeaderBits, type PackedTexts } from './stream';
import type { CaptureConnection, CapturedFrame, CapturedMessage, CaptureImport } from '../../capture/types';

/** A connection's frames and messages as columns. */
export interface PackedCaptureConnection extends Omit<CaptureConnection, 'frames' | 'messages'> {
  /** Per frame: opcode (low 4 bits), FIN, RSV1–3, MASK, direction, masking key known, reconstructed, after a gap. */
  frameBits: Uint16Array;
  /** Per frame: time, payload length, start of its bytes in `frameBytes` (the end is the next frame's start). */
  frameNumbers: Float64Array;
  frameMessage: Int32Array;
  /** Four bytes per frame: its masking key, when it has one. */
  frameKeys: Uint8Array;
  frameBytes: Uint8Array;
  frameSummary: PackedTexts;
  /** Frames that have violations, with them. */
  frameViolations: [number, Violation[]][];
  /** Per message: opcode (1 or 2), direction (bit 2) and after a gap (bit 3). */
  messageBits: Uint8Array;
  /** Per message: time, start of its data in `messageBytes`, data length, compressed length (-1 for none). */
  messageNumbers: Float64Array;
  messageBytes: Uint8Array;
  messageText: PackedTexts;
  /** Frame indices of message i are `messageFrames[messageFrameStart[i] … messageFrameStart[i + 1]]`. */
  messageFrameStart: Int32Array;
  messageFrames: Int32Array;
}

/** The packed form of a whole import. */
export interface PackedCapture extends Omit<CaptureImport, 'connections'> {
  connections: PackedCaptureConnection[];
}

// Bits 0–9 hold the header (`packHeaderBits`); these three are the capture's own.
const HAS_KEY = FREE_BIT;
const RECONSTRUCTED = FREE_BIT << 1;
const AFTER_GAP = FREE_BIT << 2;
/** Message bits: opcode in bits 0–1, then these. */
const MESSAGE_CLIENT = 4;
const MESSAGE_AFTER_GAP = 8;

/** Frames or messages rebuilt between two yields of {@link unpackCaptureSteps}. */
const STEP = 2000;

function packConnection(c: CaptureConnection): PackedCaptureConnection {
  const { frames, messages, ...rest } = c;
  const nf = frames.length;
  const frameBits = new Uint16Array(nf);
  const frameNumbers = new Float64Array(nf * 3);
  const frameMessage = new Int32Array(nf);
  const frameKeys = new Uint8Array(nf * 4);
  const frameBytes = new Uint8Array(frames.reduce((k, f) => k + f.bytes.length, 0));
  const frameViolations: [number, Violation[]][] = [];
  let at = 0;
  frames.forEach((f, i) => {
    frameBits[i] =
      packHeaderBits(f) |
      (f.maskingKey ? HAS_KEY : 0) |
      (f.reconstructed ? RECONSTRUCTED : 0) |
      (f.afterGap ? AFTER_GAP : 0);
    frameNumbers[i * 3] = f.time;
    frameNumbers[i * 3 + 1] = f.payloadLength;
    frameNumbers[i * 3 + 2] = at;
    frameBytes.set(f.bytes, at);
    at += f.bytes.length;
    frameMessage[i] = f.message ?? -1;
    if (f.maskingKey) frameKeys.set(f.maskingKey.subarray(0, 4), i * 4);
    if (f.violations.length) frameViolations.push([i, f.violations]);
  });

  const nm = messages.length;
  const messageBits = new Uint8Array(nm);
  const messageNumbers = new Float64Array(nm * 4);
  const messageBytes = new Uint8Array(messages.reduce((k, m) => k + m.data.length, 0));
  const messageFrameStart = new Int32Array(nm + 1);
  const messageFrames = new Int32Array(messages.reduce((k, m) => k + m.frames.length, 0));
  let dataAt = 0;
  let framesAt = 0;
  messages.forEach((m, i) => {
    messageBits[i] =
      m.opcode |
      (m.direction === 'client-to-server' ? MESSAGE_CLIENT : 0) |
      (m.afterGap ? MESSAGE_AFTER_GAP : 0);
    messageNumbers[i * 4] = m.time;
    messageNumbers[i * 4 + 1] = dataAt;
    messageNumbers[i * 4 + 2] = m.data.length;
    messageNumbers[i * 4 + 3] = m.compressedLength ?? -1;
    messageBytes.set(m.data, dataAt);
    dataAt += m.data.length;
    messageFrameStart[i] = framesAt;
    messageFrames.set(m.frames, framesAt);
    framesAt += m.frames.length;
  });
  messageFrameStart[nm] = framesAt;

  return {
    ...rest,
    frameBits,
    frameNumbers,
    frameMessage,
    frameKeys,
    frameBytes,
    frameSummary: packTexts(frames.map((f) => f.summary)),
    frameViolations,
    messageBits,
    messageNumbers,
    messageBytes,
    messageText: packTexts(messages.map((m) => m.text)),
    messageFrameStart,
    messageFrames,
  };
}

/**
 * Pack an import for sending to another thread. The buffers in `captureTransferables(packed)` can be
 * transferred.
 *
 * @example
 * const packed = packCapture(importCapture('chat.pcap', bytes));
 * postMessage(packed, captureTransferables(packed));
 * @see RFC 6455 §5.2
 */
export function packCapture(c: CaptureImport): PackedCapture {
  return { ...c, connections: c.connections.map(packConnection) };
}

/**
 * The buffers of a packed import, to transfer rather than copy.
 * @example worker.postMessage({ packed }, captureTransferables(packed));
 * @see RFC 6455 §5.2
 */
export function captureTransferables(p: PackedCapture): ArrayBuffer[] {
  return p.connections.flatMap((c) =>
    [
      c.frameBits,
      c.frameNumbers,
      c.frameMessage,
      c.frameKeys,
      c.frameBytes,
      c.frameSummary.bounds,
      c.messageBits,
      c.messageNumbers,
      c.messageBytes,
      c.messageText.bounds,
      c.messageFrameStart,
      c.messageFrames,
    ].map((a) => a.buffer as ArrayBuffer),
  );
}

function* unpackConnection(
  p: PackedCaptureConnection,
  step: number,
): Generator<void, CaptureConnection, void> {
  const {
    frameBits,
    frameNumbers,
    frameMessage,
    frameKeys,
    frameBytes,
    frameSummary,
    frameViolations,
    messageBits,
    messageNumbers,
    messageBytes,
    messageText,
    messageFrameStart,
    messageFrames,
    ...rest
  } = p;
  const nf = frameBits.length;
  const violationsOf = new Map(frameViolations);
  const frames: CapturedFrame[] = new Array(nf);
  for (let i = 0; i < nf; i++) {
    if (i % step === step - 1) yield;
    const bits = frameBits[i] ?? 0;
    const start = frameNumbers[i * 3 + 2] ?? 0;
    const end = i + 1 < nf ? (frameNumbers[i * 3 + 5] ?? start) : frameBytes.length;
    const message = frameMessage[i] ?? -1;
    frames[i] = {
      index: i,
      ...unpackHeaderBits(bits),
      time: frameNumbers[i * 3] ?? 0,
      bytes: frameBytes.subarray(start, end),
      maskingKey: bits & HAS_KEY ? frameKeys.subarray(i * 4, i * 4 + 4) : null,
      payloadLength: frameNumbers[i * 3 + 1] ?? 0,
      summary: textOf(frameSummary, i) ?? '',
      violations: violationsOf.get(i) ?? [],
      message: message < 0 ? null : message,
      reconstructed: (bits & RECONSTRUCTED) !== 0,
      afterGap: (bits & AFTER_GAP) !== 0,
    };
  }

  const nm = messageBits.length;
  const messages: CapturedMessage[] = new Array(nm);
  for (let i = 0; i < nm; i++) {
    if (i % step === step - 1) yield;
    const bits = messageBits[i] ?? 1;
    const dataStart = messageNumbers[i * 4 + 1] ?? 0;
    const compressed = messageNumbers[i * 4 + 3] ?? -1;
    messages[i] = {
      index: i,
      direction: bits & MESSAGE_CLIENT ? 'client-to-server' : 'server-to-client',
      time: messageNumbers[i * 4] ?? 0,
      opcode: (bits & 3) === 2 ? 2 : 1,
      data: messageBytes.subarray(dataStart, dataStart + (messageNumbers[i * 4 + 2] ?? 0)),
      text: textOf(messageText, i),
      frames: Array.from(messageFrames.subarray(messageFrameStart[i] ?? 0, messageFrameStart[i + 1] ?? 0)),
      compressedLength: compressed < 0 ? null : compressed,
      afterGap: (bits & MESSAGE_AFTER_GAP) !== 0,
    };
  }
  return { ...rest, frames, messages };
}

/**
 * Rebuild an import from its packed form in steps: the generator yields after every `step` frames or messages
 * and returns the import. A page runs a few steps per task so that 100,000 frames never hold the main thread
 * for long; {@link unpackCapture} runs them all at once.
 *
 * @example
 * const steps = unpackCaptureSteps(event.data.packed);
 * let s = steps.next();
 * while (!s.done) s = steps.next(); // or: one slice per task
 * const capture = s.value;
 * @see RFC 6455 §5.2
 */
export function* unpackCaptureSteps(p: PackedCapture, step = STEP): Generator<void, CaptureImport, void> {
  const connections: CaptureConnection[] = [];
  for (const c of p.connections) connections.push(yield* unpackConnection(c, step));
  return { ...p, connections };
}

/**
 * Rebuild an import from its packed form, all at once.
 * @example const capture = unpackCapture(event.data.packed); // the same connections importCapture gave
 * @see RFC 6455 §5.2
 */
export function unpackCapture(p: PackedCapture): CaptureImport {
  const steps = unpackCaptureSteps(p, Infinity);
  let s = steps.next();
  while (!s.done) s = steps.next();
  return s.value;
}
