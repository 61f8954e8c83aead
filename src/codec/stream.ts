/**
 * Whole streams: walk a run of bytes frame by frame, feed each frame to the receiver of its direction, and return
 * plain data for the Decoder, Replay and Live views (frames, reassembled messages, closes, the first fatal
 * violation, and a byte map that accounts for every byte).
 */
import { DEFAULT_MAX_MESSAGE_SIZE } from './limits';
import { describeCloseCode } from './close';
import { decodeFrame } from './frame';
import { frameFields } from './frame-fields';
import {
  createHeader,
  exactPayloadLength,
  lengthEncodingFor,
  readHeader,
  type FrameHeader,
} from './frame-header';
import { frameViolations, isPlainHeader } from './frame-rules';
import { maskInto } from './mask';
import { opcodeName } from './opcode';
import { createReceiver } from './receiver';
import type { DecodeStreamOptions, Direction, StreamFrame, StreamResult } from './stream-types';
import type { Receiver, ReceiverEvent, Role, Violation } from './types';

const roleFor = (d: Direction): Role => (d === 'client-to-server' ? 'server' : 'client');

interface Side {
  direction: Direction;
  receiver: Receiver;
  /** Receiver stream position and input offset of each frame pushed, for mapping receiver offsets back. */
  recvStarts: number[];
  inputStarts: number[];
  pushed: number;
  /** Frames of the message being reassembled. */
  pending: number[];
  closed: boolean;
  /** The frame being pushed, and the receiver's events about it. */
  frame: StreamFrame | null;
  onEvent: (e: ReceiverEvent) => void;
}

/** Whether any text or binary frame has RSV1 (0b0100_0000) set, which means compression is on. Headers only. */
function wantsDeflate(bytes: Uint8Array): boolean {
  const h = createHeader();
  let offset = 0;
  for (;;) {
    const used = readHeader(bytes, offset, bytes.length, h);
    if (used < 0) return false;
    if (h.rsv1 && (h.opcode === 1 || h.opcode === 2)) return true;
    offset += used + h.payloadLength;
    if (offset >= bytes.length) return false;
  }
}

function toInputOffset(side: Side, recvOffset: number): number {
  let lo = 0;
  let hi = side.recvStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((side.recvStarts[mid] ?? 0) <= recvOffset) lo = mid;
    else hi = mid - 1;
  }
  return (side.inputStarts[lo] ?? 0) + recvOffset - (side.recvStarts[lo] ?? 0);
}

function sameViolation(a: Violation, b: Violation): boolean {
  return a.id === b.id && a.offset === b.offset;
}

const NO_PAYLOAD = new Uint8Array(0);

/** The unmasked payload of a frame the receiver did not hand back (after a close, or where it failed). */
function unmaskedPayload(bytes: Uint8Array, start: number, n: number, h: FrameHeader): Uint8Array {
  const out = new Uint8Array(n);
  if (h.masked) maskInto(bytes, start, n, h.key, 0, out, 0);
  else out.set(bytes.subarray(start, start + n));
  return out;
}

/**
 * Decode a whole captured stream as the two endpoints would read it, in one pass: each header is read once
 * (`readHeader`) and each payload unmasked once (by the receiver of its direction). Field-by-field detail is
 * left for the frames a person looks at (`fields: false`, then {@link streamFrameDetail}). Never throws on bad
 * bytes and never modifies `bytes`.
 *
 * @example
 * const r = decodeStream(new Uint8Array([0x01, 0x03, 0x48, 0x65, 0x6c, 0x80, 0x02, 0x6c, 0x6f]));
 * r.messages[0].text; // 'Hello'
 * r.messages[0].frames; // [0, 1]
 * r.frames[0].direction; // 'server-to-client' (not masked)
 * @see RFC 6455 §5.4 (fragmentation) and §7.1.7 (failing the connection)
 */
