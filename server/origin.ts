/**
 * Which pages may open the echo server's WebSockets: the `Origin` check of RFC 6455 §10.2 and §4.2.2 (a server that
 * does not accept the origin answers 403). Browsers always send `Origin`; a client without one (curl, `ws`, a
 * Python script) is not a page another site could abuse, and is allowed, as the RFC says (§4.1: only browser
 * clients must send it).
 *
 * Allowed by default:
 * - loopback origins, any port: `http(s)://localhost`, `127.x.x.x`, `[::1]`;
 * - the server's own pages: an origin whose host and port equal the request's `Host`, when that host is an IP
 *   address (a classroom laptop serving the build on its LAN address). A host *name* must be listed: a page on
 *   `evil.example` that rebinds its name to this machine (DNS rebinding) would otherwise look like its own origin;
 * - every origin listed with `--allow-origin` or `FRAMESCOPE_ALLOW_ORIGINS` (comma-separated); `*` allows any.
 * Everything else, `Origin: null` (a sandboxed frame, a file:// page) included, gets 403 with the reason.
 */
import { isIP } from 'node:net';

/** The environment variable that lists more allowed origins, comma-separated. */
export const ALLOW_ORIGINS_ENV = 'FRAMESCOPE_ALLOW_ORIGINS';

/** `https://Example.COM:443/` → `https://example.com`; `null` and unreadable values stay as written. */
export function normalizeOrigin(origin: string): string {
  try {
    const url = new URL(origin);
    return url.origin === 'null' ? origin.trim() : url.origin;
  } catch {
    return origin.trim();
  }
}

/** Origins from a comma-separated list (the environment variable, or one `--allow-origin` value). */
export function parseOriginList(text: string | undefined): string[] {
  return (text ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => (s === '*' ? s : normalizeOrigin(s)));
}

function isLoopback(hostname: string): boolean {
  const bare = hostname.replace(/^\[|\]$/g, '');
  if (bare === 'localhost' || bare.endsWith('.localhost')) return true;
  if (isIP(bare) === 4) return bare.startsWith('127.');
  return bare === '::1';
}

export type OriginVerdict = { ok: true } | { ok: false; reason: string };

/** Whether a WebSocket request with this `Origin` (and `Host`) may open. */
export function checkOrigin(
  origin: string | undefined,
  host: string | undefined,
  allowed: readonly string[],
): OriginVerdict {
  if (origin === undefined) return { ok: true };
  if (allowed.includes('*')) return { ok: true };
  const normal = normalizeOrigin(origin);
  if (allowed.includes(normal)) return { ok: true };
  const url = URL.canParse(origin) ? new URL(origin) : null;
  if (url && (url.protocol === 'http:' || url.protocol === 'https:')) {
    if (isLoopback(url.hostname)) return { ok: true };
    const bare = url.hostname.replace(/^\[|\]$/g, '');
    if (host !== undefined && url.host === host.toLowerCase() && isIP(bare) !== 0) return { ok: true };
  }
  return {
    ok: false,
    reason:
      `Origin ${origin} is not allowed: this server accepts loopback pages, its own pages by IP address, and ` +
      `origins listed with --allow-origin or ${ALLOW_ORIGINS_ENV} (RFC 6455 §10.2)`,
  };
}
