/** Pairing a live connection with the Framescope tap: URLs, and opening the tap before the connection. */
import type { TapMessage } from '../../lib/tap-protocol';
import { parseTapMessage } from './wire';

/**
 * The tap beside a Framescope echo endpoint (`…/echo` → `…/tap`), or null when the URL is not one. With `id`, the
 * tap attaches to that id (the server refuses it when another tap watches it); without, the server issues one.
 */
export function tapUrlFor(liveUrl: string, id: string | null = null): string | null {
  let url: URL;
  try {
    url = new URL(liveUrl);
  } catch {
    return null;
  }
  if (!/\/echo$/.test(url.pathname)) return null;
  const tap = new URL(url.href);
  tap.pathname = url.pathname.replace(/echo$/, 'tap');
  tap.search = id === null ? '' : `?id=${encodeURIComponent(id)}`;
  tap.hash = '';
  return tap.href;
}

/** The live URL paired with the tap that holds `id` (the id the server named in the tap's hello). */
export function withTapId(liveUrl: string, id: string): string {
  const live = new URL(liveUrl);
  live.searchParams.set('tap', id);
  return live.href;
}

/** What opening a tap came to: the open socket and its id, a refusal in words, or no tap at all. */
export type TapOpening = { ws: WebSocket; id: string } | { refused: string } | null;

/**
 * Open the tap and wait for its `hello` (at most `timeoutMs`). Resolves with the socket and the id the server
 * issued; with the server's reason when it refused the tap (an unknown id, or one another tap watches); or null
 * when there is no tap (not a Framescope server, or nothing listening): the caller then reconstructs frames.
 */
export function openTap(
  url: string,
  onMessage: (m: TapMessage) => void,
  timeoutMs = 2000,
): Promise<TapOpening> {
  return new Promise((resolve) => {
    let settled = false;
    let ws: WebSocket;
    try {
      ws = new WebSocket(url);
    } catch {
      resolve(null);
      return;
    }
    const done = (value: TapOpening) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (!value || 'refused' in value) ws.close();
      resolve(value);
    };
    const timer = setTimeout(() => done(null), timeoutMs);
    ws.onmessage = (e) => {
      const m = typeof e.data === 'string' ? parseTapMessage(e.data) : null;
      if (!m) return;
      if (m.type === 'hello') done({ ws, id: m.id });
      else if (m.type === 'refused') done({ refused: `${m.reason} (close code ${m.code})` });
      else onMessage(m);
    };
    ws.onerror = () => done(null);
    ws.onclose = (e) =>
      done(e.code >= 4000 && e.reason ? { refused: `${e.reason} (close code ${e.code})` } : null);
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
