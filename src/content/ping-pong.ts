/**
 * Teaching text for ping → pong pairing (RFC 6455 §5.5.2, §5.5.3), shown in the Decoder's and Replay's frame
 * lists and frame details. The pairing itself is computed by `pairPingPongs` in src/codec.
 */
import type { PingPongNote } from '../codec/ping-pong';

/** A round-trip time, e.g. `1.155 ms`. */
export function formatLatency(ms: number): string {
  return `${ms.toLocaleString('en', { maximumFractionDigits: 3 })} ms`;
}

/** A few characters for a list row: `→ pong #4`, `↩ ping #3, 1.155 ms`, `no pong`, `unsolicited`. */
export function pingPongShort(note: PingPongNote): string {
  const later = (ms: number | null) => (ms === null ? '' : `, ${formatLatency(ms)}`);
  if (note.kind === 'ping')
    return note.pong === null ? 'no pong' : `→ pong #${note.pong + 1}${later(note.latencyMs)}`;
  if (note.ping === null) return 'unsolicited pong';
  return `↩ ping #${note.ping + 1}${later(note.latencyMs)}${note.payloadMatches ? '' : ' ⚠ data differs'}`;
}

export const PING_PONG_TEXT = {
  noPong: 'No pong answers this ping in these frames.',
  superseded:
    'A later ping from the same side was answered instead: a peer that has not yet answered several pings may answer only the most recent one (RFC 6455 §5.5.3).',
  unsolicited:
    'Unsolicited: no ping from the other side was waiting. RFC 6455 §5.5.3 allows this as a one-way heartbeat; it expects no answer.',
  payloadDiffers:
    'Its Application data differs from the ping’s, but RFC 6455 §5.5.3 says a pong MUST carry the same Application data as the ping it answers.',
  noTimes: 'These frames have no capture times, so the round trip has no latency to show.',
} as const;
