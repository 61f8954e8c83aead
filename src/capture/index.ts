/**
 * Capture import: HAR, pcap/pcapng, text hex dumps and Framescope sessions become WebSocket connections with
 * their frames and messages. Pure TypeScript: runs in the browser, in a Web Worker and in Node.
 */
import { DEFAULT_MAX_MESSAGE_SIZE } from '../codec/limits';
import { parseHar } from './har';
import { parseTextCapture } from './hexdump-text';
import { connectionsFromPackets } from './packets';
import { isPcap, parsePcap } from './pcap';
import { isPcapng, parsePcapng } from './pcapng';
import { parseSession } from './session';
import { CaptureError, type CaptureFormat, type CaptureImport } from './types';

export * from './types';
export { exportSession, SESSION_VERSION } from './session';
export type { SessionFile } from './session';
export { sniffPacket } from './packet-sniff';
export { sniffHttp2 } from './http2/sniff';
export type { Http2Sniff, Http2StreamData } from './http2/sniff';

function fromPackets(
  name: string,
  format: CaptureFormat,
  list: { packets: Parameters<typeof connectionsFromPackets>[0]; warnings: string[] },
  maxMessageSize: number,
): CaptureImport {
  const { connections, warnings } = connectionsFromPackets(list.packets, maxMessageSize);
  return {
    name,
    format,
    connections,
    warnings: [...list.warnings.map((message) => ({ message, connection: null })), ...warnings],
    error: null,
  };
}

/** HAR and session files nest about eight levels; deeper JSON is refused before `JSON.parse` builds it. */
const MAX_JSON_DEPTH = 64;

/**
 * The index where JSON text first nests deeper than `max` (brackets inside strings do not count), or -1. One pass;
 * `JSON.parse` on megabytes of `[[[[…` slows down with the depth, so such a file is refused before it.
 */
function nestingOver(text: string, max: number): number {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) return i;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return -1;
}

/** Text has no control bytes other than tab, line feed and carriage return in its first 512 bytes. */
function looksLikeText(bytes: Uint8Array): boolean {
  for (const b of bytes.subarray(0, 512))
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d) return false;
  return true;
}

/**
 * {@link importCapture} without its safety net: throws a `CaptureError` with a clear message for a file it cannot
 * read. Any other exception (a TypeError, a RangeError) is a bug in Framescope; the fuzz tests call this form so
 * such a bug cannot hide behind an error string.
 */
export function readCapture(
  name: string,
  bytes: Uint8Array,
  maxMessageSize = DEFAULT_MAX_MESSAGE_SIZE,
): CaptureImport {
  if (bytes.length === 0) throw new CaptureError('the file is empty');
  if (isPcapng(bytes)) return fromPackets(name, 'pcapng', parsePcapng(bytes), maxMessageSize);
  if (isPcap(bytes)) return fromPackets(name, 'pcap', parsePcap(bytes), maxMessageSize);
  const text = new TextDecoder('utf-8').decode(bytes).replace(/^\uFEFF/, '');
  const trimmed = text.trimStart();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    const depth = nestingOver(trimmed, MAX_JSON_DEPTH);
    if (depth >= 0)
      throw new CaptureError(
        `the file starts like JSON but nests more than ${MAX_JSON_DEPTH} levels deep at character ${depth + 1}: HAR and session files nest a few levels`,
      );
    let json: unknown;
    try {
      json = JSON.parse(trimmed);
    } catch (e) {
      throw new CaptureError(
        `the file starts like JSON (a HAR or a session) but is not valid JSON: ${(e as Error).message}`,
      );
    }
    if (json && typeof json === 'object' && 'framescope' in json)
      return { name, format: 'session', ...parseSession(json, maxMessageSize) };
    return { name, format: 'har', ...parseHar(json), error: null };
  }
  if (!looksLikeText(bytes)) {
    throw new CaptureError(
      'the file is not a capture Framescope reads: expected pcap, pcapng, a HAR, a Framescope session or a text hex dump',
    );
  }
  const parsed = parseTextCapture(text, maxMessageSize);
  return { name, ...parsed };
}

/** Options of {@link importCapture}. */
export interface ImportOptions {
  /**
   * The largest message accepted (after inflation); a bigger one fails its connection's direction with 1009.
   * Default `DEFAULT_MAX_MESSAGE_SIZE`, 64 MiB. HAR files hold their messages as text already, so no message in
   * them can be bigger than the file: the limit applies to frames Framescope decodes (pcap, pcapng, hex, sessions).
   */
  maxMessageSize?: number;
}

/**
 * Read a capture file of any supported format. Never throws: a file that cannot be read at all gives `error`.
 *
 * @example
 * const cap = importCapture('chat.pcap', bytes);
 * cap.connections[0].messages[0].text; // 'Hello, server'
 * @see RFC 6455 §5 (frames), RFC 7692 §7 (compressed messages)
 */
export function importCapture(name: string, bytes: Uint8Array, options: ImportOptions = {}): CaptureImport {
  try {
    const result = readCapture(name, bytes, options.maxMessageSize ?? DEFAULT_MAX_MESSAGE_SIZE);
    if (!result.error && result.connections.length === 0) {
      return { ...result, error: 'no WebSocket connection was found in this file' };
    }
    return result;
  } catch (e) {
    const message = e instanceof CaptureError ? e.message : `the file could not be read (${String(e)})`;
    return { name, format: null, connections: [], warnings: [], error: message };
  }
}
