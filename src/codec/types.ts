/**
 * The plain objects the codec hands to everything else (views, capture importers, the server).
 * Only data: no classes, no functions, so they survive `postMessage` to and from a Web Worker.
 */

/** Which end of the connection we are: a server receives masked frames, a client unmasked ones. */
export type Role = 'client' | 'server';

/** Opcodes defined by RFC 6455 §5.2 (§11.8 registry). */
export const Opcode = {
  Continuation: 0x0,
  Text: 0x1,
  Binary: 0x2,
  Close: 0x8,
  Ping: 0x9,
  Pong: 0xa,
} as const;

/** How the payload length is written: in the 7-bit field, or as a 16-bit or 64-bit extended length. */
export type LengthEncoding = '7' | '16' | '64';

/** Input to {@link encodeFrame}. */
export interface FrameSpec {
  /** Final fragment of a message. Default `true`. */
  fin?: boolean;
  rsv1?: boolean;
  rsv2?: boolean;
  rsv3?: boolean;
  /** 4-bit opcode, 0x0–0xF. */
  opcode: number;
  /** A 4-byte masking key (client → server frames), or none. */
  mask?: Uint8Array | null;
  /** Unmasked application data. Never modified. */
  payload: Uint8Array;
  /** `'auto'` (default) writes the minimal length form the RFC demands; the others force a form, for teaching. */
  length?: 'auto' | LengthEncoding;
  /** Build frames the RFC forbids (for teaching) instead of throwing. */
  allowInvalid?: boolean;
}

/** Stable ids of the header fields, in wire order. */
export type FieldName =
  | 'fin'
  | 'rsv1'
  | 'rsv2'
  | 'rsv3'
  | 'opcode'
  | 'mask'
  | 'payloadLength'
  | 'extendedPayloadLength'
  | 'maskingKey'
  | 'payload'
  | 'closeCode'
  | 'closeReason';

/** One field of a frame and exactly where it lies, in bits from the start of the frame. */
export interface FrameField {
  name: FieldName;
  /** Human label as the RFC's diagram writes it, e.g. `Payload len`. */
  label: string;
  bitOffset: number;
  bitLength: number;
  /** The field's value; a bigint only for a 64-bit length beyond 2^53. */
  value: number | bigint;
  /** The value as shown to a person, e.g. `0x1 (text)` or `12 34 56 78`. */
  display: string;
  /** What the value means, in plain words. */
  meaning: string;
  /** The RFC section that rules this field, e.g. `RFC 6455 §5.2`. */
  rfc: string;
}

export type Severity = 'error' | 'warning';

/** A breach of the RFC found in the bytes: what a receiver does about it, and where. */
export interface Violation {
  /** Stable id from the violation catalogue (see `violations.ts`). */
  id: ViolationId;
  /** The close code a receiver fails the connection with (RFC 6455 §7.4.1). */
  closeCode: number;
  /** The RFC section that rules it, e.g. `RFC 6455 §5.5`. */
  rfc: string;
  /** One line with the offending values, e.g. `RSV2 = 1 but no extension defines it`. */
  message: string;
  /** Byte offset (from the start of the input or stream) of the offending byte. */
  offset: number;
  /** `error` fails the connection; `warning` is a sender's fault a receiver may tolerate. */
  severity: Severity;
}

export type ViolationId =
  | 'reserved-bit-set'
  | 'reserved-opcode'
  | 'control-frame-too-long'
  | 'control-frame-fragmented'
  | 'unexpected-continuation'
  | 'expected-continuation'
  | 'unmasked-client-frame'
  | 'masked-server-frame'
  | 'length-top-bit-set'
  | 'non-minimal-length'
  | 'invalid-utf8'
  | 'close-payload-one-byte'
  | 'close-code-invalid'
  | 'close-reason-invalid-utf8'
  | 'message-too-big'
  | 'rsv1-on-continuation'
  | 'rsv1-on-control-frame'
  | 'inflate-failed';

/** A complete frame as decoded from bytes. */
export interface Frame {
  incomplete: false;
  /** Byte offset of the frame's first byte in the input (or stream, for a receiver). */
  offset: number;
  fin: boolean;
  rsv1: boolean;
  rsv2: boolean;
  rsv3: boolean;
  opcode: number;
  /** `text`, `binary`, `continuation`, `close`, `ping`, `pong`, or `reserved (0x3)`. */
  opcodeName: string;
  masked: boolean;
  /** The 4-byte masking key, or null when MASK is 0. */
  maskingKey: Uint8Array | null;
  /** Length as written in the header. */
  payloadLength: number;
  lengthEncoding: LengthEncoding;
  /** Bytes of header: 2 + extended length + masking key. */
  headerLength: number;
  /** headerLength + payloadLength. */
  totalLength: number;
  /** The payload as it is on the wire (masked when MASK is 1). */
  maskedPayload: Uint8Array;
  /** The payload after unmasking (equal to maskedPayload when MASK is 0). */
  payload: Uint8Array;
  /** Every header field and the payload, with their bit spans. */
  fields: FrameField[];
  /** What is wrong with this frame on its own (the receiver adds what depends on earlier frames). */
  violations: Violation[];
}

