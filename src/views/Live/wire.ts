/**
 * The Live view's frames: real ones from the Framescope tap, or reconstructed from what the WebSocket API shows.
 * Data flows bytes → codec → these plain objects → components.
 */
import { encodeClosePayload } from '../../codec/close';
import { parseExtensions } from '../../codec/extensions';
import { decodeFrame } from '../../codec/frame';
import { frameFields } from '../../codec/frame-fields';
import { frameViolations } from '../../codec/frame-rules';
import { opcodeName } from '../../codec/opcode';
import { encodeFrame } from '../../codec/frame-encode';
import { headerValues, parseRequest } from '../../codec/handshake-http';
import { validatePermessageDeflateResponse } from '../../codec/permessage-deflate-negotiation';
import { createReceiver } from '../../codec/receiver';
import type {
  Frame,
  FrameField,
  IncompleteFrame,
  PermessageDeflateParams,
  ReceivedFrame,
  Receiver,
  Violation,
} from '../../codec/types';
import type { TapMessage } from '../../lib/tap-protocol';
import { plural } from '../../lib/plural';

export type Side = 'client' | 'server';

export interface WireFrame {
  key: number;
  /** ms since the epoch. */
  t: number;
  from: Side;
  source: 'tap' | 'reconstructed';
  bytes: Uint8Array;
  frame: Frame | IncompleteFrame;
  /** The frame's own violations plus what a receiver found in the stream. */
  violations: Violation[];
  /** One line: opcode, flags, length, a preview. */
  summary: string;
  /** Which connection of the Live session it belongs to (reconnects start new ones). */
  connection?: number;
  /** Set on the last frame of a compressed message: the inflated size and text (when text). */
  inflated?: { size: number; compressedLength: number; text?: string };
}

let nextKey = 1;
const utf8 = new TextDecoder();

function preview(opcode: number, payload: Uint8Array, compressed: boolean): string {
  if (compressed) return `${payload.length} B compressed`;
  if (opcode === 1 || opcode === 9 || opcode === 10) {
    const text = utf8.decode(payload.subarray(0, 60));
    return text ? `“${text}${payload.length > 60 ? '…' : ''}”` : '';
  }
  if (opcode === 8 && payload.length >= 2) {
    const code = (payload[0]! << 8) | payload[1]!;
    const reason = utf8.decode(payload.subarray(2));
    return `code ${code}${reason ? ` “${reason}”` : ''}`;
  }
  return (
    Array.from(payload.subarray(0, 12), (b) => b.toString(16).padStart(2, '0')).join(' ') +
    (payload.length > 12 ? ' …' : '')
  );
}

export function summarize(frame: Frame | IncompleteFrame): string {
  if (frame.incomplete) return `incomplete frame (${plural(frame.available, 'byte')})`;
  const flags = [
    frame.fin ? 'FIN' : 'not FIN',
    frame.rsv1 ? 'RSV1' : '',
    frame.masked ? 'masked' : '',
  ].filter(Boolean);
  const p = preview(frame.opcode, frame.payload, frame.rsv1 && (frame.opcode === 1 || frame.opcode === 2));
  return `${frame.opcodeName} · ${flags.join(' · ')} · ${frame.payloadLength} B${p ? ` · ${p}` : ''}`;
}

/**
 * A frame the receiver read, as the frame detail pane wants it. Its fields (bit spans, meanings) are built the
 * first time someone reads them, i.e. when a person opens the frame, not for every frame that goes by.
 */
function frameFromReceiver(r: ReceivedFrame, bytes: Uint8Array, violations: Violation[]): Frame {
  let fields: FrameField[] | null = null;
  return {
    incomplete: false,
    offset: 0,
    fin: r.fin,
    rsv1: r.rsv1,
    rsv2: r.rsv2,
    rsv3: r.rsv3,
    opcode: r.opcode,
    opcodeName: opcodeName(r.opcode),
    masked: r.masked,
    maskingKey: r.maskingKey,
    payloadLength: r.payloadLength,
    lengthEncoding: r.lengthEncoding,
    headerLength: r.headerLength,
    totalLength: r.headerLength + r.payloadLength,
    maskedPayload: bytes.subarray(r.headerLength, r.headerLength + r.payloadLength),
    payload: r.payload,
    get fields() {
      return (fields ??= frameFields(r));
    },
    violations,
  };
}

/**
 * One frame's bytes through the receiver of its direction, in one pass: the receiver reads the header, unmasks
 * the payload, checks the rules that depend on earlier frames and inflates. Only a frame the receiver did not read
 * to its end (it failed in the header, or the stream had already closed or failed) is read by `decodeFrame`
 * instead, to show what its bytes say.
 */
