/**
 * Recognises HTTP/2 frames pasted where WebSocket bytes were expected: the bytes (after an optional client
 * preface) must be a chain of HTTP/2 frame headers of known types that fills them exactly, so WebSocket frames
 * almost never match. A WebSocket over HTTP/2 (RFC 8441) travels in the DATA frames of one stream: the DATA
 * payloads are collected per stream, ready to be decoded as WebSocket bytes.
 * @see RFC 9113 §4.1 (frame header), §6.1 (DATA)
 */
import { FrameType, PREFACE, readFrames, unpadded } from './frames';

/** The DATA payloads of one stream, joined in order. */
export interface Http2StreamData {
  streamId: number;
  data: Uint8Array;
  frames: number;
}

/** What a run of pasted bytes holds when it is HTTP/2. */
export interface Http2Sniff {
  /** The bytes start with the 24-byte client connection preface. */
  preface: boolean;
  /** The frames' type names in order, e.g. `['SETTINGS', 'DATA']`. */
  types: string[];
  /** Streams that carry DATA, in order of their first DATA frame. */
  streams: Http2StreamData[];
}

const TYPE_NAMES = Object.fromEntries(
  Object.entries(FrameType).map(([name, value]) => [value, name]),
) as Record<number, string>;

/**
 * The HTTP/2 frames the bytes hold, or null when they are not exactly a chain of HTTP/2 frames.
 * @example sniffHttp2(fromHex('000006000100000001 810474657374'))?.streams[0] // stream 1, data 81 04 74 65 73 74
 */
export function sniffHttp2(bytes: Uint8Array): Http2Sniff | null {
  const preface = bytes.length >= PREFACE.length && PREFACE.every((b, i) => bytes[i] === b);
  const from = preface ? PREFACE.length : 0;
  if (bytes.length - from < 9) return preface ? { preface, types: [], streams: [] } : null;
  const { frames, end } = readFrames(bytes, from);
  if (end !== bytes.length || frames.length === 0) return null;
  const streams = new Map<number, { parts: Uint8Array[]; frames: number }>();
  for (const f of frames) {
    if (TYPE_NAMES[f.type] === undefined) return null;
    // Stream 0 is the connection: DATA, HEADERS, RST_STREAM and CONTINUATION always name a stream (§6).
    const needsStream = [FrameType.DATA, FrameType.HEADERS, FrameType.RST_STREAM, FrameType.CONTINUATION];
    if (needsStream.includes(f.type as 0) && f.streamId === 0) return null;
    if (f.type === FrameType.SETTINGS && (f.streamId !== 0 || f.payload.length % 6 !== 0)) return null;
    if (f.type !== FrameType.DATA) continue;
    const data = unpadded(f);
    if (!data) return null;
    const s = streams.get(f.streamId) ?? { parts: [], frames: 0 };
    s.parts.push(data);
    s.frames++;
    streams.set(f.streamId, s);
  }
  // Without the preface, a lone frame that is not DATA is too weak a sign (a WebSocket frame can look like one).
  if (!preface && streams.size === 0) return null;
  return {
    preface,
    types: frames.map((f) => TYPE_NAMES[f.type] ?? String(f.type)),
    streams: [...streams].map(([streamId, s]) => {
      const data = new Uint8Array(s.parts.reduce((n, p) => n + p.length, 0));
      let at = 0;
      for (const p of s.parts) {
        data.set(p, at);
        at += p.length;
      }
      return { streamId, data, frames: s.frames };
    }),
  };
}
