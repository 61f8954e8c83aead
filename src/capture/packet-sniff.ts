/**
 * Recognises a whole captured packet pasted where WebSocket bytes were expected: Ethernet II, Linux cooked
 * capture (v1/v2) or bare IPv4/IPv6, carrying TCP. Every header must be plausible (IPv4 header checksum, lengths
 * that fit, a TCP header inside the IP packet), so random bytes and WebSocket frames almost never match.
 * @see RFC 791 §3.1 (IPv4), RFC 8200 §3 (IPv6), RFC 9293 §3.1 (TCP)
 */
import { formatEndpoint, parseIp } from './ip';
import { ETHERTYPE_IPV4, ETHERTYPE_IPV6, LINKTYPE, linkHeader, type LinkHeader } from './link-layer';

/** Where a packet's TCP payload starts, and what came before it. */
export interface PacketSniff {
  /** The outermost header. */
  layer: 'ethernet' | 'ipv4' | 'ipv6' | 'linux-sll';
  /** Index of the first TCP payload byte (= the length of all the headers). */
  payloadOffset: number;
  /** Index after the last TCP payload byte (an Ethernet trailer or padding after it is left out). */
  payloadEnd: number;
  /** The headers in order, e.g. `Ethernet/IPv4/TCP`. */
  description: string;
  /** `127.0.0.1:33328 → 127.0.0.1:9204`. */
  endpoints: string;
}

const ARPHRD_KNOWN = [1, 772, 65534];

function u16(b: Uint8Array, at: number): number {
  return ((b[at] ?? 0) << 8) | (b[at + 1] ?? 0);
}

/** The IPv4 header checksum holds (a zero checksum, left for the network card to fill in, is accepted). */
function ipv4ChecksumOk(b: Uint8Array, ihl: number): boolean {
  if (u16(b, 10) === 0) return true;
  let sum = 0;
  for (let i = 0; i < ihl; i += 2) sum += u16(b, i);
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return sum === 0xffff;
}

/** The TCP segment of a plausible IP packet starting at `at`, or null. */
function ipTcp(
  bytes: Uint8Array,
  at: number,
  version: 4 | 6,
): { offset: number; end: number; endpoints: string } | null {
  const ip = bytes.subarray(at);
  if ((ip[0] ?? 0) >> 4 !== version) return null;
  if (version === 4) {
    const ihl = ((ip[0] ?? 0) & 0x0f) * 4;
    const total = u16(ip, 2);
    if (ihl < 20 || ip.length < ihl + 20 || !ipv4ChecksumOk(ip, ihl)) return null;
    if (total !== 0 && (total < ihl + 20 || total > ip.length)) return null;
  } else {
    const payloadLength = u16(ip, 4);
    if (ip.length < 60 || (payloadLength !== 0 && 40 + payloadLength > ip.length)) return null;
  }
  const parsed = parseIp(ip);
  if (!parsed.ok) return null;
  const s = parsed.segment;
  const offset = at + (s.payload.byteOffset - ip.byteOffset);
  return {
    offset,
    end: offset + s.payload.length,
    endpoints: `${formatEndpoint(s.src, s.srcPort)} → ${formatEndpoint(s.dst, s.dstPort)}`,
  };
}

function byEthertype(
  bytes: Uint8Array,
  h: LinkHeader | null,
  layer: PacketSniff['layer'],
  link: string,
): PacketSniff | null {
  const version = h?.type === ETHERTYPE_IPV4 ? 4 : h?.type === ETHERTYPE_IPV6 ? 6 : null;
  if (version === null || !h) return null;
  const tcp = ipTcp(bytes, h.start, version);
  if (!tcp) return null;
  return {
    layer,
    payloadOffset: tcp.offset,
    payloadEnd: tcp.end,
    description: `${link}IPv${version}/TCP`,
    endpoints: tcp.endpoints,
  };
}

function ethernet(bytes: Uint8Array): PacketSniff | null {
  return byEthertype(bytes, linkHeader(LINKTYPE.ethernet, bytes), 'ethernet', 'Ethernet/');
}

/** Linux cooked capture v1 (16-byte header) and v2 (20-byte header). */
function linuxSll(bytes: Uint8Array): PacketSniff | null {
  if (u16(bytes, 2) === 0 && ARPHRD_KNOWN.includes(u16(bytes, 8)) && (bytes[10] ?? 9) <= 4) {
    if ((bytes[11] ?? 9) <= 8) {
      const v2 = byEthertype(
        bytes,
        linkHeader(LINKTYPE.linuxSll2, bytes),
        'linux-sll',
        'Linux cooked capture v2/',
      );
      if (v2) return v2;
    }
  }
  if (u16(bytes, 0) <= 4 && ARPHRD_KNOWN.includes(u16(bytes, 2)) && u16(bytes, 4) <= 8)
    return byEthertype(bytes, linkHeader(LINKTYPE.linuxSll, bytes), 'linux-sll', 'Linux cooked capture/');
  return null;
}

function bareIp(bytes: Uint8Array): PacketSniff | null {
  const version = (bytes[0] ?? 0) >> 4;
  if (version !== 4 && version !== 6) return null;
  const tcp = ipTcp(bytes, 0, version);
  if (!tcp) return null;
  return {
    layer: version === 4 ? 'ipv4' : 'ipv6',
    payloadOffset: tcp.offset,
    payloadEnd: tcp.end,
    description: `IPv${version}/TCP`,
    endpoints: tcp.endpoints,
  };
}

/**
 * Whether `bytes` start with a captured packet's headers (Ethernet II with optional 802.1Q tags, Linux cooked
 * capture v1/v2, or bare IPv4/IPv6) down to a TCP header, and where the TCP payload (the WebSocket bytes) starts.
 * Null for anything else, including WebSocket frames. Never throws; never changes `bytes`.
 *
 * @example
 * sniffPacket(ethernetIpv4TcpPacket) // → { layer: 'ethernet', payloadOffset: 66, description: 'Ethernet/IPv4/TCP', … }
 * sniffPacket(new Uint8Array([0x81, 0x05, 0x48, 0x65, 0x6c, 0x6c, 0x6f])) // → null
 * @see RFC 791 §3.1, RFC 8200 §3, RFC 9293 §3.1
 */
export function sniffPacket(bytes: Uint8Array): PacketSniff | null {
  if (bytes.length < 40) return null;
  return ethernet(bytes) ?? linuxSll(bytes) ?? bareIp(bytes);
}
