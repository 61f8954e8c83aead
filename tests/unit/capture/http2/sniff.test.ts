import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { importCapture } from '../../../../src/capture';
import { sniffHttp2 } from '../../../../src/capture/http2/sniff';
import { sniffPacket } from '../../../../src/capture/packet-sniff';
import { parseTextCapture } from '../../../../src/capture/hexdump-text';
import { FIXTURES, fixture } from '../helpers';

/** The TCP payload of a packet dumped by `tshark -x`. */
function tcpPayload(name: string): Uint8Array {
  const text = readFileSync(join(FIXTURES, name), 'utf8');
  const bytes = new Uint8Array(
    text
      .split('\n')
      .filter((l) => /^[0-9a-f]{4} {2}/.test(l))
      .flatMap((l) => l.slice(6, 53).trim().split(/\s+/))
      .map((h) => parseInt(h, 16)),
  );
  const s = sniffPacket(bytes)!;
  return bytes.subarray(s.payloadOffset, s.payloadEnd);
}

describe('sniffHttp2()', () => {
  it('finds the DATA frame of stream 1 in a real h2c packet, and its payload is the logged WebSocket frame', () => {
    const s = sniffHttp2(tcpPayload('h2c/packet-21.tshark-x.txt'))!;
    expect(s.types).toEqual(['DATA']);
    expect(s.streams.map((x) => [x.streamId, x.data.length])).toEqual([[1, 308]]);
    // 0x81 = FIN + text, 0xfe = masked + 16-bit length 300 (RFC 6455 §5.2).
    expect([...s.streams[0]!.data.subarray(0, 4)]).toEqual([0x81, 0xfe, 0x01, 0x2c]);
  });

  it('separates the DATA frames of two streams carried by one packet', () => {
    const s = sniffHttp2(tcpPayload('h2c/packet-11.tshark-x.txt'))!;
    expect(s.streams.map((x) => x.streamId)).toEqual([1, 3]);
  });

  it('recognises the client connection preface alone', () => {
    const preface = new TextEncoder().encode('PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n');
    expect(sniffHttp2(preface)).toEqual({ preface: true, types: [], streams: [] });
  });

  it('never takes the WebSocket bytes of the other real captures for HTTP/2', () => {
    for (const name of [
      'chromium-ws-plain.pcap',
      'chromium-ws-deflate.pcapng',
      'python-websockets-deflate-ns.pcap',
    ]) {
      for (const conn of importCapture(name, fixture(name)).connections) {
        for (const f of conn.frames) expect(sniffHttp2(f.bytes), `${name} ${f.summary}`).toBeNull();
      }
    }
    const text = parseTextCapture(readFileSync(join(FIXTURES, 'marked-hex.txt'), 'utf8'));
    for (const f of text.connections.flatMap((c) => c.frames)) expect(sniffHttp2(f.bytes)).toBeNull();
  });

  it('never throws on random bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (b) => {
        const s = sniffHttp2(b);
        if (s) expect(s.types.length + (s.preface ? 1 : 0)).toBeGreaterThan(0);
      }),
    );
  });
});
