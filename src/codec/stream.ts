/**
 * Whole streams: walk a run of bytes frame by frame, feed each frame to the receiver of its direction, and return
 * plain data for the Decoder, Replay and Live views (frames, reassembled messages, closes, the first fatal
 * violation, and a byte map that accounts for every byte).
 */
import { DEFAULT_MAX_MESSAGE_SIZE } from './limits';
import { describeCloseCode } from './close';
import { decodeFrame } from './frame';
import { createReceiver } from './receiver';
import type { DecodeStreamOptions, Direction, StreamFrame, StreamResult } from './stream-types';
import type { Frame, IncompleteFrame, Receiver, ReceiverEvent, Role, Violation } from './types';

const roleFor = (d: Direction): Role => (d === 'client-to-server' ? 'server' : 'client');

interface Side {
  receiver: Receiver;
  /** Receiver stream position and input offset of each frame pushed, for mapping receiver offsets back. */
  recvStarts: number[];
  inputStarts: number[];
  pushed: number;
  /** Frames of the message being reassembled. */
  pending: number[];
  closed: boolean;
}

function wantsDeflate(bytes: Uint8Array): boolean {
  // Cheap scan with the same walk: a text/binary frame with RSV1 (0b0100_0000) set means compression is on.
  let offset = 0;
  while (offset < bytes.length) {
    const f = decodeFrame(bytes, offset, { extensionsRsv1: true });
    if (f.incomplete) return false;
    if (f.rsv1 && (f.opcode === 1 || f.opcode === 2)) return true;
    offset += f.totalLength;
  }
  return false;
}

/**
 * Copies byte runs into shared 1 MiB blocks and returns views of them. Thousands of small payloads then live in a
 * few buffers, which is what makes a result cheap to send from a Web Worker (one copy per buffer, not per view).
 */
function createArena(): (data: Uint8Array) => Uint8Array {
  let block = new Uint8Array(0);
  let pos = 0;
  return (data) => {
    if (pos + data.length > block.length) {
      block = new Uint8Array(Math.max(1 << 20, data.length));
      pos = 0;
    }
    const view = block.subarray(pos, pos + data.length);
    view.set(data);
    pos += data.length;
    return view;
  };
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

/**
 * Decode a whole captured stream as the two endpoints would read it. Never throws on bad bytes and never
 * modifies `bytes`.
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
  const receiverOpts = {
    permessageDeflate: deflate,
    frameEvents: false,
    maxMessageSize: opts.maxMessageSize ?? DEFAULT_MAX_MESSAGE_SIZE,
  };
  const sides = new Map<Direction, Side>();
  const sideFor = (d: Direction): Side => {
    let s = sides.get(d);
    if (!s) {
      s = {
        receiver: createReceiver({ ...receiverOpts, role: roleFor(d) }),
        recvStarts: [],
        inputStarts: [],
        pushed: 0,
        pending: [],
        closed: false,
      };
      sides.set(d, s);
    }
    return s;
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
  // One copy of the input with every payload unmasked: frames' payloads and keys are views of it.
  // Uint8Array's own slice: a Node Buffer's slice is a view, and unmasking would write into the caller's memory.
  const clear = Uint8Array.prototype.slice.call(bytes);
  const keep = createArena();
  let offset = 0;
  let nextProgress = interval;

  while (offset < total) {
    const direction: Direction =
      opts.direction && opts.direction !== 'auto'
        ? opts.direction
        : offset + 1 < total && ((bytes[offset + 1] ?? 0) & 0b1000_0000) !== 0
          ? 'client-to-server'
          : 'server-to-client';
    const decoded: Frame | IncompleteFrame = decodeFrame(bytes, offset, {
      role: roleFor(direction),
      extensionsRsv1: deflate !== null,
      fields: wantFields,
    });
    if (decoded.incomplete) {
      result.incomplete = {
        offset,
        direction,
        needed: decoded.needed,
        available: decoded.available,
        fields: decoded.fields,
        violations: decoded.violations,
      };
      result.spans.push({ kind: 'incomplete', start: offset, end: total, needed: decoded.needed });
      const fatal = decoded.violations.find((v) => v.severity === 'error');
      if (fatal) {
        result.failure = {
          violation: fatal,
          direction,
          frame: null,
          offset: fatal.offset,
          closeCode: fatal.closeCode,
        };
      }
      offset = total;
      break;
    }

    if (decoded.masked) clear.set(decoded.payload, offset + decoded.headerLength);
    const index = result.frames.length;
    const frame: StreamFrame = {
      index,
      offset,
      length: decoded.totalLength,
      headerLength: decoded.headerLength,
      direction,
      fin: decoded.fin,
      rsv1: decoded.rsv1,
      rsv2: decoded.rsv2,
      rsv3: decoded.rsv3,
      opcode: decoded.opcode,
      opcodeName: decoded.opcodeName,
      masked: decoded.masked,
      maskingKey: decoded.maskingKey
        ? clear.subarray(offset + decoded.headerLength - 4, offset + decoded.headerLength)
        : null,
      payloadLength: decoded.payloadLength,
      payload: clear.subarray(offset + decoded.headerLength, offset + decoded.totalLength),
      fields: wantFields ? decoded.fields : null,
      violations: [...decoded.violations],
      message: null,
      afterClose: false,
    };
    result.frames.push(frame);
    result.spans.push({ kind: 'frame', start: offset, end: offset + decoded.totalLength, frame: index });

    const side = sideFor(direction);
    if (side.closed) {
      frame.afterClose = true;
    } else {
      if (decoded.opcode === 1 || decoded.opcode === 2) side.pending = [index];
      else if (decoded.opcode === 0) side.pending.push(index);
      side.recvStarts.push(side.pushed);
      side.inputStarts.push(offset);
      side.pushed += decoded.totalLength;
      const events = side.receiver.push(bytes.subarray(offset, offset + decoded.totalLength));
      handleEvents(events, side, frame, result, keep);
    }
    offset += decoded.totalLength;

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

function handleEvents(
  events: ReceiverEvent[],
  side: Side,
  frame: StreamFrame,
  result: StreamResult,
  keep: (data: Uint8Array) => Uint8Array,
): void {
  for (const ev of events) {
    if (ev.type === 'message') {
      const index = result.messages.length;
      const frames = side.pending;
      side.pending = [];
      for (const f of frames) {
        const target = result.frames[f];
        if (target) target.message = index;
      }
      result.messages.push({
        index,
        direction: frame.direction,
        opcode: ev.opcode,
        data: keep(ev.data),
        text: ev.opcode === 1 ? (ev.text ?? new TextDecoder().decode(ev.data)) : null,
        frames,
        offset: result.frames[frames[0] ?? frame.index]?.offset ?? frame.offset,
        compressedLength: ev.compressedLength ?? null,
      });
    } else if (ev.type === 'close') {
      side.closed = true;
      result.closes.push({
        direction: frame.direction,
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
        direction: frame.direction,
        frame: owner?.index ?? frame.index,
        offset: at,
        closeCode: ev.code,
      };
      return;
    }
  }
}

export type * from './stream-types';
export { byteOwner, streamFrameDetail } from './stream-lookup';
export type { ByteOwner } from './stream-lookup';