export function decodeStream(bytes: Uint8Array, opts: DecodeStreamOptions = {}): StreamResult {
  const total = bytes.length;
  const wantFields = opts.fields !== false;
  const interval = Math.max(1, opts.progressInterval ?? 256 * 1024);
  const deflate =
    opts.permessageDeflate === 'auto'
      ? wantsDeflate(bytes)
        ? { ...opts.autoDeflateParams }
        : null
      : (opts.permessageDeflate ?? null);
  const rsv1Allowed = deflate !== null;
  const receiverOpts = {
    permessageDeflate: deflate,
    maxMessageSize: opts.maxMessageSize ?? DEFAULT_MAX_MESSAGE_SIZE,
  };
  const result: StreamResult = {
    length: total,
    frames: [],
    messages: [],
    closes: [],
    failure: null,
    incomplete: null,
    spans: [],
    permessageDeflate: deflate,
  };
  const sides = new Map<Direction, Side>();
  const sideFor = (direction: Direction): Side => {
    let s = sides.get(direction);
    if (!s) {
      const side: Side = {
        direction,
        receiver: createReceiver({ ...receiverOpts, role: roleFor(direction) }),
        recvStarts: [],
        inputStarts: [],
        pushed: 0,
        pending: [],
        closed: false,
        frame: null,
        onEvent: (e) => handleEvent(e, side, result),
      };
      sides.set(direction, (s = side));
    }
    return s;
  };

  const h = createHeader();
  let offset = 0;
  let nextProgress = interval;
  while (offset < total) {
    const direction: Direction =
      opts.direction && opts.direction !== 'auto'
        ? opts.direction
        : offset + 1 < total && ((bytes[offset + 1] ?? 0) & 0b1000_0000) !== 0
          ? 'client-to-server'
          : 'server-to-client';
    const role = roleFor(direction);
    const headerLength = readHeader(bytes, offset, total, h);
    if (headerLength < 0 || h.payloadLength > total - offset - headerLength) {
      incompleteAt(bytes, offset, direction, rsv1Allowed, result);
      offset = total;
      break;
    }
    const n = h.payloadLength;
    const length = headerLength + n;
    // The whole rule check (warnings too) only for a header the fast path does not vouch for.
    const plain =
      isPlainHeader(h, role === 'server', rsv1Allowed) && h.lengthEncoding === lengthEncodingFor(n);
    const violations = plain
      ? []
      : frameViolations(
          { ...h, payloadLength: exactPayloadLength(h), frameOffset: offset },
          { role, rsv1Allowed },
        );
    const index = result.frames.length;
    const frame: StreamFrame = {
      index,
      offset,
      length,
      headerLength,
      direction,
      fin: h.fin,
      rsv1: h.rsv1,
      rsv2: h.rsv2,
      rsv3: h.rsv3,
      opcode: h.opcode,
      opcodeName: opcodeName(h.opcode),
      masked: h.masked,
      maskingKey: h.masked ? h.key.slice() : null,
      payloadLength: n,
      payload: NO_PAYLOAD,
      fields: null,
      violations,
      message: null,
      afterClose: false,
    };
    result.frames.push(frame);
    result.spans.push({ kind: 'frame', start: offset, end: offset + length, frame: index });

    const side = sideFor(direction);
    if (side.closed) {
      frame.afterClose = true;
    } else {
      if (h.opcode === 1 || h.opcode === 2) side.pending = [index];
      else if (h.opcode === 0) side.pending.push(index);
      side.recvStarts.push(side.pushed);
      side.inputStarts.push(offset);
      side.pushed += length;
      side.frame = frame;
      side.receiver.write(bytes.subarray(offset, offset + length), side.onEvent);
    }
    if (frame.payload === NO_PAYLOAD && n > 0) {
      frame.payload = unmaskedPayload(bytes, offset + headerLength, n, h);
      // After a close no receiver reads the frame: its own payload rules (close payload, UTF-8) still apply.
      if (frame.afterClose) {
        frame.violations.push(
          ...frameViolations(
            {
              fin: h.fin,
              rsv1: h.rsv1,
              opcode: h.opcode,
              payload: frame.payload,
              payloadOffset: offset + headerLength,
            },
            { payloadOnly: true },
          ),
        );
      }
    }
    if (wantFields) frame.fields = frameFields({ ...frame, lengthEncoding: h.lengthEncoding });
    offset += length;

    if (!result.failure) {
      const fatal = frame.violations.find((v) => v.severity === 'error');
      if (fatal)
        result.failure = {
          violation: fatal,
          direction,
          frame: index,
          offset: fatal.offset,
          closeCode: fatal.closeCode,
        };
    }
    if (result.failure) break;
    if (offset >= nextProgress) {
      opts.onProgress?.(offset, total);
      nextProgress = offset + interval;
    }
  }

  if (offset < total) {
    const at = result.failure?.offset ?? offset;
    result.spans.push({
      kind: 'unread',
      start: offset,
      end: total,
      reason: `not read: the receiver failed the connection at byte ${at}`,
    });
  }
  opts.onProgress?.(total, total);
  return result;
}

