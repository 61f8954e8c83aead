import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { importCapture, type CaptureConnection } from '../../../../src/capture';
import { parseIp } from '../../../../src/capture/ip';
import { ipPayload } from '../../../../src/capture/link-layer';
import { parsePcapng } from '../../../../src/capture/pcapng';
import { reassembleConnections } from '../../../../src/capture/tcp-reassembly';
import { decodedMessages, FIXTURES, loggedMessages, tcpPacket, writePcap, type LogEntry } from '../helpers';

const NAME = 'h2c/node-http2-websockets.pcapng';
const bytes = new Uint8Array(readFileSync(join(FIXTURES, NAME)));
interface StreamLog {
  path: string;
  streamId: number;
  method?: string;
  deflate?: boolean;
  closedBy?: string;
  clientSent: LogEntry[];
  serverSent: (LogEntry | { type: 'body'; text: string })[];
}
const truth = JSON.parse(readFileSync(join(FIXTURES, `${NAME}.log.json`), 'utf8')) as {
  streams: StreamLog[];
};
const tshark = JSON.parse(readFileSync(join(FIXTURES, `${NAME}.tshark-headers.json`), 'utf8')) as {
  streamId: number;
  headers: [string, string][];
}[];
const sockets = truth.streams.filter((s) => s.method === undefined);

/** The header list a connection's request or response text holds, as [name, value] pairs. */
const headerPairs = (text: string | null) =>
  (text ?? '')
    .split('\n')
    .slice(1)
    .map((l) => {
      const at = l.indexOf(': ', 1);
      return [l.slice(0, at), l.slice(at + 2)];
    });

function byStream(conns: CaptureConnection[], id: number): CaptureConnection {
  const c = conns.find((x) => x.http2?.streamId === id);
  if (!c) throw new Error(`no connection for stream ${id}`);
  return c;
}

/** Both directions' TCP bytes of the fixture's one connection, reassembled. */
function tcpBytes(): { client: Uint8Array; server: Uint8Array } {
  const segments = parsePcapng(bytes).packets.flatMap((p) => {
    const ip = ipPayload(p.linkType, p.data);
    const r = ip ? parseIp(ip) : null;
    return r?.ok ? [{ ...r.segment, time: p.time }] : [];
  });
  const [tcp] = reassembleConnections(segments);
  return { client: tcp!.aToB.runs[0]!.bytes, server: tcp!.bToA.runs[0]!.bytes };
}

/** A pcap of one connection whose two byte streams are cut at the given sizes (cycled). */
function resegmented(client: Uint8Array, server: Uint8Array, cuts: number[]): Uint8Array {
  const packets = [];
  let t = 1;
  const c = { src: [127, 0, 0, 1] as [number, number, number, number], sport: 50000 };
  const s = { src: [127, 0, 0, 2] as [number, number, number, number], sport: 9281 };
  packets.push(
    tcpPacket({ time: t++, src: c.src, dst: s.src, sport: c.sport, dport: s.sport, seq: 99, syn: true }),
  );
  packets.push(
    tcpPacket({ time: t++, src: s.src, dst: c.src, sport: s.sport, dport: c.sport, seq: 499, syn: true }),
  );
  let ci = 0;
  let si = 0;
  let k = 0;
  while (ci < client.length || si < server.length) {
    const n = cuts[k++ % cuts.length] ?? 1;
    if (ci < client.length) {
      const part = client.subarray(ci, ci + n);
      packets.push(
        tcpPacket({
          time: t++,
          src: c.src,
          dst: s.src,
          sport: c.sport,
          dport: s.sport,
          seq: 100 + ci,
          payload: part,
        }),
      );
      ci += part.length;
    }
    if (si < server.length) {
      const part = server.subarray(si, si + n);
      packets.push(
        tcpPacket({
          time: t++,
          src: s.src,
          dst: c.src,
          sport: s.sport,
          dport: c.sport,
          seq: 500 + si,
          payload: part,
        }),
      );
      si += part.length;
    }
  }
  return writePcap(packets);
}

