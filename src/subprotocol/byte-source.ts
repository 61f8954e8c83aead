/**
 * Bytes a decoder reads that are not simply one message's payload: the bytes of several messages of one direction
 * joined (a STOMP frame split across messages), or the text of a JSON string inside a message (a STOMP frame inside
 * a SockJS array), where every decoded byte came from one or more bytes of the message (`\n`, `\u0000`).
 * `span` maps a range of `bytes` back to the message's own bytes, so fields still light their bytes in the hex view.
 */
import type { Span } from './types';

export interface ByteSource {
  bytes: Uint8Array;
  /** The message bytes `bytes[start, end)` came from (the message where `start` lies; clipped to it). */
  span(start: number, end: number): Span;
  /** Indexes of the messages `bytes[start, end)` came from, in order. */
  messages(start: number, end: number): number[];
}

/** One message's payload, or part of it, as a source. */
export function messageSource(message: number, data: Uint8Array, start = 0, end = data.length): ByteSource {
  return {
    bytes: data.subarray(start, end),
    span: (s, e) => ({ message, start: start + s, end: start + e }),
    messages: () => [message],
  };
}

/** A message's payload from byte `offset` on. */
export interface SourcePart {
  message: number;
  data: Uint8Array;
  offset: number;
}

/** Several messages' payloads (or their tails) joined, in order. */
export function joinedSource(parts: readonly SourcePart[]): ByteSource {
  const only = parts.length === 1 ? parts[0] : undefined;
  if (only) return messageSource(only.message, only.data, only.offset);
  const total = parts.reduce((n, p) => n + p.data.length - p.offset, 0);
  const bytes = new Uint8Array(total);
  const starts: number[] = [];
  let at = 0;
  for (const p of parts) {
    starts.push(at);
    bytes.set(p.data.subarray(p.offset), at);
    at += p.data.length - p.offset;
  }
  // Which part holds byte `offset` of the joined bytes.
  const partAt = (offset: number): number => {
    let i = 0;
    while (i + 1 < parts.length && (starts[i + 1] ?? Infinity) <= offset) i++;
    return i;
  };
  return {
    bytes,
    span(s, e) {
      const i = partAt(s);
      const part = parts[i];
      const base = (starts[i] ?? 0) - (part?.offset ?? 0);
      return {
        message: part?.message ?? 0,
        start: s - base,
        end: Math.min(e - base, part?.data.length ?? 0),
      };
    },
    messages(s, e) {
      const out: number[] = [];
      for (let i = partAt(s); i < parts.length && (starts[i] ?? Infinity) < Math.max(e, s + 1); i++) {
        out.push(parts[i]?.message ?? 0);
      }
      return out;
    },
  };
}

/**
 * The UTF-8 bytes of the JSON string whose quotes are at `bytes[start]` and `bytes[end - 1]` in message `message`,
 * each decoded byte mapped back to the escape or character it came from. Returns null for a malformed string.
 */
export function jsonStringSource(
  message: number,
  bytes: Uint8Array,
  start: number,
  end: number,
): ByteSource | null {
  const out: number[] = [];
  const from: number[] = [];
  const to: number[] = [];
  const emit = (text: string, s: number, e: number): void => {
    for (const b of new TextEncoder().encode(text)) {
      out.push(b);
      from.push(s);
      to.push(e);
    }
  };
  let i = start + 1;
  const last = end - 1;
  while (i < last) {
    const b = bytes[i] ?? 0;
    if (b === 0x5c) {
      const e = bytes[i + 1];
      if (e === 0x75) {
        let unit = parseInt(String.fromCharCode(...bytes.subarray(i + 2, i + 6)), 16);
        if (Number.isNaN(unit)) return null;
        let length = 6;
        // A surrogate pair is two \u escapes that make one character.
        if (unit >= 0xd800 && unit <= 0xdbff && bytes[i + 6] === 0x5c && bytes[i + 7] === 0x75) {
          const low = parseInt(String.fromCharCode(...bytes.subarray(i + 8, i + 12)), 16);
          if (low >= 0xdc00 && low <= 0xdfff) {
            unit = 0x10000 + ((unit - 0xd800) << 10) + (low - 0xdc00);
            length = 12;
          }
        }
        emit(String.fromCodePoint(unit), i, i + length);
        i += length;
        continue;
      }
      const simple: Record<number, string> = {
        0x22: '"',
        0x5c: '\\',
        0x2f: '/',
        0x62: '\b',
        0x66: '\f',
        0x6e: '\n',
        0x72: '\r',
        0x74: '\t',
      };
      const c = e === undefined ? undefined : simple[e];
      if (c === undefined) return null;
      emit(c, i, i + 2);
      i += 2;
      continue;
    }
    out.push(b);
    from.push(i);
    to.push(i + 1);
    i++;
  }
  return {
    bytes: Uint8Array.from(out),
    span: (s, e) => ({
      message,
      start: from[s] ?? last,
      end: e > s ? (to[e - 1] ?? last) : (from[s] ?? last),
    }),
    messages: () => [message],
  };
}
