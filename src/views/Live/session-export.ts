/** The Live view's session as Framescope session JSON (the schema of `src/capture/session.ts`). */
import { toHex } from '../../codec/hex';
import type { SessionFile } from '../../capture';
import type { ConnectionInfo } from './live-session.svelte';
import { withoutTapId } from './tap-link';
import type { WireFrame } from './wire';

export function sessionFileName(now: Date): string {
  return `framescope-live-${now.toISOString().replace(/[:.]/g, '-')}.json`;
}

/**
 * One session connection per Live connection, with its frames in the order shown: real bytes from the tap, or
 * reconstructed ones (then `reconstructed: true`, since masking keys and fragmentation are unknown). Times are ms
 * since the first frame of the session.
 */
export function liveSession(
  connections: ConnectionInfo[],
  frames: WireFrame[],
  now = new Date(),
): SessionFile {
  const start = frames[0]?.t ?? 0;
  const ids = [...new Set(frames.map((f) => f.connection ?? 0))];
  return {
    framescope: 'session',
    version: 1,
    exportedAt: now.toISOString(),
    source: 'Live view',
    connections: ids.map((id) => {
      const info = connections.find((c) => c.id === id);
      const own = frames.filter((f) => (f.connection ?? 0) === id);
      return {
        // The URL as typed: the tap id is Framescope's plumbing, not part of the user's connection.
        label: info?.url ? withoutTapId(info.url) : `connection ${id}`,
        url: info?.url ? withoutTapId(info.url) : null,
        client: null,
        server: null,
        request: info?.request ?? null,
        response: info?.response ?? null,
        subprotocol: info?.protocol || null,
        extensions: info?.extensions || null,
        reconstructed: own.some((f) => f.source === 'reconstructed'),
        frames: own.map((f) => ({
          direction: f.from === 'client' ? 'client-to-server' : 'server-to-client',
          time: Math.round((f.t - start) * 1000) / 1000,
          hex: toHex(f.bytes),
        })),
      };
    }),
  };
}
