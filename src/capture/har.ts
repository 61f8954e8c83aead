/**
 * HAR 1.2 files with Chrome DevTools' `_webSocketMessages` (`type` send/receive/error, `time` in epoch seconds,
 * `opcode`, `data`, base64 when binary) and HTTP Toolkit's `_webSocketClose`. They hold messages, not frames:
 * the frames shown are reconstructed.
 */
import { base64ToBytes } from '../codec/handshake-accept';
import type { PermessageDeflateParams } from '../codec/types';
import { mergeDirections } from './connection';
import type { DirResult } from './direction-decode';
import { deflateFromExtensions } from './deflate-params';
import { harWithoutMessages } from './har-no-messages';
import { count, maxOf } from './numbers';
import { pushLogged, type LoggedMessage } from './reconstruct';
import { CaptureError, type CaptureConnection, type CaptureWarning } from './types';

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function headersText(firstLine: string, headers: unknown): string {
  const lines = Array.isArray(headers)
    ? headers.filter(isObj).map((h) => `${String(h.name ?? '')}: ${String(h.value ?? '')}`)
    : [];
  return `${firstLine}\r\n${lines.join('\r\n')}\r\n\r\n`;
}

function header(headers: unknown, name: string): string | null {
  if (!Array.isArray(headers)) return null;
  const values = headers
    .filter(isObj)
    .filter((h) => String(h.name ?? '').toLowerCase() === name)
    .map((h) => String(h.value ?? ''));
  return values.length ? values.join(', ') : null;
}

function epochMs(v: unknown): number | null {
  if (typeof v === 'number' && Number.isFinite(v)) return v > 1e11 ? v : v * 1000;
  if (typeof v === 'string') {
    const t = Date.parse(v);
    return Number.isNaN(t) ? null : t;
  }
  return null;
}

const TEXT = new TextEncoder();

