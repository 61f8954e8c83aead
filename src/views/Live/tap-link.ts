/** Pairing a live connection with the Framescope tap: URLs, and opening the tap before the connection. */
import type { TapMessage } from '../../lib/tap-protocol';
import { parseTapMessage } from './wire';

/** Whether a URL points at a Framescope echo endpoint (`…/echo`), which has a tap beside it. */
export function tapUrls(liveUrl: string, id: string): { live: string; tap: string } | null {
  let url: URL;
  try {
    url = new URL(liveUrl);
  } catch {
    return null;
  }
  if (!/\/echo$/.test(url.pathname)) return null;
  const tap = new URL(url.href);
  tap.pathname = url.pathname.replace(/echo$/, 'tap');
  tap.search = `?id=${encodeURIComponent(id)}`;
  const live = new URL(url.href);
  live.searchParams.set('tap', id);
  return { live: live.href, tap: tap.href };
}

export function newTapId(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(9)), (b) => b.toString(16).padStart(2, '0')).join(
    '',
  );
}

/**
 * Open the tap and wait for its `hello` (at most `timeoutMs`). Resolves with the socket, or null when there is no
 * tap (not a Framescope server, or nothing listening): the caller then reconstructs frames instead.
 */
export function openTap(
  url: string,
  onMessage: (m: TapMessage) => void,
  timeoutMs = 2000,
): Promise<WebSocket | null> {
  return new Promise((resolve) => {
    let settled = false;
    let ws: WebSocket;
    try {
      ws = new WebSocket(url);
    } catch {
      resolve(null);
      return;
    }
    const done = (value: WebSocket | null) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (!value) ws.close();
      resolve(value);
    };
    const timer = setTimeout(() => done(null), timeoutMs);
    ws.onmessage = (e) => {
      const m = typeof e.data === 'string' ? parseTapMessage(e.data) : null;
      if (!m) return;
      if (m.type === 'hello') done(ws);
      else onMessage(m);
    };
    ws.onerror = () => done(null);
    ws.onclose = () => done(null);
  });
}

/** The URL with its query replaced (a scripted behaviour); unchanged when it is not a URL. */
export function withQuery(text: string, query: string): string {
  try {
    const url = new URL(text);
    url.search = query ? `?${query}` : '';
    return url.href;
  } catch {
    return text;
  }
}

/** The URL as typed: without the `tap` id Framescope adds to pair the connection with its tap. */
export function withoutTapId(url: string): string {
  try {
    const u = new URL(url);
    if (!u.searchParams.has('tap')) return url;
    u.searchParams.delete('tap');
    return u.href;
  } catch {
    return url;
  }
}
