/**
 * The server's one place for errors it handles without stopping: a bug caught around one connection, or a socket
 * error other than the peer simply going away. Each is written to stderr with where it happened, never swallowed.
 */

/** Socket errors that only mean the peer left (reset, closed mid-write): routine, not worth a line each. */
const PEER_WENT_AWAY = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED']);

/** Log an error the server recovered from (by dropping one connection). */
export function logRecovered(where: string, err: unknown): void {
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && PEER_WENT_AWAY.has(code)) return;
  const text = err instanceof Error ? (err.stack ?? err.message) : String(err);
  console.error(`[framescope server] ${where}: ${text}`);
}
