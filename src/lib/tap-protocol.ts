/**
 * The tap's message schema (version 1): what `/tap?id=X` streams about the live connection `/echo?tap=X`.
 *
 * Every tap message is one JSON text message. Types only, no Node imports: the Live view imports them too.
 *
 * - `hello`      first message, once the tap is open.
 * - `handshake`  the opening handshake: the request's exact bytes as the client sent them (`requestSource:
 *                'exact'`), or, where they could not be had, the request rebuilt from Node's parse (`'rebuilt'`),
 *                and the exact response bytes the server wrote.
 * - `frame`      one frame, exactly as it crossed the wire (`from: 'client'` = client → server, masked), base64.
 * - `note`       what a scripted behaviour is doing (`?ping=5s`, `?bad=rsv1`…), in words.
 * - `end`        the TCP connection ended; `clean` says whether both close frames were exchanged.
 *
 * Timestamps `t` are milliseconds since the Unix epoch, with sub-millisecond precision, taken by the server
 * when it read or wrote the bytes.
 */

export const TAP_VERSION = 1;

export type TapMessage =
  | { v: 1; type: 'hello'; id: string; t: number }
  | {
      v: 1;
      type: 'handshake';
      t: number;
      /** The HTTP request head (request line, headers, blank line) as text, one character per byte (latin1). */
      request: string;
      /** The same request head as bytes, base64. Absent from servers older than this field. */
      requestBytes?: string;
      /**
       * `exact`: byte for byte what the client sent. `rebuilt`: rebuilt from Node's parse (same request line, header
       * order, case and values, but whitespace may differ), when the raw bytes could not be had (e.g. over TLS).
       * Absent (from an older server) means rebuilt.
       */
      requestSource?: 'exact' | 'rebuilt';
      /** The exact response bytes the server wrote (HTTP/1.1 101…), as text. */
      response: string;
      /** The negotiated subprotocol, or null. */
      protocol: string | null;
      /** The negotiated `Sec-WebSocket-Extensions` value, or null. */
      extensions: string | null;
    }
  | {
      v: 1;
      type: 'frame';
      t: number;
      /** Who sent the frame. */
      from: 'client' | 'server';
      /** Frame number in this direction, from 0. */
      seq: number;
      /** The frame's bytes exactly as on the wire (header, masking key, masked payload), base64. */
      bytes: string;
    }
  | { v: 1; type: 'note'; t: number; text: string }
  | { v: 1; type: 'end'; t: number; clean: boolean; code: number | null; reason: string };

/** Current time in ms since the epoch with sub-millisecond precision. */
export function tapNow(): number {
  return performance.timeOrigin + performance.now();
}
