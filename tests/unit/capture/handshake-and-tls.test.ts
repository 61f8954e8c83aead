import { describe, expect, it } from 'vitest';
import { importCapture } from '../../../src/capture';
import { tcpPacket, writePcap } from './helpers';

const enc = (s: string) => new TextEncoder().encode(s);
const C = [10, 0, 0, 1] as [number, number, number, number];
const S = [10, 0, 0, 2] as [number, number, number, number];

const REQUEST =
  'GET /chat HTTP/1.1\r\nHost: example.test:8123\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n' +
  'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: chat\r\n\r\n';
const RESPONSE =
  'HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n' +
  'Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\nSec-WebSocket-Protocol: chat\r\n\r\n';
const HELLO_MASKED = Uint8Array.of(0x81, 0x85, 0x37, 0xfa, 0x21, 0x3d, 0x7f, 0x9f, 0x4d, 0x51, 0x58);
const HELLO = Uint8Array.of(0x81, 0x05, 0x48, 0x65, 0x6c, 0x6c, 0x6f);
const concat = (...parts: Uint8Array[]) => Uint8Array.from(parts.flatMap((p) => [...p]));

/** A connection on port 8123 whose sequence numbers wrap past 2^32 mid-stream. */
function conversation(clientIsn: number, serverIsn: number) {
  const c2s = concat(enc(REQUEST), HELLO_MASKED);
  const s2c = concat(enc(RESPONSE), HELLO);
  return [
    tcpPacket({ time: 1, src: C, dst: S, sport: 50000, dport: 8123, seq: clientIsn, syn: true }),
    tcpPacket({ time: 1.001, src: S, dst: C, sport: 8123, dport: 50000, seq: serverIsn, syn: true }),
    tcpPacket({
      time: 1.002,
      src: C,
      dst: S,
      sport: 50000,
      dport: 8123,
      seq: clientIsn + 1,
      payload: c2s.subarray(0, 100),
    }),
    tcpPacket({
      time: 1.003,
      src: C,
      dst: S,
      sport: 50000,
      dport: 8123,
      seq: clientIsn + 101,
      payload: c2s.subarray(100),
    }),
    tcpPacket({ time: 1.004, src: S, dst: C, sport: 8123, dport: 50000, seq: serverIsn + 1, payload: s2c }),
  ];
}

describe('handshake, ports, sequence numbers, TLS', () => {
  it('finds the upgrade on any port and reads subprotocol and text', () => {
    const r = importCapture('x.pcap', writePcap(conversation(1000, 5000)));
    const c = r.connections[0]!;
    expect(c.label).toBe('10.0.0.1:50000 → 10.0.0.2:8123');
    expect(c.url).toBe('ws://example.test:8123/chat');
    expect(c.subprotocol).toBe('chat');
    expect(c.messages.map((m) => [m.direction, m.text])).toEqual([
      ['client-to-server', 'Hello'],
      ['server-to-client', 'Hello'],
    ]);
    expect(c.frames[0]!.time).toBeCloseTo(3, 6);
  });

  it('sequence numbers that wrap past 2^32 reassemble in order', () => {
    const r = importCapture('x.pcap', writePcap(conversation(0xffff_ffc0, 0xffff_fff0)));
    expect(r.connections[0]!.messages.map((m) => m.text)).toEqual(['Hello', 'Hello']);
  });

  it('TLS is detected and said plainly; nothing is decoded', () => {
    const hello = Uint8Array.of(0x16, 0x03, 0x01, 0x00, 0x05, 1, 2, 3, 4, 5);
    const r = importCapture(
      'tls.pcap',
      writePcap([
        tcpPacket({ time: 1, src: C, dst: S, sport: 50001, dport: 443, seq: 1, syn: true }),
        tcpPacket({ time: 1.001, src: C, dst: S, sport: 50001, dport: 443, seq: 2, payload: hello }),
      ]),
    );
    expect(r.connections[0]!.tls).toBe(true);
    expect(r.connections[0]!.frames).toEqual([]);
    expect(r.warnings.map((w) => w.message).join()).toContain('encrypted with TLS (wss://)');
  });

  it('an upgrade refused with 403 is reported, with no frames', () => {
    const denied = 'HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n';
    const r = importCapture(
      'x.pcap',
      writePcap([
        tcpPacket({ time: 1, src: C, dst: S, sport: 50002, dport: 80, seq: 1, payload: enc(REQUEST) }),
        tcpPacket({ time: 1.1, src: S, dst: C, sport: 80, dport: 50002, seq: 9, payload: enc(denied) }),
      ]),
    );
    expect(r.connections[0]!.frames).toEqual([]);
    expect(r.warnings.map((w) => w.message).join()).toContain('answered the upgrade with 403, not 101');
  });

  it('plain HTTP connections are skipped and counted', () => {
    const r = importCapture(
      'x.pcap',
      writePcap([
        tcpPacket({
          time: 1,
          src: C,
          dst: S,
          sport: 50003,
          dport: 80,
          seq: 1,
          payload: enc('GET / HTTP/1.1\r\nHost: a\r\n\r\n'),
        }),
        ...conversation(1, 2),
      ]),
    );
    expect(r.connections).toHaveLength(1);
    expect(r.warnings.map((w) => w.message).join()).toContain(
      '1 TCP connection without WebSocket traffic was skipped',
    );
  });
});
