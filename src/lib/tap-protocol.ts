/**
 * The tap's message schema (version 1): what `/tap` streams about the live connection `/echo?tap=ID`.
 *
 * The id is the server's: open `/tap` (no id) and its `hello` names a fresh id of 128 random bits; then open
 * `/echo?tap=ID`. The server refuses ids it did not issue, and a second tap on an id that is already watched.
 * Every server message is one JSON text message. Types only, no Node imports: the Live view imports them too.
 *
 * - `hello`      first message, once the tap is open: the id to give `/echo?tap=`.
 * - `refused`    the tap was not attached (unknown id, already watched); the server then closes with `code`.
 * - `handshake`  the opening handshake: the request's exact bytes as the client sent them (`requestSource:
 *                'exact'`), or, where they could not be had, the request rebuilt from Node's parse (`'rebuilt'`),
 *                and the exact response bytes the server wrote. Credentials are redacted (`redacted`) unless the
 *                page asked to see them (the `reveal` request below).
 * - `frame`      one frame, exactly as it crossed the wire (`from: 'client'` = client → server, masked), base64.
 * - `dropped`    frames and notes the server did not keep for this tap (it read too slowly, or nobody watched the
 *                id and the hold was full), counted since the last `dropped`; sent where the gap is.
 * - `note`       what a scripted behaviour is doing (`?ping=5s`, `?bad=rsv1`…), in words.
 * - `end`        the TCP connection ended; `clean` says whether both close frames were exchanged.
 *
 * The page may send one request on the tap, as JSON text: `{"type":"reveal"}` asks for the last handshake again,
 * unredacted (`revealed: true`).
 *
 * Timestamps `t` are milliseconds since the Unix epoch, with sub-millisecond precision, taken by the server
 * when it read or wrote the bytes.
 */

export const TAP_VERSION = 1;

/** Close codes of a refused tap (private use range, RFC 6455 §7.4.2). */
export const TAP_REFUSED = {
  /** The id was never issued by this server, or has expired. */
  unknownId: 4404,
  /** Another tap already watches this id. */
  alreadyWatched: 4409,
} as const;

/** A header value the tap replaced: which header, which part, how long the original was. */
export interface Redaction {
  /** The header's name as the client wrote it. */
  header: string;
  /** `value`: the whole value; `token`: one comma-separated token of it (Sec-WebSocket-Protocol). */
  part: 'value' | 'token';
  /** Length of what was replaced, in bytes. */
  bytes: number;
  /** Which rule matched, in words (`always a credential`, `looks like a JWT`…). */
  rule: string;
}

export type TapMessage =
  | { v: 1; type: 'hello'; id: string; t: number }
  | { v: 1; type: 'refused'; t: number; code: number; reason: string }
  | {
      v: 1;
      type: 'handshake';
      t: number;
      /** The HTTP request head (request line, headers, blank line) as text, one character per byte (latin1). */
      request: string;
      /** The same request head as bytes, base64. Absent from servers older than this field. */
      requestBytes?: string;
      /**
       * `exact`: byte for byte what the client sent (apart from `redacted` values). `rebuilt`: rebuilt from Node's
       * parse (same request line, header order, case and values, but whitespace may differ), when the raw bytes
       * could not be had (e.g. over TLS). Absent (from an older server) means rebuilt.
       */
      requestSource?: 'exact' | 'rebuilt';
      /** The exact response bytes the server wrote (HTTP/1.1 101…), as text. */
      response: string;
      /** The negotiated subprotocol, or null. */
      protocol: string | null;
      /** The negotiated `Sec-WebSocket-Extensions` value, or null. */
      extensions: string | null;
      /** Values replaced by `[redacted: N bytes]` in `request`, `requestBytes`, `response` and `protocol`. */
      redacted?: Redaction[];
      /** This is the handshake sent again, unredacted, because the page asked (`{"type":"reveal"}`). */
      revealed?: boolean;
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
  | {
      v: 1;
      type: 'dropped';
      t: number;
      /** Frames not shown, and their size on the wire. */
      frames: number;
      bytes: number;
      /** Other messages (notes, a handshake) not shown. */
      other: number;
      /** Why, in words. */
      reason: string;
    }
  | { v: 1; type: 'note'; t: number; text: string }
  | { v: 1; type: 'end'; t: number; clean: boolean; code: number | null; reason: string };

/** A request the page sends on the tap. */
export type TapRequest = { type: 'reveal' };

/** Current time in ms since the epoch with sub-millisecond precision. */
export function tapNow(): number {
  return performance.timeOrigin + performance.now();
}
