/**
 * permessage-deflate compression (RFC 7692 §7.2) on top of pako 3's low-level zlib port. Using the zlib stream
 * directly (rather than pako's `Inflate` wrapper) lets the inflater hand zlib a fixed output buffer and check the
 * message size after every fill, so a zip bomb stops within one buffer of the limit instead of inflating it all.
 *
 * Negotiation lives in `permessage-deflate-negotiation.ts`.
 */
import {
  ZStream,
  Z_BUF_ERROR,
  Z_DEFAULT_STRATEGY,
  Z_OK,
  Z_STREAM_END,
  Z_SYNC_FLUSH,
  zlibDeflate,
  zlibDeflateInit2,
  zlibDeflateReset,
  zlibInflate,
  zlibInflateInit2,
  zlibInflateReset,
} from 'pako';
import type { InflateResult, MessageDeflater, MessageInflater, PermessageDeflateParams, Role } from './types';

/** The empty stored block a sync flush ends with; removed by the sender, put back by the receiver (§7.2.1, §7.2.2). */
export const DEFLATE_TRAILER: Readonly<Uint8Array> = Uint8Array.of(0x00, 0x00, 0xff, 0xff);

/** zlib's only compression method, "deflate". */
const Z_DEFLATED = 8;
/** Size of the reused output buffer: the most a message can overshoot its limit before the inflater stops. */
const CHUNK = 32 * 1024;

/** Which end's parameters rule a direction: the sender's (`client_*` for client → server, `server_*` otherwise). */
function directionParams(params: PermessageDeflateParams | null | undefined, sender: Role) {
  const p = params ?? {};
  const bits = sender === 'client' ? p.clientMaxWindowBits : p.serverMaxWindowBits;
  const noContextTakeover = sender === 'client' ? p.clientNoContextTakeover : p.serverNoContextTakeover;
  // Negotiation only yields 8–15; anything else falls back to zlib's default rather than failing later.
  const windowBits =
    typeof bits === 'number' && Number.isInteger(bits) && bits >= 8 && bits <= 15 ? bits : 15;
  return { windowBits, noContextTakeover: noContextTakeover === true };
}

