/** The plain data {@link decodeStream} returns (see `stream.ts`). Only data: it survives `postMessage`. */
import type { CloseCodeInfo } from './close';
import type { FrameField, PermessageDeflateParams, Violation } from './types';

/** Who sent a frame. Client frames are masked, server frames are not (RFC 6455 §5.1). */
export type Direction = 'client-to-server' | 'server-to-client';

/** Options of {@link decodeStream}. */
export interface DecodeStreamOptions {
  /** `auto` (default): each frame's MASK bit says who sent it (masked = client → server). Otherwise every frame is taken as sent in that direction. */
  direction?: 'auto' | Direction;
  /**
   * permessage-deflate (RFC 7692): `null` (default) = not negotiated; parameters = negotiated with them;
   * `'auto'` = negotiated (with `autoDeflateParams`) when a text or binary frame starts with RSV1 set.
   */
  permessageDeflate?: PermessageDeflateParams | null | 'auto';
  /** The parameters `'auto'` uses when it finds compression. Default: none (RFC 7692 defaults). */
  autoDeflateParams?: PermessageDeflateParams;
  /** Largest message accepted (after inflation); bigger fails with 1009. Default `DEFAULT_MAX_MESSAGE_SIZE`, 64 MiB. */
  maxMessageSize?: number;
  /** Include each frame's `fields` (default true). Off for very large inputs: {@link streamFrameDetail} gives them on demand. */
  fields?: boolean;
  /** Called as the walk advances, with bytes done and bytes in total, at least once at the end. */
  onProgress?: (done: number, total: number) => void;
  /** Bytes between two `onProgress` calls. Default 256 KiB. */
  progressInterval?: number;
}

/** One complete frame of the stream. */
export interface StreamFrame {
  /** Position in `frames`. */
  index: number;
  /** Byte offset of the frame's first byte in the input. */
  offset: number;
  /** Bytes of the whole frame (header + payload). */
  length: number;
  headerLength: number;
  direction: Direction;
  fin: boolean;
  rsv1: boolean;
  rsv2: boolean;
  rsv3: boolean;
  opcode: number;
  opcodeName: string;
  masked: boolean;
  maskingKey: Uint8Array | null;
  payloadLength: number;
  /** Unmasked payload of this frame (still compressed for a compressed message). */
  payload: Uint8Array;
  /** Header fields and payload with their bit spans, or null when decoded with `fields: false`. */
  fields: FrameField[] | null;
  /** The frame's own violations plus the receiver's, each at the byte where it happens. */
  violations: Violation[];
  /** Index in `messages` of the message this data frame belongs to, once it is complete. */
  message: number | null;
  /** Sent after its direction had already sent a close frame: a receiver ignores it (RFC 6455 §5.5.1). */
  afterClose: boolean;
}

/** A data message reassembled from its frames. */
export interface StreamMessage {
  index: number;
  direction: Direction;
  opcode: 1 | 2;
  /** The (inflated) message bytes. */
  data: Uint8Array;
  /** The text of a text message; null for binary. */
  text: string | null;
  /** Indices in `frames` of the frames it was made of, in order. */
  frames: number[];
  /** Offset of its first frame. */
  offset: number;
  /** Bytes on the wire when the message was compressed (RSV1), else null. */
  compressedLength: number | null;
}

/** A close frame that a receiver accepted. */
export interface StreamClose {
  direction: Direction;
  frame: number;
  /** Status code, absent when the close frame was empty (1005 to the application). */
  code?: number;
  reason: string;
  info: CloseCodeInfo | null;
}

/** The first fatal violation: where a receiver stops reading and fails the connection. */
export interface StreamFailure {
  violation: Violation;
  direction: Direction;
  /** The frame that holds the offending byte, or null when it is not part of a complete frame. */
  frame: number | null;
  /** Byte offset of the offending byte in the input. */
  offset: number;
  /** The close code the receiver sends. */
  closeCode: number;
}

/** A frame cut short by the end of the input. */
export interface StreamIncomplete {
  offset: number;
  direction: Direction;
  /** More bytes needed at least. */
  needed: number;
  available: number;
  fields: FrameField[];
  violations: Violation[];
}

/** A run of input bytes and what it is. Spans are sorted, do not overlap, and cover the input exactly. */
export type ByteSpan =
  | { kind: 'frame'; start: number; end: number; frame: number }
  | { kind: 'incomplete'; start: number; end: number; needed: number }
  | { kind: 'unread'; start: number; end: number; reason: string };

export interface StreamResult {
  /** Bytes of input. */
  length: number;
  frames: StreamFrame[];
  messages: StreamMessage[];
  closes: StreamClose[];
  failure: StreamFailure | null;
  incomplete: StreamIncomplete | null;
  spans: ByteSpan[];
  /** The permessage-deflate parameters the receivers used, or null when compression was off. */
  permessageDeflate: PermessageDeflateParams | null;
}
