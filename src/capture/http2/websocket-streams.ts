/**
 * WebSockets over HTTP/2 (RFC 8441): every extended CONNECT stream (`:method CONNECT`, `:protocol websocket`) of a
 * cleartext HTTP/2 connection becomes a WebSocket connection of its own, its DATA bytes fed to the WebSocket
 * decoder in order. Other streams are counted and named in a note.
 */
import { DEFAULT_MAX_MESSAGE_SIZE } from '../../codec/limits';
import type { PermessageDeflateParams } from '../../codec/types';
import { mergeDirections } from '../connection';
import { deflateFromExtensions } from '../deflate-params';
import { decodeDirection, type DirResult } from '../direction-decode';
import { count } from '../numbers';
import type { DirectionStream } from '../tcp-reassembly';
import type { CaptureConnection, CaptureWarning, Http2StreamInfo } from '../types';
import { errorName } from './frames';
import type { HeaderField } from './hpack';
import { demux, framesOf, tableSizeLimit, type H2Direction, type StreamSide } from './streams';

/** The fields of a connection that do not depend on the stream. */
export type ConnectionBase = Omit<CaptureConnection, 'frames' | 'messages' | 'id'>;

const field = (headers: HeaderField[], name: string) => headers.find((h) => h.name === name)?.value ?? null;

/** A header list as text, one `name: value` per line, under a title naming the frame and stream. */
function headerText(title: string, headers: HeaderField[]): string {
  return [title, ...headers.map((h) => `${h.name}: ${h.value}`)].join('\n');
}

/** One stream's DATA bytes as a single run, each byte timed by the DATA frame that carried it. */
function dataStream(side: StreamSide | undefined): DirectionStream {
  const chunks = side?.data ?? [];
  const bytes = new Uint8Array(chunks.reduce((n, c) => n + c.bytes.length, 0));
  const marks: { at: number; time: number }[] = [];
  let at = 0;
  for (const c of chunks) {
    marks.push({ at, time: c.time });
    bytes.set(c.bytes, at);
    at += c.bytes.length;
  }
  const times = chunks.map((c) => c.time);
  return {
    runs: bytes.length ? [{ offset: 0, bytes, marks }] : [],
    gaps: [],
    conflicts: [],
    midStream: false,
    retransmitted: 0,
    overlapping: 0,
    firstTime: times[0] ?? 0,
    lastTime: times[times.length - 1] ?? 0,
  };
}

function closedBy(client: StreamSide | undefined, server: StreamSide | undefined): string {
  const reset = [
    client?.reset ? { who: 'the client', ...client.reset } : null,
    server?.reset ? { who: 'the server', ...server.reset } : null,
  ].filter((r) => r !== null);
  const first = reset.sort((a, b) => a.time - b.time)[0];
  if (first) return `RST_STREAM ${errorName(first.code)} from ${first.who}`;
  const c = client?.endStream != null;
  const s = server?.endStream != null;
  if (c && s) return 'END_STREAM from both sides';
  if (c) return 'END_STREAM from the client only';
  if (s) return 'END_STREAM from the server only';
  return 'still open when the capture ended';
}

function describeOther(id: number, client: StreamSide, server: StreamSide | undefined): string {
  const req = client.headers[0]?.headers ?? [];
  const status = field(server?.headers[0]?.headers ?? [], ':status');
  const method = field(req, ':method') ?? '?';
  const target = field(req, ':path') ?? field(req, ':authority') ?? '';
  const proto = field(req, ':protocol');
  return `stream ${id} (${method}${proto ? ` :protocol ${proto}` : ''} ${target}${status ? ` → ${status}` : ''})`;
}

function connectProtocol(server: H2Direction): boolean | null {
  const values = server.settings.flatMap((s) => s.values).filter((v) => v.id === 0x8);
  if (server.settings.length === 0) return null;
  return values.length > 0 && values[values.length - 1]?.value === 1;
}

/**
 * The WebSocket connections carried by one HTTP/2 connection. `clientStart`/`serverStart`: offsets of the first
 * HTTP/2 frame in each direction (after the client preface; after `101 Switching Protocols` for `Upgrade: h2c`).
 */