/** The stream ends inside a frame: what its first bytes already say, and whether they already break a rule. */
function incompleteAt(
  bytes: Uint8Array,
  offset: number,
  direction: Direction,
  extensionsRsv1: boolean,
  result: StreamResult,
): void {
  const decoded = decodeFrame(bytes, offset, { role: roleFor(direction), extensionsRsv1 });
  if (!decoded.incomplete) return;
  result.incomplete = {
    offset,
    direction,
    needed: decoded.needed,
    available: decoded.available,
    fields: decoded.fields,
    violations: decoded.violations,
  };
  result.spans.push({ kind: 'incomplete', start: offset, end: bytes.length, needed: decoded.needed });
  const fatal = decoded.violations.find((v) => v.severity === 'error');
  if (fatal && !result.failure) {
    result.failure = {
      violation: fatal,
      direction,
      frame: null,
      offset: fatal.offset,
      closeCode: fatal.closeCode,
    };
  }
}

function handleEvent(ev: ReceiverEvent, side: Side, result: StreamResult): void {
  const frame = side.frame!;
  if (ev.type === 'frame') {
    frame.payload = ev.frame.payload;
  } else if (ev.type === 'message') {
    const index = result.messages.length;
    const frames = side.pending;
    side.pending = [];
    for (const f of frames) {
      const target = result.frames[f];
      if (target) target.message = index;
    }
    result.messages.push({
      index,
      direction: side.direction,
      opcode: ev.opcode,
      data: ev.data,
      text: ev.opcode === 1 ? (ev.text ?? null) : null,
      frames,
      offset: result.frames[frames[0] ?? frame.index]?.offset ?? frame.offset,
      compressedLength: ev.compressedLength ?? null,
    });
  } else if (ev.type === 'close') {
    side.closed = true;
    result.closes.push({
      direction: side.direction,
      frame: frame.index,
      ...(ev.code !== undefined ? { code: ev.code } : {}),
      reason: ev.reason,
      info: ev.code !== undefined ? describeCloseCode(ev.code) : null,
    });
  } else if (ev.type === 'fail') {
    const at = toInputOffset(side, ev.violation.offset);
    const v: Violation = { ...ev.violation, offset: at };
    if (!frame.violations.some((x) => sameViolation(x, v))) frame.violations.push(v);
    let owner: StreamFrame | undefined;
    for (let i = result.frames.length - 1; i >= 0 && !owner; i--) {
      const f = result.frames[i];
      if (f && f.offset <= at && at < f.offset + f.length) owner = f;
    }
    result.failure = {
      violation: v,
      direction: side.direction,
      frame: owner?.index ?? frame.index,
      offset: at,
      closeCode: ev.code,
    };
  }
}

export type * from './stream-types';
export { byteOwner, streamFrameDetail } from './stream-lookup';
export type { ByteOwner } from './stream-lookup';
