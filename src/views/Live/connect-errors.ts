/** Checks a URL before `new WebSocket(url)` would throw, and explains why, in words. */
export type UrlCheck = { ok: true; url: string } | { ok: false; error: string };

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * `pageProtocol` is the page's `location.protocol`: from an https page a ws:// URL is mixed content, which browsers
 * block except to localhost. `online` is `navigator.onLine`: offline, only this computer can be reached.
 */
export function checkUrl(text: string, pageProtocol: string, online = true): UrlCheck {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: false, error: 'Enter a URL such as ws://127.0.0.1:9001/echo.' };
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return {
      ok: false,
      error: `“${trimmed}” is not a URL. A WebSocket URL looks like ws://host:port/path or wss://host/path.`,
    };
  }
  if (url.protocol === 'http:' || url.protocol === 'https:') {
    return {
      ok: false,
      error: `${url.protocol}// is an HTTP URL. WebSocket URLs start with ws:// (plain) or wss:// (over TLS); try ${url.protocol === 'https:' ? 'wss' : 'ws'}://${url.host}${url.pathname}${url.search}.`,
    };
  }
  if (url.protocol !== 'ws:' && url.protocol !== 'wss:') {
    return { ok: false, error: `The scheme ${url.protocol} is not ws: or wss:.` };
  }
  if (url.hash) return { ok: false, error: 'A WebSocket URL cannot have a #fragment (RFC 6455 §3).' };
  if (url.protocol === 'ws:' && pageProtocol === 'https:' && !LOCAL_HOSTS.has(url.hostname)) {
    return {
      ok: false,
      error:
        'This page was loaded over https, so the browser blocks unencrypted ws:// connections to other hosts ' +
        '(mixed content). Use wss://, or open Framescope over http.',
    };
  }
  if (!online && !LOCAL_HOSTS.has(url.hostname)) {
    return {
      ok: false,
      error:
        `This computer is offline, so ${url.hostname} cannot be reached. Framescope itself works offline, and ` +
        'Live can still connect to a server on this computer (ws://127.0.0.1:…).',
    };
  }
  return { ok: true, url: url.href };
}

/** Subprotocols from a comma- or space-separated list; each must be an HTTP token (RFC 6455 §4.1). */
export function parseProtocols(
  text: string,
): { ok: true; protocols: string[] } | { ok: false; error: string } {
  const protocols = text.split(/[\s,]+/).filter(Boolean);
  const bad = protocols.find((p) => !/^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/.test(p));
  if (bad !== undefined)
    return {
      ok: false,
      error: `“${bad}” is not a valid subprotocol name (letters, digits and !#$%&'*+-.^_\`|~ only).`,
    };
  const dup = protocols.find((p, i) => protocols.indexOf(p) !== i);
  if (dup !== undefined)
    return { ok: false, error: `“${dup}” is listed twice; the browser refuses duplicates.` };
  return { ok: true, protocols };
}

/**
 * Why a connection closed with 1006 before it opened. The browser deliberately tells the page nothing more
 * (so pages cannot probe networks), so this lists the likely causes.
 */
export function explainFailedOpen(url: string): string {
  return (
    `The connection to ${url} failed before it opened. The browser hides the exact cause from pages, so the close ` +
    'code is 1006 and wasClean is false. Likely causes: nothing listens on that host and port (connection refused), ' +
    'the server answered the upgrade with an HTTP error (400, 404, 426…), the server refused this page’s Origin ' +
    '(403: Framescope’s own server accepts loopback pages, pages from its own IP address and origins it was started ' +
    'with, --allow-origin or FRAMESCOPE_ALLOW_ORIGINS), a TLS certificate problem for wss://, or the ' +
    'server picked a subprotocol or extension the browser did not offer. The browser console shows which.'
  );
}
