/**
 * What to say about a HAR file without WebSocket messages: which tool made it (its `creator`), how many entries it
 * has, whether one of them is a WebSocket's opening handshake (status 101) whose messages the tool left out, and
 * how to get a HAR that has them. Tools differ: Chrome DevTools writes each message in `_webSocketMessages`;
 * chrome-har (sitespeed.io, browsertime) and mitmproxy's HAR addon write HTTP entries only.
 */
import { count } from './numbers';

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);

/** How to get a HAR with messages, in the words of Chrome DevTools' own menus. */
export const HAR_WITH_MESSAGES =
  'To get a HAR with the messages, use Chrome DevTools: Network → WS → right-click the connection → “Save all as HAR with content” (newer Chrome: “Export HAR”), which writes every message in _webSocketMessages; or capture the connection with tcpdump or Wireshark and open the pcap';

/** The tool named by a HAR's `log.creator`, e.g. `chrome-har 1.3.1` or `mitmproxy har_dump 0.1 (mitmproxy version mitmproxy 8.1.1)`. */
function creatorOf(log: Json): string | null {
  const c = isObj(log.creator) ? log.creator : null;
  const name = str(c?.name);
  if (!name) return null;
  const version = str(c?.version);
  const comment = str(c?.comment);
  return `${name}${version ? ` ${version}` : ''}${comment && !/^https?:/.test(comment) ? ` (${comment})` : ''}`;
}

/** A WebSocket handshake entry: status 101, or a ws:// / wss:// URL. */
function handshakes(entries: unknown[]): Json[] {
  return entries.filter(isObj).filter((e) => {
    const res = isObj(e.response) ? e.response : {};
    const req = isObj(e.request) ? e.request : {};
    return res.status === 101 || /^wss?:/i.test(str(req.url) ?? '');
  });
}

/**
 * The sentence Framescope shows for a HAR whose entries carry no WebSocket messages (no period at the end).
 *
 * @example
 * harWithoutMessages({ creator: { name: 'chrome-har', version: '1.3.1' }, entries: [a, b] })
 * // → 'this HAR, made by chrome-har 1.3.1, has 2 entries and no WebSocket messages (…) …'
 * @see RFC 6455 §4.2.2 (status 101 Switching Protocols: the handshake entry a proxy's HAR keeps)
 */
export function harWithoutMessages(log: Json): string {
  const entries = Array.isArray(log.entries) ? log.entries : [];
  const creator = creatorOf(log);
  const made = creator ? `, made by ${creator},` : '';
  const ws = handshakes(entries);
  const first = ws[0];
  let what: string;
  if (first) {
    const req = isObj(first.request) ? first.request : {};
    const res = isObj(first.response) ? first.response : {};
    const status = typeof res.status === 'number' ? ` (status ${res.status})` : '';
    what = `${ws.length === 1 ? 'one of them is' : `${ws.length} of them are`} a WebSocket opening handshake, ${str(req.url) ?? 'with no URL'}${status}, but the file holds none of its messages: the tool that wrote it leaves WebSocket messages out`;
  } else if (entries.length === 0) {
    what = 'it holds no WebSocket messages';
  } else {
    what = `${entries.length === 1 ? 'it is not' : 'none of them is'} a WebSocket connection, and the file holds no WebSocket messages`;
  }
  return `this HAR${made} has ${count(entries.length, 'entry', 'entries')}; ${what}. ${HAR_WITH_MESSAGES}`;
}