describe('importCapture() on a real h2c capture (node:http2, RFC 8441)', () => {
  const r = importCapture(NAME, bytes);

  it('finds one WebSocket per extended CONNECT stream, labelled with stream id, :path and :protocol', () => {
    expect(r.error).toBeNull();
    expect(r.connections.map((c) => c.http2?.streamId)).toEqual(sockets.map((s) => s.streamId));
    for (const s of sockets) {
      const c = byStream(r.connections, s.streamId);
      expect(c.label).toMatch(new RegExp(`^stream ${s.streamId} · ${s.path} · websocket$`));
      expect(c.http2).toMatchObject({
        path: s.path,
        protocol: 'websocket',
        start: 'prior-knowledge',
        connectProtocol: true,
      });
    }
  });

  it('the messages of each stream equal what each program logged it sent on that stream', () => {
    for (const s of sockets) {
      const c = byStream(r.connections, s.streamId);
      expect(decodedMessages(c, 'client-to-server'), s.path).toEqual(loggedMessages(s.clientSent));
      expect(decodedMessages(c, 'server-to-client'), s.path).toEqual(
        loggedMessages(s.serverSent as LogEntry[]),
      );
      expect(c.permessageDeflate !== null, s.path).toBe(s.deflate === true);
      expect(c.frames.every((f) => f.violations.length === 0)).toBe(true);
    }
  });

  it('close frames, pings and pongs carry the logged codes and data; END_STREAM / RST_STREAM end each stream', () => {
    for (const s of sockets) {
      const c = byStream(r.connections, s.streamId);
      const close = s.clientSent.find((e) => e.type === 'close')!;
      const closes = c.frames.filter((f) => f.opcode === 8);
      expect(closes.map((f) => f.direction)).toEqual(['client-to-server', 'server-to-client']);
      expect(closes[0]!.summary).toContain(`close ${close.code}`);
      expect(closes[0]!.summary).toContain(close.reason);
      const controls = [...s.clientSent, ...s.serverSent].filter(
        (e) => e.type === 'ping' || e.type === 'pong',
      );
      for (const e of controls)
        expect(
          c.frames.some((f) => f.opcode === (e.type === 'ping' ? 9 : 10) && f.summary.includes(e.text!)),
        ).toBe(true);
      expect(c.http2?.closed).toMatch(
        s.closedBy === 'RST_STREAM'
          ? /^RST_STREAM CANCEL \(0x8\) from the client$/
          : /^END_STREAM from both sides$/,
      );
    }
  });

  it('the ordinary GET on the same connection is ignored with a note naming it', () => {
    const get = truth.streams.find((s) => s.method === 'GET')!;
    const notes = r.warnings.map((w) => w.message).join('\n');
    expect(notes).toMatch(
      new RegExp(
        `1 HTTP/2 stream without a WebSocket was ignored: stream ${get.streamId} \\(GET ${get.path} → 200\\)`,
      ),
    );
    expect(notes).toMatch(/HTTP\/2 over cleartext TCP \(h2c, with prior knowledge\)/);
  });

  it('agrees with tshark on the stream ids and decoded header lists of every HEADERS frame', () => {
    for (const c of r.connections) {
      const frames = tshark.filter((t) => t.streamId === c.http2?.streamId);
      expect(frames.length).toBe(2);
      expect(headerPairs(c.request)).toEqual(frames[0]!.headers);
      expect(headerPairs(c.response)).toEqual(frames[1]!.headers);
    }
  });

  it('the same bytes cut into any TCP segments give the same messages per stream', () => {
    const { client, server } = tcpBytes();
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 300 }), { minLength: 1, maxLength: 6 }), (cuts) => {
        const again = importCapture('re.pcap', resegmented(client, server, cuts));
        expect(again.error).toBeNull();
        for (const s of sockets) {
          const c = byStream(again.connections, s.streamId);
          expect(decodedMessages(c, 'client-to-server')).toEqual(loggedMessages(s.clientSent));
          expect(decodedMessages(c, 'server-to-client')).toEqual(loggedMessages(s.serverSent as LogEntry[]));
        }
      }),
      { numRuns: 25 },
    );
  });

  it('truncated or garbled HTTP/2 bytes give warnings, never an exception or a guessed WebSocket', () => {
    const { client, server } = tcpBytes();
    fc.assert(
      fc.property(
        fc.integer({ min: 24, max: client.length }),
        fc.integer({ min: 0, max: server.length }),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 8 }),
        (cEnd, sEnd, flips) => {
          const c = client.slice(0, cEnd);
          const s = server.slice(0, sEnd);
          for (const [at, v] of flips) {
            const target = at % 2 ? s : c;
            if (target.length > 24) target[24 + (at % (target.length - 24))] = v;
          }
          const out = importCapture('g.pcap', resegmented(c, s, [1400]));
          for (const conn of out.connections) expect(conn.http2).toBeDefined();
          expect(out.warnings.some((w) => /HTTP\/2 over cleartext TCP/.test(w.message))).toBe(true);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('random bytes after the preface never throw and are never read as a WebSocket guessed from bytes', () => {
    const preface = new TextEncoder().encode('PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n');
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), fc.uint8Array({ maxLength: 600 }), (a, b) => {
        const out = importCapture('r.pcap', resegmented(new Uint8Array([...preface, ...a]), b, [97]));
        for (const conn of out.connections) expect(conn.http2).toBeDefined();
      }),
      { numRuns: 100 },
    );
  });

  it('Upgrade: h2c then HTTP/2 is read the same way; a refused h2c upgrade is never guessed to be WebSocket', () => {
    const { client, server } = tcpBytes();
    const ascii = (t: string) => new TextEncoder().encode(t);
    const request = ascii(
      'GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: Upgrade, HTTP2-Settings\r\nUpgrade: h2c\r\nHTTP2-Settings: AAMAAABkAAQCAAAAAAIAAAAA\r\n\r\n',
    );
    const switching = ascii(
      'HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: h2c\r\n\r\n',
    );
    const up = importCapture(
      'up.pcap',
      resegmented(new Uint8Array([...request, ...client]), new Uint8Array([...switching, ...server]), [1400]),
    );
    expect(up.connections.map((c) => c.http2?.start)).toEqual(sockets.map(() => 'h2c-upgrade'));
    for (const s of sockets) {
      const c = byStream(up.connections, s.streamId);
      expect(decodedMessages(c, 'client-to-server')).toEqual(loggedMessages(s.clientSent));
    }
    const refused = ascii('HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n');
    const no = importCapture(
      'no.pcap',
      resegmented(new Uint8Array([...request, ...client]), new Uint8Array([...refused, ...server]), [1400]),
    );
    expect(no.connections).toEqual([]);
    expect(no.error).toBe('no WebSocket connection was found in this file');
  });
});
