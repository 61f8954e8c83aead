/**
 * The plain objects a capture import produces: connections, their frames in wire order and the messages they
 * carry. Only data, so a result can cross `postMessage` from a Web Worker.
 */
import type { Direction } from '../codec/stream-types';
import type { PermessageDeflateParams, Violation } from '../codec/types';

/** The file formats {@link importCapture} reads. */
export type CaptureFormat = 'pcap' | 'pcapng' | 'har' | 'hexdump' | 'hex' | 'session';

/** One end of a TCP connection. */
export interface Endpoint {
  address: string;
  port: number;
}

/** Something skipped or guessed, and why. */
export interface CaptureWarning {
  message: string;
  /** Id of the connection it concerns, or null for the whole file. */
  connection: string | null;
}

/** One WebSocket frame as captured. */
export interface CapturedFrame {
  /** Position in the connection's `frames`. */
  index: number;
  direction: Direction;
  /** Milliseconds since the first packet (or message) of the capture. */
  time: number;
  /** The frame's bytes as they were on the wire (for reconstructed frames: as they would have been). */
  bytes: Uint8Array;
  fin: boolean;
  rsv1: boolean;
  rsv2: boolean;
  rsv3: boolean;
  opcode: number;
  opcodeName: string;
  masked: boolean;
  maskingKey: Uint8Array | null;
  payloadLength: number;
  /** One line for lists, e.g. `text "Hello"` or `close 1000 (Normal Closure)`. */
  summary: string;
  /** What is wrong with the frame; offsets count from the frame's first byte. */
  violations: Violation[];
  /** Index in `messages` of the message this data frame completes or belongs to. */
  message: number | null;
  /** Rebuilt from a message log (HAR): the masking key and fragmentation are unknown. */
  reconstructed: boolean;
  /**
   * Decoded after bytes were lost (a TCP gap, or a capture that starts mid-connection) from a frame boundary that
   * is not confirmed: the frame may be payload bytes read as a header. Shown as unconfirmed.
   */
  afterGap: boolean;
}

/** A data message reassembled from frames (and inflated when compressed). */
export interface CapturedMessage {
  index: number;
  direction: Direction;
  time: number;
  opcode: 1 | 2;
  data: Uint8Array;
  text: string | null;
  frames: number[];
  compressedLength: number | null;
  /** Its frames are unconfirmed (`CapturedFrame.afterGap`): it may never have been sent. */
  afterGap: boolean;
}

/** Bytes of one direction that were never captured: nothing after them is decoded until a frame boundary is found. */
export interface CaptureGap {
  direction: Direction;
  /** Offset in that direction's byte stream where the missing bytes start. */
  offset: number;
  length: number;
  time: number;
}

/** Where a WebSocket carried over HTTP/2 lives (RFC 8441): one stream of an HTTP/2 connection. */
export interface Http2StreamInfo {
  streamId: number;
  /** The TCP connection carrying it, e.g. `127.0.0.1:57350 → 127.0.0.1:9281`. */
  connection: string;
  /** The request's `:path` and `:protocol` (`websocket`). */
  path: string | null;
  protocol: string | null;
  /** How the TCP connection became HTTP/2: the client preface straight away, or `Upgrade: h2c` first. */
  start: 'prior-knowledge' | 'h2c-upgrade';
  /** The server sent SETTINGS_ENABLE_CONNECT_PROTOCOL = 1 (RFC 8441 §3); null when its SETTINGS were not seen. */
  connectProtocol: boolean | null;
  /** How the stream ended, e.g. `END_STREAM from both sides` or `RST_STREAM CANCEL (0x8) from the client`. */
  closed: string;
  /** The other HTTP/2 streams of the same TCP connection. */
  otherStreams: number;
}

/** A WebSocket connection found in the capture. */
export interface CaptureConnection {
  id: string;
  /** e.g. `127.0.0.1:50112 → 127.0.0.1:9201` or the URL from a HAR. */
  label: string;
  client: Endpoint | null;
  server: Endpoint | null;
  url: string | null;
  /** The opening handshake's request and response text, when captured. */
  request: string | null;
  response: string | null;
  subprotocol: string | null;
  extensions: string | null;
  /** The negotiated permessage-deflate parameters, or null when compression is off. */
  permessageDeflate: PermessageDeflateParams | null;
  /** The frames were rebuilt from messages (HAR), not captured. */
  reconstructed: boolean;
  /** Encrypted (wss): nothing can be decoded. */
  tls: boolean;
  frames: CapturedFrame[];
  messages: CapturedMessage[];
  gaps: CaptureGap[];
  /** Time of the connection's last packet, ms since the capture's start. */
  duration: number;
  /** Set when the WebSocket ran over an HTTP/2 stream (RFC 8441) rather than its own TCP connection. */
  http2?: Http2StreamInfo;
}

/** What {@link importCapture} returns. `error` is set when nothing could be read at all. */
export interface CaptureImport {
  name: string;
  format: CaptureFormat | null;
  connections: CaptureConnection[];
  warnings: CaptureWarning[];
  error: string | null;
}

/** Raised by a parser for input it cannot read; {@link importCapture} turns it into `error`. */
export class CaptureError extends Error {
  override name = 'CaptureError';
}