function concat(chunks: readonly Uint8Array[]): Uint8Array {
  if (chunks.length === 1) return chunks[0]!;
  const out = new Uint8Array(chunks.reduce((sum, chunk) => sum + chunk.length, 0));
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

class Inflater implements MessageInflater {
  private readonly strm = new ZStream();
  private readonly out = new Uint8Array(CHUNK);
  /** Bytes the current `inflate()` call has produced. */
  private produced = 0;
  /** The sender ended the stream with a BFINAL block: zlib ignores any more input until we reset it. */
  private ended = false;

  constructor(
    windowBits: number,
    private readonly noContextTakeover: boolean,
  ) {
    // A negative windowBits selects raw DEFLATE: no zlib header or Adler-32, as permessage-deflate sends.
    zlibInflateInit2(this.strm, -windowBits);
  }

  inflate(payload: Uint8Array, fin: boolean, limit: number): InflateResult {
    const chunks: Uint8Array[] = [];
    this.produced = 0;
    const failure =
      this.feed(payload, chunks, limit) ?? (fin ? this.feed(DEFLATE_TRAILER, chunks, limit) : null);
    if (failure !== null || fin) this.endMessage(failure !== null);
    return failure ?? { ok: true, data: concat(chunks) };
  }

  /** Feeds `input` to zlib, collecting output; returns a failure, or null when all input was used. */
  private feed(input: Uint8Array, chunks: Uint8Array[], limit: number): InflateResult | null {
    if (this.ended || input.length === 0) return null;
    const strm = this.strm;
    strm.input = input;
    strm.next_in = 0;
    strm.avail_in = input.length;
    for (;;) {
      strm.output = this.out;
      strm.next_out = 0;
      strm.avail_out = CHUNK;
      const status = zlibInflate(strm, Z_SYNC_FLUSH);
      const filled = CHUNK - strm.avail_out;
      if (filled > 0) {
        this.produced += filled;
        if (this.produced > limit) return { ok: false, tooBig: true, size: this.produced };
        chunks.push(this.out.slice(0, filled));
      }
      if (status === Z_STREAM_END) {
        // A final block (BFINAL = 1, RFC 7692 §7.2.3.4): what follows it in this message is ignored.
        this.ended = true;
        return null;
      }
      if (status !== Z_OK && status !== Z_BUF_ERROR) {
        return {
          ok: false,
          tooBig: false,
          reason: `invalid DEFLATE data: ${strm.msg || `zlib status ${status}`}`,
        };
      }
      // A full output buffer may hide more output; otherwise zlib stopped because the input ran out.
      if (strm.avail_out !== 0 || status === Z_BUF_ERROR) return null;
    }
  }

  private endMessage(failed: boolean): void {
    // Without context takeover every message starts from an empty window (§7.1.1); a finished or broken stream
    // cannot take more input, so it starts over too.
    if (failed || this.ended || this.noContextTakeover) zlibInflateReset(this.strm);
    this.ended = false;
  }
}

class Deflater implements MessageDeflater {
  private readonly strm = new ZStream();
  private readonly out = new Uint8Array(CHUNK);

  constructor(
    windowBits: number,
    private readonly noContextTakeover: boolean,
    level: number,
  ) {
    // zlib refuses raw deflate with an 8-bit window and uses 9 instead, as ws does. That still honours a
    // negotiated 8: zlib never looks further back than 2^windowBits − 262 bytes, here 250 ≤ 256.
    zlibDeflateInit2(this.strm, level, Z_DEFLATED, -Math.max(windowBits, 9), 8, Z_DEFAULT_STRATEGY);
  }

  deflate(message: Uint8Array): Uint8Array {
    const strm = this.strm;
    strm.input = message;
    strm.next_in = 0;
    strm.avail_in = message.length;
    const chunks: Uint8Array[] = [];
    do {
      strm.output = this.out;
      strm.next_out = 0;
      strm.avail_out = CHUNK;
      zlibDeflate(strm, Z_SYNC_FLUSH);
      const produced = CHUNK - strm.avail_out;
      if (produced > 0) chunks.push(this.out.slice(0, produced));
    } while (strm.avail_out === 0);
    if (this.noContextTakeover) zlibDeflateReset(strm);
    const flushed = concat(chunks);
    // An empty message after an earlier flush produces no bytes at all; `00` (an empty stored block, minus the
    // trailer) is what a sync flush would have written.
    if (flushed.length < DEFLATE_TRAILER.length) return flushed.length === 0 ? Uint8Array.of(0x00) : flushed;
    return flushed.subarray(0, flushed.length - DEFLATE_TRAILER.length);
  }
}

/**
 * The inflater for messages `receiverRole` receives. The peer is the sender, so its parameters apply: a server
 * inflates with `client_max_window_bits` and `client_no_context_takeover`, a client with the `server_*` ones.
 * `limit` in `inflate()` bounds what that one call may produce: a receiver passes what is left of its message
 * budget (`maxMessageSize − inflated so far`), and `size` in a `tooBig` result counts this call's bytes only.
 *
 * @example
 * const inflater = createInflater({}, 'client');
 * inflater.inflate(Uint8Array.of(0xf2, 0x48, 0xcd, 0xc9, 0xc9, 0x07, 0x00), true, 1 << 20);
 * // { ok: true, data: <48 65 6c 6c 6f> } ("Hello", RFC 7692 §7.2.3.1)
 * @see RFC 7692 §7.2.2
 */
export function createInflater(
  params: PermessageDeflateParams | null | undefined,
  receiverRole: Role,
): MessageInflater {
  const { windowBits, noContextTakeover } = directionParams(
    params,
    receiverRole === 'server' ? 'client' : 'server',
  );
  return new Inflater(windowBits, noContextTakeover);
}

/**
 * The deflater for messages `senderRole` sends, with its own parameters (`server_*` for a server). `level` is
 * zlib's 0–9 (default 6). A negotiated window of 8 bits compresses with zlib's 9, which still fits (see above).
 *
 * @example
 * const deflater = createDeflater({}, 'server');
 * deflater.deflate(new TextEncoder().encode('Hello')); // <f2 48 cd c9 c9 07 00> (RFC 7692 §7.2.3.1)
 * deflater.deflate(new TextEncoder().encode('Hello')); // <f2 00 11 00 00> (context takeover, §7.2.3.2)
 * @see RFC 7692 §7.2.1
 */
export function createDeflater(
  params: PermessageDeflateParams | null | undefined,
  senderRole: Role,
  options: { level?: number } = {},
): MessageDeflater {
  const { windowBits, noContextTakeover } = directionParams(params, senderRole);
  const level =
    options.level !== undefined && options.level >= 0 && options.level <= 9 ? Math.trunc(options.level) : 6;
  return new Deflater(windowBits, noContextTakeover, level);
}
