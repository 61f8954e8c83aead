/**
 * From captured packets (pcap or pcapng) to WebSocket connections: link layer → IP → TCP reassembly →
 * opening handshake → frames of both directions.
 */
import { count } from './numbers';
import { DEFAULT_MAX_MESSAGE_SIZE } from '../codec/limits';
import type { PermessageDeflateParams } from '../codec/types';
import { mergeDirections } from './connection';
import { deflateFromExtensions } from './deflate-params';
import { decodeDirection } from './direction-decode';
import { findFrameBoundary } from './frame-boundary';
import { PREFACE } from './http2/frames';
import { http2WebSockets } from './http2/websocket-streams';
import { findUpgrade, looksLikeHttp, looksLikeTls, offeredAlpn } from './http-upgrade';
import { formatEndpoint, parseIp } from './ip';
import { ipPayload, isKnownLinkType, linkTypeName } from './link-layer';
import type { RawPacket } from './pcap';
import {
  reassembleConnections,
  type CopyConflict,
  type DirectionStream,
  type TcpConnection,
  type TimedSegment,
} from './tcp-reassembly';
import type { CaptureConnection, CaptureWarning } from './types';

function firstBytes(s: DirectionStream): Uint8Array {
  const run = s.runs[0];
  return run && run.offset === 0 ? run.bytes : new Uint8Array(0);
}

function startsWithRsv1Data(s: DirectionStream): boolean {
  return s.runs.some(
    (r) => r.bytes.length > 1 && (r.bytes[0] ?? 0) & 0b0100_0000 && ((r.bytes[0] ?? 0) & 0x0f) < 3,
  );
}

/** Without a SYN, the side whose bytes hold masked frames is the client (RFC 6455 §5.1); else the higher port. */
function clientSide(tcp: TcpConnection): 'a' | 'b' {
  const masked = (s: DirectionStream) =>
    s.runs.some((r) => findFrameBoundary(r.bytes, 0, 'server', true) >= 0);
  if (masked(tcp.aToB)) return 'a';
  if (masked(tcp.bToA)) return 'b';
  return tcp.a.port > tcp.b.port ? 'a' : 'b';
}

/** The stream starts with the HTTP/2 client connection preface (RFC 9113 §3.4). */
function startsWithPreface(bytes: Uint8Array, at = 0): boolean {
  return bytes.length >= at + PREFACE.length && PREFACE.every((b, i) => bytes[at + i] === b);
}

/** A request asked for `Upgrade: h2c` (RFC 7540 §3.2, the way RFC 9113 §3.1 no longer defines). */
const asksForH2c = (request: string | undefined) => /\r?\nupgrade:[^\r\n]*\bh2c\b/i.test(request ?? '');

function toConnections(
  tcp: TcpConnection,
  nextId: () => string,
  warnings: CaptureWarning[],
  maxMessageSize: number,
): CaptureConnection[] | null {
  const conn = toConnection(tcp, nextId, warnings, maxMessageSize);
  return conn === null ? null : Array.isArray(conn) ? (conn.length ? conn : null) : [conn];
}

