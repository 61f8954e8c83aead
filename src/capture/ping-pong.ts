/**
 * Ping → pong pairing for a captured connection: the control frames' payloads are read from their wire bytes,
 * then paired by the codec's {@link pairPingPongs}, with the capture's times.
 */
import { decodeFrame } from '../codec/frame';
import { pairPingPongs, type PingPongFrame, type PingPongNote } from '../codec/ping-pong';
import type { CapturedFrame } from './types';

const EMPTY = new Uint8Array(0);

/**
 * The ping/pong notes of a connection's frames, keyed by frame index, latency in ms of capture time.
 * @see RFC 6455 §5.5.2, §5.5.3
 */
export function pairCapturedPings(frames: readonly CapturedFrame[]): ReadonlyMap<number, PingPongNote> {
  const plain = frames.map((f): PingPongFrame => {
    let payload: Uint8Array = EMPTY;
    if (f.opcode === 0x9 || f.opcode === 0xa) {
      const d = decodeFrame(f.bytes, 0, { fields: false });
      if (!d.incomplete) payload = d.payload;
    }
    return { direction: f.direction, opcode: f.opcode, payload, time: f.time };
  });
  return pairPingPongs(plain);
}
