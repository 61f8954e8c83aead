/**
 * A whole message as the frames a sender puts on the wire (RFC 6455 §5.4 fragmentation, RFC 7692 §6
 * compression): the one place that decides which frame carries the opcode, FIN and RSV1.
 */
import { encodeFrame } from './frame';
import { Opcode } from './types';
import type { MessageDeflater } from './types';

export interface MessageSpec {
  /** 1 text, 2 binary. */
  opcode: 1 | 2;
  data: Uint8Array;
  /** A masking key per frame (client → server), or none. A function is called once per frame for a fresh key. */
  mask?: Uint8Array | null | (() => Uint8Array);
  /** Compress the message with this deflater (permessage-deflate negotiated): RSV1 on the first frame only. */
  deflater?: MessageDeflater | null;
  /** Split the (compressed) payload into frames of at most this many bytes. Default: one frame. */
  fragmentSize?: number;
}

/**
 * Encode one message as its frames: the first carries the opcode (and RSV1 when compressed), the rest are
 * continuation frames, the last has FIN = 1. An empty message is one empty frame.
 *
 * @example
 * encodeMessage({ opcode: 1, data: utf8('Hello World'), fragmentSize: 5 })
 * // → [01 05 48 65 6c 6c 6f], [00 05 20 57 6f 72 6c], [80 01 64]
 * encodeMessage({ opcode: 1, data: utf8('Hello'), deflater: createDeflater({}, 'server') })
 * // → [c1 07 f2 48 cd c9 c9 07 00] (RFC 7692 §7.2.3.1)
 * @see RFC 6455 §5.4, RFC 7692 §6
 */
export function encodeMessage(spec: MessageSpec): Uint8Array[] {
  const payload = spec.deflater ? spec.deflater.deflate(spec.data) : spec.data;
  const size =
    spec.fragmentSize && spec.fragmentSize > 0 ? Math.floor(spec.fragmentSize) : Math.max(1, payload.length);
  const frames: Uint8Array[] = [];
  let at = 0;
  do {
    const end = Math.min(payload.length, at + size);
    const first = at === 0;
    const mask = typeof spec.mask === 'function' ? spec.mask() : (spec.mask ?? null);
    frames.push(
      encodeFrame({
        opcode: first ? spec.opcode : Opcode.Continuation,
        fin: end >= payload.length,
        rsv1: first && !!spec.deflater,
        mask,
        payload: payload.subarray(at, end),
      }),
    );
    at = end;
  } while (at < payload.length);
  return frames;
}