function readFrame(
  from: Side,
  source: WireFrame['source'],
  t: number,
  bytes: Uint8Array,
  receiver: Receiver,
  deflate: boolean,
): WireFrame {
  const role = from === 'client' ? 'server' : 'client';
  // Receiver offsets count from the start of the stream; the frame detail counts from the frame's first byte.
  const base = receiver.bytesReceived;
  let read: ReceivedFrame | null = null;
  let inflated: WireFrame['inflated'];
  const streamViolations: Violation[] = [];
  receiver.write(bytes, (event) => {
    if (event.type === 'frame') read ??= event.frame;
    else if (event.type === 'message' && event.compressedLength !== undefined) {
      inflated = {
        size: event.data.length,
        compressedLength: event.compressedLength,
        ...(event.opcode === 1 ? { text: utf8.decode(event.data) } : {}),
      };
    } else if (event.type === 'fail') {
      streamViolations.push({ ...event.violation, offset: Math.max(0, event.violation.offset - base) });
    }
  });
  let frame: Frame | IncompleteFrame;
  if (read !== null) {
    const r: ReceivedFrame = read;
    // The frame's own rules, warnings included, from what the receiver read (no second parse).
    const own = frameViolations(
      { ...r, payload: r.payload, payloadOffset: r.headerLength },
      { role, rsv1Allowed: deflate },
    );
    frame = frameFromReceiver(r, bytes, own);
  } else {
    frame = decodeFrame(bytes, 0, { role, extensionsRsv1: deflate });
  }
  const violations = [...frame.violations];
  for (const v of streamViolations) if (!violations.some((x) => x.id === v.id)) violations.push(v);
  return {
    key: nextKey++,
    t,
    from,
    source,
    bytes,
    frame,
    violations,
    summary: summarize(frame),
    ...(inflated ? { inflated } : {}),
  };
}

/** A frame the page built itself, read by a receiver of its own (no stream before it). */
function fromBytes(from: Side, t: number, bytes: Uint8Array): WireFrame {
  const receiver = createReceiver({ role: from === 'client' ? 'server' : 'client' });
  return readFrame(from, 'reconstructed', t, bytes, receiver, false);
}

/** Random masking key for a reconstructed client frame: the browser's real key is never shown to pages. */
function exampleKey(): Uint8Array {
  return crypto.getRandomValues(new Uint8Array(4));
}

/**
 * The frame a message would be on the wire, unfragmented and uncompressed: what the page can know.
 * @see RFC 6455 §5.2, §5.3
 */
export function reconstructMessage(
  from: Side,
  opcode: 1 | 2,
  payload: Uint8Array,
  t = Date.now(),
): WireFrame {
  const bytes = encodeFrame({ opcode, payload, mask: from === 'client' ? exampleKey() : null });
  return fromBytes(from, t, bytes);
}

/** The close frame the page asked for (client) or was told about (server), reconstructed. */
export function reconstructClose(
  from: Side,
  code: number | undefined,
  reason: string,
  t = Date.now(),
): WireFrame {
  const payload = code === undefined ? new Uint8Array(0) : encodeClosePayload(code, reason);
  const bytes = encodeFrame({ opcode: 8, payload, mask: from === 'client' ? exampleKey() : null });
  return fromBytes(from, t, bytes);
}

function base64ToBytes(text: string): Uint8Array {
  const binary = atob(text);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

/** permessage-deflate parameters in force, from the handshake the tap saw; null when not negotiated. */
export function negotiatedDeflate(
  request: string,
  responseExtensions: string | null,
): PermessageDeflateParams | null {
  if (!responseExtensions) return null;
  const offers = parseExtensions(headerValues(parseRequest(request), 'sec-websocket-extensions')).extensions;
  const check = validatePermessageDeflateResponse(offers, parseExtensions(responseExtensions).extensions);
  return check.ok ? check.params : null;
}

/**
 * Turns the tap's messages into frames, each direction through its own receiver so compressed messages are
 * inflated with the negotiated context takeover, and stream-level violations (bad UTF-8, 1009…) are found.
 */
export class TapDecoder {
  deflate: PermessageDeflateParams | null = null;
  private receivers: Record<Side, Receiver> = this.makeReceivers();

  private makeReceivers(): Record<Side, Receiver> {
    const make = (role: 'server' | 'client') => createReceiver({ role, permessageDeflate: this.deflate });
    return { client: make('server'), server: make('client') };
  }

  /** The frame a tap message describes, or null for other messages (the caller handles those). */
  accept(message: TapMessage): WireFrame | null {
    if (message.type === 'handshake') {
      this.deflate = negotiatedDeflate(message.request, message.extensions);
      this.receivers = this.makeReceivers();
      return null;
    }
    if (message.type !== 'frame') return null;
    const bytes = base64ToBytes(message.bytes);
    return readFrame(
      message.from,
      'tap',
      message.t,
      bytes,
      this.receivers[message.from],
      this.deflate !== null,
    );
  }
}

/** Parse one tap text message; null when it is not one (a tap from another version, or garbage). */
export function parseTapMessage(text: string): TapMessage | null {
  try {
    const m = JSON.parse(text) as TapMessage;
    return m && m.v === 1 && typeof m.type === 'string' ? m : null;
  } catch {
    return null;
  }
}
