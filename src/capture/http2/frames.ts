/**
 * HTTP/2 framing (RFC 9113 §4.1, §6): the 9-byte frame header, padding and priority fields of DATA and HEADERS,
 * SETTINGS parameters and RST_STREAM / GOAWAY error codes. Reading stops cleanly at a frame cut short.
 */

/** The client connection preface, `PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n` (RFC 9113 §3.4). */
export const PREFACE = Uint8Array.from('PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n', (c) => c.charCodeAt(0));

/** Frame types (RFC 9113 §6). */
export const FrameType = {
  DATA: 0x0,
  HEADERS: 0x1,
  PRIORITY: 0x2,
  RST_STREAM: 0x3,
  SETTINGS: 0x4,
  PUSH_PROMISE: 0x5,
  PING: 0x6,
  GOAWAY: 0x7,
  WINDOW_UPDATE: 0x8,
  CONTINUATION: 0x9,
} as const;

export const Flag = {
  END_STREAM: 0x1,
  ACK: 0x1,
  END_HEADERS: 0x4,
  PADDED: 0x8,
  PRIORITY: 0x20,
} as const;

/** SETTINGS parameter names (RFC 9113 §6.5.2; 0x8 from RFC 8441 §3). */
export const SETTING_NAMES: Record<number, string> = {
  0x1: 'SETTINGS_HEADER_TABLE_SIZE',
  0x2: 'SETTINGS_ENABLE_PUSH',
  0x3: 'SETTINGS_MAX_CONCURRENT_STREAMS',
  0x4: 'SETTINGS_INITIAL_WINDOW_SIZE',
  0x5: 'SETTINGS_MAX_FRAME_SIZE',
  0x6: 'SETTINGS_MAX_HEADER_LIST_SIZE',
  0x8: 'SETTINGS_ENABLE_CONNECT_PROTOCOL',
};

/** Error codes (RFC 9113 §7). */
export const ERROR_NAMES: Record<number, string> = {
  0x0: 'NO_ERROR',
  0x1: 'PROTOCOL_ERROR',
  0x2: 'INTERNAL_ERROR',
  0x3: 'FLOW_CONTROL_ERROR',
  0x4: 'SETTINGS_TIMEOUT',
  0x5: 'STREAM_CLOSED',
  0x6: 'FRAME_SIZE_ERROR',
  0x7: 'REFUSED_STREAM',
  0x8: 'CANCEL',
  0x9: 'COMPRESSION_ERROR',
  0xa: 'CONNECT_ERROR',
  0xb: 'ENHANCE_YOUR_CALM',
  0xc: 'INADEQUATE_SECURITY',
  0xd: 'HTTP_1_1_REQUIRED',
};

/** `CANCEL (0x8)`, or the bare hex of a code RFC 9113 does not name. */
export function errorName(code: number): string {
  const hex = `0x${code.toString(16)}`;
  const name = ERROR_NAMES[code];
  return name ? `${name} (${hex})` : hex;
}

/** One HTTP/2 frame as read from a byte stream. */
export interface H2Frame {
  /** Offset of the frame header in the bytes it was read from. */
  offset: number;
  type: number;
  flags: number;
  streamId: number;
  /** The frame payload (padding and priority fields still inside). */
  payload: Uint8Array;
}

/** Frame header size (RFC 9113 §4.1). */
export const HEADER_SIZE = 9;

/**
 * Read every complete frame from `from`. `end` is the offset after the last complete frame: bytes past it are a
 * frame cut short (or fewer than 9 bytes).
 * @example readFrames(fromHex('000000040000000000'), 0).frames[0].type // 4 (an empty SETTINGS frame)
 */
export function readFrames(bytes: Uint8Array, from: number): { frames: H2Frame[]; end: number } {
  const frames: H2Frame[] = [];
  let at = from;
  while (at + HEADER_SIZE <= bytes.length) {
    const length = ((bytes[at] ?? 0) << 16) | ((bytes[at + 1] ?? 0) << 8) | (bytes[at + 2] ?? 0);
    if (at + HEADER_SIZE + length > bytes.length) break;
    // The reserved bit R is ignored when reading (RFC 9113 §4.1).
    const streamId =
      (((bytes[at + 5] ?? 0) & 0x7f) << 24) |
      ((bytes[at + 6] ?? 0) << 16) |
      ((bytes[at + 7] ?? 0) << 8) |
      (bytes[at + 8] ?? 0);
    frames.push({
      offset: at,
      type: bytes[at + 3] ?? 0,
      flags: bytes[at + 4] ?? 0,
      streamId,
      payload: bytes.subarray(at + HEADER_SIZE, at + HEADER_SIZE + length),
    });
    at += HEADER_SIZE + length;
  }
  return { frames, end: at };
}

/**
 * The data of a DATA frame or the header block fragment of a HEADERS frame without its Pad Length, padding and
 * (HEADERS) priority fields (RFC 9113 §6.1, §6.2); null when the padding is longer than the payload.
 */
export function unpadded(f: H2Frame): Uint8Array | null {
  let start = 0;
  let end = f.payload.length;
  if (f.flags & Flag.PADDED) {
    const pad = f.payload[0];
    if (pad === undefined) return null;
    start = 1;
    end -= pad;
  }
  if (f.type === FrameType.HEADERS && f.flags & Flag.PRIORITY) start += 5;
  return start <= end ? f.payload.subarray(start, end) : null;
}

/** SETTINGS parameters in order (RFC 9113 §6.5.1): 16-bit identifier, 32-bit value. */
export function readSettings(payload: Uint8Array): { id: number; value: number }[] {
  const out: { id: number; value: number }[] = [];
  for (let i = 0; i + 6 <= payload.length; i += 6) {
    const id = ((payload[i] ?? 0) << 8) | (payload[i + 1] ?? 0);
    const value =
      ((payload[i + 2] ?? 0) * 2 ** 24 +
        ((payload[i + 3] ?? 0) << 16) +
        ((payload[i + 4] ?? 0) << 8) +
        (payload[i + 5] ?? 0)) >>>
      0;
    out.push({ id, value });
  }
  return out;
}

/** A 32-bit big-endian number at `at` (RST_STREAM's and GOAWAY's error codes). */
export function u32(bytes: Uint8Array, at: number): number {
  return (
    ((bytes[at] ?? 0) * 2 ** 24 +
      ((bytes[at + 1] ?? 0) << 16) +
      ((bytes[at + 2] ?? 0) << 8) +
      (bytes[at + 3] ?? 0)) >>>
    0
  );
}
