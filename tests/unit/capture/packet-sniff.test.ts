import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sniffPacket } from '../../../src/capture/packet-sniff';
import { parsePcap } from '../../../src/capture/pcap';
import { parsePcapng } from '../../../src/capture/pcapng';
import { encodeFrame } from '../../../src/codec/index';

const DIR = new URL('../../fixtures/capture/', import.meta.url);
const FILES = [
  'chromium-ws-plain.pcap',
  'chromium-ws-deflate.pcapng',
  'python-websockets-deflate-ns.pcap',
  'python-websockets-plain-sll2.pcap',
];

function packets(name: string): Uint8Array[] {
  const bytes = new Uint8Array(readFileSync(new URL(name, DIR)));
  return (name.endsWith('.pcapng') ? parsePcapng(bytes) : parsePcap(bytes)).packets.map((p) => p.data);
}

/** tshark's reading of each packet (made by make-packet-sniff-fixtures.sh). */
function headers(name: string) {
  return readFileSync(new URL(`${name}.packet-headers.tsv`, DIR), 'utf8')
    .trim()
    .split('\n')
    .map((line) => {
      const [, len, protocols, ipHdr, tcpHdr, tcpLen] = line.split('\t');
      const link = protocols?.startsWith('sll') ? 20 : 14;
      const offset = link + Number(ipHdr) + Number(tcpHdr);
      return { len: Number(len), sll: link === 20, offset, end: offset + Number(tcpLen) };
    });
}

describe('sniffPacket() on real captures', () => {
  it.each(FILES)('finds the TCP payload of every packet of %s where tshark does', (name) => {
    const list = packets(name);
    const expected = headers(name);
    expect(list.length).toBe(expected.length);
    expect(list.length).toBeGreaterThan(10);
    list.forEach((data, i) => {
      const want = expected[i]!;
      expect(data.length).toBe(want.len);
      const sniff = sniffPacket(data);
      expect(sniff).toMatchObject({
        layer: want.sll ? 'linux-sll' : 'ethernet',
        payloadOffset: want.offset,
        payloadEnd: want.end,
        description: want.sll ? 'Linux cooked capture v2/IPv4/TCP' : 'Ethernet/IPv4/TCP',
      });
      expect(sniff?.endpoints).toMatch(/^127\.0\.0\.1:\d+ → 127\.0\.0\.1:\d+$/);
    });
  });

  it('finds bare IPv4 and IPv6 packets, and never changes the bytes', () => {
    const data = packets('chromium-ws-plain.pcap').find((p) => p.length > 100)!;
    const copy = data.slice();
    const ip = data.subarray(14);
    expect(sniffPacket(ip)).toMatchObject({ layer: 'ipv4', description: 'IPv4/TCP', payloadOffset: 52 });
    expect(data).toEqual(copy);

    // The same TCP segment in an IPv6 packet from ::1 to ::1.
    const tcp = ip.subarray(20);
    const v6 = new Uint8Array(40 + tcp.length);
    v6.set([0x60, 0, 0, 0, tcp.length >> 8, tcp.length & 0xff, 6, 64]);
    v6[23] = 1;
    v6[39] = 1;
    v6.set(tcp, 40);
    expect(sniffPacket(v6)).toMatchObject({ layer: 'ipv6', payloadOffset: 72, payloadEnd: v6.length });
    expect(sniffPacket(v6)?.endpoints).toMatch(/^\[::1\]:\d+ → \[::1\]:\d+$/);
    const eth = new Uint8Array(14 + v6.length);
    eth.set(data.subarray(0, 12));
    eth.set([0x86, 0xdd], 12);
    eth.set(v6, 14);
    expect(sniffPacket(eth)).toMatchObject({
      layer: 'ethernet',
      payloadOffset: 86,
      description: 'Ethernet/IPv6/TCP',
    });
  });

  it('rejects a packet whose IPv4 header checksum is wrong, or that is not TCP', () => {
    const data = packets('chromium-ws-plain.pcap')[0]!.slice();
    data[14 + 8] = (data[14 + 8]! + 1) & 0xff; // TTL changed, checksum not
    expect(sniffPacket(data)).toBeNull();
    const udp = packets('chromium-ws-plain.pcap')[0]!.slice();
    udp[14 + 9] = 17;
    udp[14 + 10] = 0;
    udp[14 + 11] = 0; // zero checksum: accepted, so only the protocol decides
    expect(sniffPacket(udp)).toBeNull();
  });
});

describe('sniffPacket() on bytes that are not packets', () => {
  it('is null for WebSocket frames and short input', () => {
    expect(sniffPacket(new Uint8Array([0x81, 0x05, 0x48, 0x65, 0x6c, 0x6c, 0x6f]))).toBeNull();
    expect(sniffPacket(new Uint8Array(0))).toBeNull();
    expect(sniffPacket(encodeFrame({ opcode: 1, payload: new Uint8Array(200).fill(0x41) }))).toBeNull();
    expect(
      sniffPacket(
        encodeFrame({
          opcode: 2,
          mask: new Uint8Array([1, 2, 3, 4]),
          payload: new Uint8Array(300).fill(0x45),
        }),
      ),
    ).toBeNull();
  });

  it('almost never matches random bytes', () => {
    let matches = 0;
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 0, maxLength: 300 }), (bytes) => {
        if (sniffPacket(bytes)) matches++;
      }),
      { numRuns: 2000 },
    );
    expect(matches).toBeLessThanOrEqual(2);
  });
});