function toConnection(
  tcp: TcpConnection,
  nextId: () => string,
  warnings: CaptureWarning[],
  maxMessageSize: number,
): CaptureConnection | CaptureConnection[] | null {
  let id = '';
  const warn = (message: string) => warnings.push({ message, connection: id });
  const aBytes = firstBytes(tcp.aToB);
  const bBytes = firstBytes(tcp.bToA);
  let clientIsA = tcp.aSentSyn || (!tcp.aSentSyn && clientSide(tcp) === 'a');
  if (looksLikeHttp(bBytes) && !/^HTTP\//.test(String.fromCharCode(...bBytes.subarray(0, 5))))
    clientIsA = false;
  if (looksLikeHttp(aBytes) && !/^HTTP\//.test(String.fromCharCode(...aBytes.subarray(0, 5))))
    clientIsA = true;
  if (startsWithPreface(bBytes)) clientIsA = false;
  if (startsWithPreface(aBytes)) clientIsA = true;
  const [client, server] = clientIsA ? [tcp.a, tcp.b] : [tcp.b, tcp.a];
  const [toServer, toClient] = clientIsA ? [tcp.aToB, tcp.bToA] : [tcp.bToA, tcp.aToB];
  const label = `${formatEndpoint(client.address, client.port)} → ${formatEndpoint(server.address, server.port)}`;
  const base = {
    label,
    client,
    server,
    url: null as string | null,
    request: null as string | null,
    response: null as string | null,
    subprotocol: null as string | null,
    extensions: null as string | null,
    permessageDeflate: null as PermessageDeflateParams | null,
    reconstructed: false,
    tls: false,
    gaps: [
      ...toServer.gaps.map((g) => ({ ...g, direction: 'client-to-server' as const })),
      ...toClient.gaps.map((g) => ({ ...g, direction: 'server-to-client' as const })),
    ],
    duration: Math.max(toServer.lastTime, toClient.lastTime),
  };
  const cBytes = firstBytes(toServer);
  const sBytes = firstBytes(toClient);
  // Never guess WebSocket frames inside HTTP/2: its WebSockets are streams (RFC 8441).
  if (startsWithPreface(cBytes))
    return http2WebSockets(
      base,
      toServer,
      toClient,
      PREFACE.length,
      0,
      'prior-knowledge',
      nextId,
      warnings,
      maxMessageSize,
    );
  id = nextId();
  if (looksLikeTls(cBytes) || looksLikeTls(sBytes)) {
    const h2 = offeredAlpn(cBytes).includes('h2');
    warn(
      h2
        ? `${label}: this connection is encrypted with TLS and the client offered HTTP/2 (ALPN h2): WebSockets over HTTP/2 (RFC 8441) or wss:// inside cannot be decoded from a capture`
        : `${label}: this connection is encrypted with TLS (wss://); its WebSocket frames cannot be decoded from a capture`,
    );
    return { ...base, id, tls: true, frames: [], messages: [] };
  }
  const empty = { frames: [], messages: [], warnings: [] };
  if (looksLikeHttp(cBytes)) {
    const up = findUpgrade(cBytes, sBytes);
    if (!up.isUpgrade && asksForH2c(up.request?.text) && up.status === 101 && up.request && up.response) {
      const at = up.request.end + (startsWithPreface(cBytes, up.request.end) ? PREFACE.length : 0);
      return http2WebSockets(
        base,
        toServer,
        toClient,
        at,
        up.response.end,
        'h2c-upgrade',
        nextId,
        warnings,
        maxMessageSize,
      );
    }
    if (!up.isUpgrade) return null;
    const conn = {
      ...base,
      id,
      url: up.url,
      request: up.request?.text ?? null,
      response: up.response?.text ?? null,
      subprotocol: up.subprotocol,
      extensions: up.extensions,
      permessageDeflate: up.accepted ? deflateFromExtensions(up.extensions) : null,
    };
    if (!up.accepted) {
      warn(
        up.response
          ? `${label}: the server answered the upgrade with ${up.status ?? 'an unreadable status'}, not 101: no WebSocket frames follow`
          : `${label}: the upgrade request was captured but not the server's answer; the client's frames are decoded, and the server's from the first frame boundary found (unconfirmed until one is confirmed)`,
      );
      if (up.response) return mergeDirections(conn, empty, empty);
    }
    // Without the server's answer the negotiated compression is unknown: assume it when the client offered it
    // and data frames carry RSV1.
    const deflate = up.response
      ? conn.permessageDeflate
      : /permessage-deflate/i.test(up.request?.text ?? '') &&
          (startsWithRsv1Data(toServer) || startsWithRsv1Data(toClient))
        ? {}
        : null;
    const c = decodeDirection(
      toServer,
      'client-to-server',
      up.request?.end ?? 0,
      deflate,
      false,
      maxMessageSize,
    );
    // No answer captured: the server's bytes (if any) are read from the first confirmed frame boundary.
    const s = decodeDirection(
      toClient,
      'server-to-client',
      up.response?.end ?? 0,
      deflate,
      !up.response,
      maxMessageSize,
    );
    for (const w of [...c.warnings, ...s.warnings]) warn(`${label}: ${w}`);
    return mergeDirections({ ...conn, permessageDeflate: deflate }, c, s);
  }
  if (!toServer.runs.length && !toClient.runs.length) return null;
  // No handshake: maybe a capture started mid-connection. Keep it only if frames are found.
  const deflate = startsWithRsv1Data(toServer) || startsWithRsv1Data(toClient) ? {} : null;
  const c = decodeDirection(toServer, 'client-to-server', 0, deflate, true, maxMessageSize);
  const s = decodeDirection(toClient, 'server-to-client', 0, deflate, true, maxMessageSize);
  if (c.frames.length + s.frames.length === 0) return null;
  warn(
    `${label}: the opening handshake was not captured (the capture starts mid-connection); frames are decoded from the first frame boundary found${deflate ? ', assuming permessage-deflate with default parameters' : ''}`,
  );
  for (const w of [...c.warnings, ...s.warnings]) warn(`${label}: ${w}`);
  return mergeDirections({ ...base, id, permessageDeflate: deflate }, c, s);
}

const ms = (t: number) => `${t.toFixed(3)} ms`;

/** What a {@link CopyConflict} means for the reader: where the copies differ, which was used and why. */
function describeConflict(c: CopyConflict): string {
  const where = `two captured copies of stream bytes ${c.offset}–${c.offset + c.length - 1} differ, first at stream offset ${c.differsAt} (copies captured at ${ms(c.firstTime)} and ${ms(c.laterTime)})`;
  return c.used === 'first'
    ? `${where}; the first copy was used: the receiver acknowledged those bytes at ${ms(c.ackTime ?? c.firstTime)}, before the retransmission arrived, and a TCP receiver ignores bytes it already has`
    : `${where}; the retransmission was used: no acknowledgment of the first copy was captured before it, so the first copy did not reach the receiver (or not intact) and the sender resent the bytes the receiver took`;
}

/**
 * Every WebSocket connection in a list of packets, with warnings for whatever was skipped. Consumes `packets`: the
 * list is emptied once its TCP segments are read, so a large capture's packet records are released early.
 */
export function connectionsFromPackets(
  packets: RawPacket[],
  maxMessageSize = DEFAULT_MAX_MESSAGE_SIZE,
): {
  connections: CaptureConnection[];
  warnings: CaptureWarning[];
} {
  const warnings: CaptureWarning[] = [];
  const start = packets.reduce((m, p) => Math.min(m, p.time), Infinity);
  const segments: TimedSegment[] = [];
  const unknownLinks = new Set<number>();
  const skipped = new Map<string, number>();
  for (const p of packets) {
    if (!isKnownLinkType(p.linkType)) {
      unknownLinks.add(p.linkType);
      continue;
    }
    const ip = ipPayload(p.linkType, p.data);
    if (!ip) continue;
    const r = parseIp(ip);
    if (r.ok) segments.push({ ...r.segment, time: (p.time - start) * 1000 });
    else if (r.reason) skipped.set(r.reason, (skipped.get(r.reason) ?? 0) + 1);
  }
  for (const l of unknownLinks) {
    warnings.push({
      message: `packets with ${linkTypeName(l)} are not understood and were skipped`,
      connection: null,
    });
  }
  for (const [reason, n] of skipped)
    warnings.push({ message: `${count(n, 'packet')} skipped: ${reason}`, connection: null });
  const connections: CaptureConnection[] = [];
  let other = 0;
  const packetCount = packets.length;
  const segmentCount = segments.length;
  // The packet records are not needed past this point: released before the streams are decoded.
  packets.length = 0;
  const tcps = reassembleConnections(segments);
  segments.length = 0;
  for (const tcp of tcps) {
    let made = 0;
    const found = toConnections(tcp, () => String(connections.length + ++made), warnings, maxMessageSize);
    if (found) connections.push(...found);
    else other++;
    const conn = found?.[0];
    const retrans = tcp.aToB.retransmitted + tcp.bToA.retransmitted;
    const gaps = tcp.aToB.gaps.length + tcp.bToA.gaps.length;
    if (conn && retrans) {
      warnings.push({
        message: `${conn.label}: ${count(retrans, 'retransmitted segment')} counted once`,
        connection: conn.id,
      });
    }
    if (conn) {
      const aIsClient = conn.client?.address === tcp.a.address && conn.client.port === tcp.a.port;
      for (const [stream, fromA] of [
        [tcp.aToB, true],
        [tcp.bToA, false],
      ] as const) {
        const side = fromA === aIsClient ? 'client → server' : 'server → client';
        for (const c of stream.conflicts)
          warnings.push({ message: `${conn.label}: ${side}: ${describeConflict(c)}`, connection: conn.id });
      }
    }
    if (conn && gaps) {
      warnings.push({
        message: `${conn.label}: ${count(gaps, 'gap')} of missing bytes; nothing is decoded across a gap`,
        connection: conn.id,
      });
    }
  }
  if (other)
    warnings.push({
      message: `${count(other, 'TCP connection')} without WebSocket traffic ${other === 1 ? 'was' : 'were'} skipped`,
      connection: null,
    });
  if (segmentCount === 0 && packetCount > 0) {
    warnings.push({ message: 'no TCP packets were found in the capture', connection: null });
  }
  return { connections, warnings };
}
