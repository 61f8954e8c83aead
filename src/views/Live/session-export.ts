/** The Live view's recording as session JSON. */
import type { LiveSession } from './live-session.svelte';

const hex = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

export function sessionFileName(now: Date): string {
  return `framescope-live-${now.toISOString().replace(/[:.]/g, '-')}.json`;
}

/**
 * Version 1 of the Live recording: the connection, every message the page saw (payloads as hex), and every frame
 * shown (real from the tap, or reconstructed), with ms-since-epoch timestamps.
 */
export function sessionJson(
  session: Pick<LiveSession, 'url' | 'protocol' | 'extensions' | 'handshake' | 'recorded' | 'wire'>,
): string {
  return JSON.stringify(
    {
      format: 'framescope-live-session',
      version: 1,
      url: session.url,
      protocol: session.protocol || null,
      extensions: session.extensions || null,
      handshake: session.handshake,
      events: session.recorded.map((e) => ({
        t: e.t,
        from: e.from,
        kind: e.kind,
        hex: hex(e.data),
        ...(e.code !== undefined ? { code: e.code, reason: e.reason ?? '' } : {}),
      })),
      frames: session.wire.map((f) => ({ t: f.t, from: f.from, source: f.source, hex: hex(f.bytes) })),
    },
    null,
    2,
  );
}