export function http2WebSockets(
  base: ConnectionBase,
  toServer: DirectionStream,
  toClient: DirectionStream,
  clientStart: number,
  serverStart: number,
  start: Http2StreamInfo['start'],
  nextId: () => string,
  warnings: CaptureWarning[],
  maxMessageSize = DEFAULT_MAX_MESSAGE_SIZE,
): CaptureConnection[] {
  const label = base.label;
  const cRun = framesOf(toServer, clientStart, 'client → server');
  const sRun = framesOf(toClient, serverStart, 'server → client');
  // Each side's encoder may use a table up to the size its peer announced (RFC 9113 §6.5.2).
  const client = demux(cRun, 'client → server', tableSizeLimit(sRun.frames));
  const server = demux(sRun, 'server → client', tableSizeLimit(cRun.frames));
  const how = start === 'h2c-upgrade' ? 'after Upgrade: h2c' : 'with prior knowledge';
  const notes = [`${label}: HTTP/2 over cleartext TCP (h2c, ${how})`];
  for (const w of [...client.warnings, ...server.warnings]) notes.push(`${label}: ${w}`);

  const ids = [...new Set([...client.streams.keys(), ...server.streams.keys()])]
    .filter((id) => id !== 0)
    .sort((a, b) => a - b);
  const sockets: number[] = [];
  const others: string[] = [];
  for (const id of ids) {
    const c = client.streams.get(id);
    const req = c?.headers[0]?.headers ?? [];
    if (c && field(req, ':method') === 'CONNECT' && field(req, ':protocol') === 'websocket') sockets.push(id);
    else if (c) others.push(describeOther(id, c, server.streams.get(id)));
    else others.push(`stream ${id} (pushed or not opened in the capture)`);
  }
  if (others.length) {
    notes.push(
      `${label}: ${count(others.length, 'HTTP/2 stream')} without a WebSocket ${others.length === 1 ? 'was' : 'were'} ignored: ${others.join(', ')}`,
    );
  }
  if (sockets.length === 0)
    notes.push(`${label}: no extended CONNECT stream (RFC 8441) carries a WebSocket here`);
  warnings.push(...notes.map((message) => ({ message, connection: null })));
  if (sockets.length === 0) return [];
  const enabled = connectProtocol(server);
  const out: CaptureConnection[] = [];
  for (const streamId of sockets) {
    const id = nextId();
    const c = client.streams.get(streamId);
    const s = server.streams.get(streamId);
    const req = c?.headers[0]?.headers ?? [];
    const res = s?.headers[0]?.headers ?? [];
    const path = field(req, ':path');
    const authority = field(req, ':authority');
    const scheme = field(req, ':scheme');
    const status = field(res, ':status');
    const accepted = status !== null && /^2\d\d$/.test(status);
    const extensions = accepted ? field(res, 'sec-websocket-extensions') : null;
    const deflate: PermessageDeflateParams | null = deflateFromExtensions(extensions);
    const connLabel = `stream ${streamId} · ${path ?? '?'} · websocket`;
    const warn = (message: string) => warnings.push({ message: `${connLabel}: ${message}`, connection: id });
    if (enabled === false) warn('the server never sent SETTINGS_ENABLE_CONNECT_PROTOCOL = 1 (RFC 8441 §3)');
    if (!s?.headers.length) warn('the server’s answer to the extended CONNECT was not captured');
    else if (!accepted)
      warn(`the server answered :status ${status ?? '(none)'}, not 2xx: no WebSocket frames follow`);
    const empty: DirResult = { frames: [], messages: [], warnings: [] };
    const cs = decodeDirection(dataStream(c), 'client-to-server', 0, deflate, false, maxMessageSize);
    const sc = accepted
      ? decodeDirection(dataStream(s), 'server-to-client', 0, deflate, false, maxMessageSize)
      : empty;
    for (const w of [...cs.warnings, ...sc.warnings]) warn(w);
    const times = [c, s].flatMap((x) => [
      ...(x?.data.map((d) => d.time) ?? []),
      x?.endStream ?? 0,
      x?.reset?.time ?? 0,
      ...(x?.headers.map((h) => h.time) ?? []),
    ]);
    out.push(
      mergeDirections(
        {
          ...base,
          id,
          label: connLabel,
          url: authority && path ? `${scheme === 'https' ? 'wss' : 'ws'}://${authority}${path}` : null,
          request: headerText(`HEADERS · stream ${streamId}`, req),
          response: s?.headers.length ? headerText(`HEADERS · stream ${streamId}`, res) : null,
          subprotocol: accepted ? field(res, 'sec-websocket-protocol') : null,
          extensions,
          permessageDeflate: deflate,
          gaps: [],
          duration: Math.max(0, ...times),
          http2: {
            streamId,
            connection: label,
            path,
            protocol: field(req, ':protocol'),
            start,
            connectProtocol: enabled,
            closed: closedBy(c, s),
            otherStreams: ids.length - 1,
          },
        },
        cs,
        sc,
      ),
    );
  }
  return out;
}