/** What {@link decodeFrame} returns when the bytes end before the frame does. */
export interface IncompleteFrame {
  incomplete: true;
  offset: number;
  /** How many more bytes are needed at least (more may be needed once the length is known). */
  needed: number;
  /** How many bytes of the frame were available. */
  available: number;
  /** The fields that could be read so far. */
  fields: FrameField[];
  violations: Violation[];
}

/** Negotiated permessage-deflate parameters (RFC 7692 §7.1). */
export interface PermessageDeflateParams {
  serverNoContextTakeover?: boolean;
  clientNoContextTakeover?: boolean;
  /** 8–15; default 15. */
  serverMaxWindowBits?: number;
  /** 8–15; default 15. */
  clientMaxWindowBits?: number;
}

export interface ReceiverOptions {
  /** `server` receives client frames (masked); `client` receives server frames (unmasked). */
  role: Role;
  /** Largest message (after inflation) accepted; bigger fails with 1009. Default: no limit but the platform's. */
  maxMessageSize?: number;
  /** Set when permessage-deflate was negotiated; RSV1 then marks a compressed message. */
  permessageDeflate?: PermessageDeflateParams | null;
  /** Emit a `frame` event per frame (default true). Off for pure message throughput. */
  frameEvents?: boolean;
}

/** A frame as the receiver saw it. `fields` are computed on demand with `frameFields()`. */
export interface ReceivedFrame {
  offset: number;
  fin: boolean;
  rsv1: boolean;
  rsv2: boolean;
  rsv3: boolean;
  opcode: number;
  masked: boolean;
  maskingKey: Uint8Array | null;
  payloadLength: number;
  lengthEncoding: LengthEncoding;
  headerLength: number;
  /** Unmasked payload bytes of this frame. */
  payload: Uint8Array;
}

export type ReceiverEvent =
  | { type: 'frame'; frame: ReceivedFrame }
  | {
      type: 'message';
      opcode: 1 | 2;
      data: Uint8Array;
      /** The UTF-8 text of a text message (decoded on first read). */
      text?: string | undefined;
      /** Offset of the message's first frame in the stream. */
      offset: number;
      /** Number of frames the message was made of. */
      frames: number;
      /** Set when the message was compressed (RSV1): the compressed size on the wire. */
      compressedLength?: number;
    }
  | { type: 'ping' | 'pong'; data: Uint8Array; offset: number }
  | { type: 'close'; code?: number; reason: string; offset: number }
  | { type: 'fail'; code: number; reason: string; offset: number; violation: Violation };

export interface Receiver {
  /** Feed the next bytes of the stream; returns the events they complete. Synchronous; never throws on bad bytes. */
  push(chunk: Uint8Array): ReceiverEvent[];
  /**
   * Feed the next bytes and hand each event to `onEvent` as soon as it completes, so nothing from a large chunk
   * stays alive longer than one event: the cost per frame is the same from 1 byte to a 100 MB chunk.
   */
  write(chunk: Uint8Array, onEvent: (event: ReceiverEvent) => void): void;
  /** Total bytes pushed so far. */
  readonly bytesReceived: number;
  /** `open` until a close frame was received (`closed`) or the stream failed (`failed`). */
  readonly state: 'open' | 'closed' | 'failed';
}

/** Result of inflating part of a compressed message. */
export type InflateResult =
  | { ok: true; data: Uint8Array }
  | { ok: false; tooBig: true; size: number }
  | { ok: false; tooBig: false; reason: string };

/**
 * Per-connection, per-direction inflater for permessage-deflate (RFC 7692 §7.2.2), keeping the sliding window
 * across messages unless context takeover is off. Implemented in `permessage-deflate.ts`.
 */
export interface MessageInflater {
  /**
   * Inflate the payload of one frame of a compressed message, in order; `fin` marks the message's last frame
   * (then `00 00 ff ff` is appended before inflating). Output is bounded: once this call's output would pass
   * `limit`, returns `tooBig` (with the size reached) without inflating further. Never throws on bad data.
   */
  inflate(payload: Uint8Array, fin: boolean, limit: number): InflateResult;
}

/** Per-connection, per-direction deflater for permessage-deflate (RFC 7692 §7.2.1). */
export interface MessageDeflater {
  /** Compress one whole message: deflate with a sync flush and strip the trailing `00 00 ff ff`. */
  deflate(message: Uint8Array): Uint8Array;
}
