/**
 * IPv4 and IPv6 down to the TCP segment (RFC 791, RFC 8200, RFC 9293). Fragments and non-TCP packets are left out.
 */

/** One TCP segment with its addresses. */
export interface TcpSegment {
  src: string;
  dst: string;
  srcPort: number;
  dstPort: number;
  seq: number;
  /** The acknowledgment number, or null when the ACK flag is off. */
  ack: number | null;
  syn: boolean;
  fin: boolean;
  rst: boolean;
  payload: Uint8Array;
}

export type IpResult = { ok: true; segment: TcpSegment } | { ok: false; reason: string | null };

const TCP = 6;

/** Dotted forms already made, by the address as a number: a capture's few addresses are shared, not one per packet. */
const ipv4Names = new Map<number, string>();

function ipv4Address(b: Uint8Array, at: number): string {
  const n =
    (((b[at] ?? 0) << 24) | ((b[at + 1] ?? 0) << 16) | ((b[at + 2] ?? 0) << 8) | (b[at + 3] ?? 0)) >>> 0;
  let name = ipv4Names.get(n);
  if (name === undefined) {
    name = `${b[at]}.${b[at + 1]}.${b[at + 2]}.${b[at + 3]}`;
    // Bounded: a capture of a scan may hold millions of addresses.
    if (ipv4Names.size >= 4096) ipv4Names.clear();
    ipv4Names.set(n, name);
  }
  return name;
}

function ipv6Address(b: Uint8Array, at: number): string {
  const groups: string[] = [];
  for (let i = 0; i < 16; i += 2) groups.push((((b[at + i] ?? 0) << 8) | (b[at + i + 1] ?? 0)).toString(16));
  // Compress the longest run of zero groups (RFC 5952).
  let best = -1;
  let bestLen = 1;
  for (let i = 0; i < 8;) {
    let j = i;
    while (j < 8 && groups[j] === '0') j++;
    if (j - i > bestLen) {
      best = i;
      bestLen = j - i;
    }
    i = j === i ? i + 1 : j;
  }
  if (best < 0) return groups.join(':');
  return `${groups.slice(0, best).join(':')}::${groups.slice(best + bestLen).join(':')}`;
}

function tcp(b: Uint8Array, start: number, end: number, src: string, dst: string): IpResult {
  if (end - start < 20) return { ok: false, reason: 'a TCP header is cut short' };
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const dataOffset = ((b[start + 12] ?? 0) >> 4) * 4;
  if (dataOffset < 20 || start + dataOffset > end)
    return { ok: false, reason: 'a TCP header has an impossible length' };
  const flags = b[start + 13] ?? 0;
  return {
    ok: true,
    segment: {
      src,
      dst,
      srcPort: view.getUint16(start, false),
      dstPort: view.getUint16(start + 2, false),
      seq: view.getUint32(start + 4, false),
      ack: flags & 0b0001_0000 ? view.getUint32(start + 8, false) : null,
      fin: (flags & 0b0000_0001) !== 0,
      syn: (flags & 0b0000_0010) !== 0,
      rst: (flags & 0b0000_0100) !== 0,
      payload: b.subarray(start + dataOffset, end),
    },
  };
}

const IPV6_EXTENSIONS = new Set([0, 43, 60]);
const IPV6_FRAGMENT = 44;

/** The TCP segment inside an IP packet; `reason` is null for packets that are simply not TCP. */
export function parseIp(b: Uint8Array): IpResult {
  const version = (b[0] ?? 0) >> 4;
  if (version === 4) {
    if (b.length < 20) return { ok: false, reason: 'an IPv4 header is cut short' };
    const ihl = ((b[0] ?? 0) & 0x0f) * 4;
    const total = ((b[2] ?? 0) << 8) | (b[3] ?? 0);
    if (ihl < 20 || ihl > b.length) return { ok: false, reason: 'an IPv4 header has an impossible length' };
    if ((b[9] ?? 0) !== TCP) return { ok: false, reason: null };
    const fragOffset = (((b[6] ?? 0) & 0x1f) << 8) | (b[7] ?? 0);
    const moreFragments = ((b[6] ?? 0) & 0b0010_0000) !== 0;
    if (fragOffset !== 0 || moreFragments)
      return { ok: false, reason: 'fragmented IPv4 packets are not reassembled' };
    // total 0 happens with TCP segmentation offload: trust the captured length then.
    const end = total >= ihl && total <= b.length ? total : b.length;
    return tcp(b, ihl, end, ipv4Address(b, 12), ipv4Address(b, 16));
  }
  if (version === 6) {
    if (b.length < 40) return { ok: false, reason: 'an IPv6 header is cut short' };
    const payloadLen = ((b[4] ?? 0) << 8) | (b[5] ?? 0);
    const end = payloadLen > 0 && 40 + payloadLen <= b.length ? 40 + payloadLen : b.length;
    let next = b[6] ?? 0;
    let off = 40;
    while (IPV6_EXTENSIONS.has(next)) {
      if (off + 8 > end) return { ok: false, reason: 'an IPv6 extension header is cut short' };
      const len = ((b[off + 1] ?? 0) + 1) * 8;
      next = b[off] ?? 0;
      off += len;
    }
    if (next === IPV6_FRAGMENT) return { ok: false, reason: 'fragmented IPv6 packets are not reassembled' };
    if (next !== TCP) return { ok: false, reason: null };
    return tcp(b, off, end, ipv6Address(b, 8), ipv6Address(b, 24));
  }
  return { ok: false, reason: `a packet is neither IPv4 nor IPv6 (version ${version})` };
}

/** `1.2.3.4:80` or `[::1]:80`. */
export function formatEndpoint(address: string, port: number): string {
  return address.includes(':') ? `[${address}]:${port}` : `${address}:${port}`;
}
