/**
 * Pairing WebSocket pings with the pongs that answer them, and the round-trip time where frames have times.
 * Pure: works on plain frame objects (the Decoder's stream frames, a capture's frames with their payloads).
 */
import type { Direction } from './stream-types';

/** What {@link pairPingPongs} needs of a frame. */
export interface PingPongFrame {
  direction: Direction;
  opcode: number;
  /** The unmasked payload (a ping's or pong's Application data). */
  payload: Uint8Array;
  /** Milliseconds on any clock shared by all frames; absent (or null) when the frames have no times. */
  time?: number | null;
}

/** A ping, and the pong that answered it (or null: none did). */
export interface PingNote {
  kind: 'ping';
  /** Index of the answering pong, or null. */
  pong: number | null;
  /** Pong time − ping time, when both frames have times. */
  latencyMs: number | null;
  /** A later ping from the same side was answered while this one never was (RFC 6455 §5.5.3 allows it). */
  superseded: boolean;
}

/** A pong, and the ping it answers (or null: unsolicited, a one-way heartbeat). */
export interface PongNote {
  kind: 'pong';
  /** Index of the ping it answers, or null when no ping from the other side was waiting. */
  ping: number | null;
  latencyMs: number | null;
  /** False when the pong's Application data differs from its ping's: RFC 6455 §5.5.3 says it MUST be identical. */
  payloadMatches: boolean;
}

export type PingPongNote = PingNote | PongNote;

const PING = 0x9;
const PONG = 0xa;

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function latency(a: PingPongFrame, b: PingPongFrame): number | null {
  return a.time === undefined || a.time === null || b.time === undefined || b.time === null
    ? null
    : b.time - a.time;
}

/**
 * Pair every pong with the ping it answers: the most recent still unanswered ping from the other side whose
 * Application data the pong echoes. When no waiting ping has the same data, the pong answers the most recent
 * waiting ping anyway and is flagged (`payloadMatches: false`); when no ping is waiting at all it is unsolicited
 * (`ping: null`), which RFC 6455 §5.5.3 allows. Returns a note for each ping and pong, keyed by its position in
 * `frames`; other frames get none.
 *
 * @example
 * // RFC 6455 §5.7: an unmasked ping "Hello" (server → client), then a masked pong "Hello" (client → server)
 * pairPingPongs([
 *   { direction: 'server-to-client', opcode: 9, payload: hello, time: 0 },
 *   { direction: 'client-to-server', opcode: 10, payload: hello, time: 3.2 },
 * ])
 * // → Map { 0 → { kind: 'ping', pong: 1, latencyMs: 3.2, … }, 1 → { kind: 'pong', ping: 0, latencyMs: 3.2, payloadMatches: true } }
 * @see RFC 6455 §5.5.2, §5.5.3
 */
export function pairPingPongs(frames: readonly PingPongFrame[]): ReadonlyMap<number, PingPongNote> {
  const notes = new Map<number, PingPongNote>();
  // Unanswered pings of each sender, oldest first.
  const waiting: Record<Direction, number[]> = { 'client-to-server': [], 'server-to-client': [] };
  frames.forEach((f, i) => {
    if (f.opcode === PING) {
      notes.set(i, { kind: 'ping', pong: null, latencyMs: null, superseded: false });
      waiting[f.direction].push(i);
      return;
    }
    if (f.opcode !== PONG) return;
    const queue = waiting[f.direction === 'client-to-server' ? 'server-to-client' : 'client-to-server'];
    let at = -1;
    for (let k = queue.length - 1; k >= 0; k--) {
      if (sameBytes(frames[queue[k]!]!.payload, f.payload)) {
        at = k;
        break;
      }
    }
    const payloadMatches = at >= 0 || queue.length === 0;
    if (at < 0) at = queue.length - 1;
    if (at < 0) {
      notes.set(i, { kind: 'pong', ping: null, latencyMs: null, payloadMatches });
      return;
    }
    const p = queue[at]!;
    const ms = latency(frames[p]!, f);
    notes.set(p, { kind: 'ping', pong: i, latencyMs: ms, superseded: false });
    notes.set(i, { kind: 'pong', ping: p, latencyMs: ms, payloadMatches });
    // Older pings stay unanswered: a peer may answer only the most recent one (RFC 6455 §5.5.3).
    for (const older of queue.slice(0, at)) {
      const n = notes.get(older);
      if (n?.kind === 'ping') n.superseded = true;
    }
    queue.splice(at, 1);
  });
  return notes;
}