/** Read a HAR document (already parsed JSON). Throws CaptureError when it is not a HAR at all. */
export function parseHar(json: unknown): { connections: CaptureConnection[]; warnings: CaptureWarning[] } {
  if (!isObj(json) || !isObj(json.log) || !Array.isArray(json.log.entries)) {
    throw new CaptureError('this JSON is not a HAR file: it has no log.entries');
  }
  const warnings: CaptureWarning[] = [];
  const entries = json.log.entries
    .filter(isObj)
    .filter((e) => Array.isArray(e._webSocketMessages) || isObj(e._webSocketClose));
  if (entries.length === 0) {
    throw new CaptureError(harWithoutMessages(json.log));
  }
  let start = Infinity;
  for (const e of entries) {
    start = Math.min(start, epochMs(e.startedDateTime) ?? Infinity);
    for (const m of (e._webSocketMessages as unknown[] | undefined) ?? []) {
      if (isObj(m)) start = Math.min(start, epochMs(m.time) ?? Infinity);
    }
  }
  if (!Number.isFinite(start)) start = 0;
  const connections = entries.map((e, n) => {
    const id = String(n + 1);
    const req = isObj(e.request) ? e.request : {};
    const res = isObj(e.response) ? e.response : {};
    const url = typeof req.url === 'string' ? req.url : null;
    const status = typeof res.status === 'number' ? res.status : null;
    const extensions = header(res.headers, 'sec-websocket-extensions');
    const permessageDeflate: PermessageDeflateParams | null = deflateFromExtensions(extensions);
    const client: DirResult = { frames: [], messages: [], warnings: [] };
    const server: DirResult = { frames: [], messages: [], warnings: [] };
    const list = Array.isArray(e._webSocketMessages) ? e._webSocketMessages : [];
    let skipped = 0;
    for (const m of list) {
      if (!isObj(m) || (m.type !== 'send' && m.type !== 'receive')) {
        if (isObj(m) && m.type === 'error') {
          warnings.push({
            message: `connection ${id}: the browser logged an error: ${String(m.data ?? '')}`,
            connection: id,
          });
        } else skipped++;
        continue;
      }
      // Chrome logs the message's opcode: 1 (text) or 2 (binary). Anything else cannot be a message.
      if (m.opcode !== undefined && m.opcode !== 1 && m.opcode !== 2) {
        warnings.push({
          message: `connection ${id}: a message with opcode ${JSON.stringify(m.opcode)} was skipped (HAR messages are text, 1, or binary, 2)`,
          connection: id,
        });
        continue;
      }
      if (epochMs(m.time) === null) {
        warnings.push({
          message: `connection ${id}: a message without a readable time (${JSON.stringify(m.time)}) is placed at the start`,
          connection: id,
        });
      }
      if (typeof m.data !== 'string') {
        const kind =
          m.data === null
            ? 'null'
            : Array.isArray(m.data)
              ? 'an array'
              : typeof m.data === 'object'
                ? 'an object'
                : `a ${typeof m.data}`;
        warnings.push({
          message: `connection ${id}: a message whose data is ${kind}, not text, was skipped (HAR message data is a string: the text, or base64 for binary)`,
          connection: id,
        });
        continue;
      }
      const opcode = m.opcode === 2 ? 2 : 1;
      const data = m.data;
      const payload = opcode === 1 ? TEXT.encode(data) : base64ToBytes(data);
      if (!payload) {
        skipped++;
        continue;
      }
      const logged: LoggedMessage = {
        direction: m.type === 'send' ? 'client-to-server' : 'server-to-client',
        time: (epochMs(m.time) ?? start) - start,
        opcode,
        payload,
      };
      pushLogged(m.type === 'send' ? client : server, logged);
    }
    if (skipped)
      warnings.push({
        message: `connection ${id}: ${count(skipped, 'unreadable message')} skipped`,
        connection: id,
      });
    const close = isObj(e._webSocketClose) ? e._webSocketClose : null;
    if (close) {
      const code = typeof close.code === 'number' ? close.code : undefined;
      const reason = typeof close.reason === 'string' ? close.reason : '';
      const lastTime = maxOf([...client.frames, ...server.frames].map((f) => f.time));
      const time = (epochMs(close.timestamp) ?? epochMs(close.time) ?? lastTime + start) - start;
      // Built by hand: the logged code may be one a sender must not use, and it is shown as logged.
      const payload =
        code === undefined
          ? new Uint8Array(0)
          : Uint8Array.of((code >> 8) & 0xff, code & 0xff, ...TEXT.encode(reason));
      const from = close.sentByClient === true ? client : server;
      pushLogged(from, {
        direction: from === client ? 'client-to-server' : 'server-to-client',
        time,
        opcode: 8,
        payload,
        close: { ...(code !== undefined ? { code } : {}), reason },
      });
    }
    warnings.push({
      message: `connection ${id}: a HAR records messages, not frames: the frames shown are reconstructed (one unfragmented frame per message, masking keys unknown and shown as 00 00 00 00${permessageDeflate ? ', compression not shown' : ''})`,
      connection: id,
    });
    const times = [...client.frames, ...server.frames].map((f) => f.time);
    const conn: Omit<CaptureConnection, 'frames' | 'messages'> = {
      id,
      label: url ?? `connection ${id}`,
      client: null,
      server: null,
      url,
      request: headersText(
        `${String(req.method ?? 'GET')} ${url ?? '/'} ${String(req.httpVersion ?? 'HTTP/1.1')}`,
        req.headers,
      ),
      response:
        status === null
          ? null
          : headersText(`HTTP/1.1 ${status} ${String(res.statusText ?? '')}`, res.headers),
      subprotocol: header(res.headers, 'sec-websocket-protocol'),
      extensions,
      permessageDeflate,
      reconstructed: true,
      tls: false,
      gaps: [],
      duration: maxOf(times),
    };
    return mergeDirections(conn, client, server, true);
  });
  return { connections, warnings };
}
