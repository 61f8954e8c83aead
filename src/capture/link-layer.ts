/**
 * From a link-layer frame to the IP packet inside: Ethernet (with 802.1Q tags), Linux cooked capture v1 and v2,
 * BSD null/loopback and raw IP.
 * @see https://www.tcpdump.org/linktypes.html
 */

export const LINKTYPE = {
  null: 0,
  ethernet: 1,
  raw: 101,
  loop: 108,
  linuxSll: 113,
  ipv4: 228,
  ipv6: 229,
  linuxSll2: 276,
} as const;

export const ETHERTYPE_IPV4 = 0x0800;
export const ETHERTYPE_IPV6 = 0x86dd;
const ETHERTYPE_VLAN = [0x8100, 0x88a8, 0x9100];

/** Where the protocol type (an EtherType) sits in a link-layer header, and where the packet after it starts. */
export interface LinkHeader {
  type: number;
  start: number;
}

const u16 = (b: Uint8Array, at: number): number => ((b[at] ?? 0) << 8) | (b[at + 1] ?? 0);

/**
 * The EtherType and payload start of a link-layer header with one: Ethernet II (after any 802.1Q/802.1ad tags),
 * Linux cooked capture v1 (16 bytes, type at 14) and v2 (20 bytes, type at 0). Null when the bytes are too short.
 */
export function linkHeader(linkType: number, data: Uint8Array): LinkHeader | null {
  if (linkType === LINKTYPE.ethernet) {
    let off = 12;
    while (off + 2 <= data.length && ETHERTYPE_VLAN.includes(u16(data, off))) off += 4;
    return off + 2 <= data.length ? { type: u16(data, off), start: off + 2 } : null;
  }
  if (linkType === LINKTYPE.linuxSll) return data.length < 16 ? null : { type: u16(data, 14), start: 16 };
  if (linkType === LINKTYPE.linuxSll2) return data.length < 20 ? null : { type: u16(data, 0), start: 20 };
  return null;
}

/** Human names for the warnings. */
export function linkTypeName(linkType: number): string {
  const entry = Object.entries(LINKTYPE).find(([, v]) => v === linkType);
  return entry ? entry[0] : `link type ${linkType}`;
}

function byEthertype(h: LinkHeader | null, data: Uint8Array): Uint8Array | null {
  if (h && (h.type === ETHERTYPE_IPV4 || h.type === ETHERTYPE_IPV6)) return data.subarray(h.start);
  return null;
}

/** BSD null/loopback: a 4-byte address family, host byte order for `null`, network order for `loop`. */
function bsdNull(data: Uint8Array, networkOrder: boolean): Uint8Array | null {
  if (data.length < 4) return null;
  const view = new DataView(data.buffer, data.byteOffset, 4);
  const families = networkOrder
    ? [view.getUint32(0, false)]
    : [view.getUint32(0, true), view.getUint32(0, false)];
  // AF_INET is 2 everywhere; AF_INET6 is 24, 28 or 30 depending on the BSD.
  if (families.includes(2) || families.some((f) => f === 24 || f === 28 || f === 30)) return data.subarray(4);
  return null;
}

/** The IP packet a link-layer frame carries, or null when it carries something else (ARP, …). */
export function ipPayload(linkType: number, data: Uint8Array): Uint8Array | null {
  switch (linkType) {
    case LINKTYPE.ethernet:
    case LINKTYPE.linuxSll:
    case LINKTYPE.linuxSll2:
      return byEthertype(linkHeader(linkType, data), data);
    case LINKTYPE.null:
      return bsdNull(data, false);
    case LINKTYPE.loop:
      return bsdNull(data, true);
    case LINKTYPE.raw:
    case LINKTYPE.ipv4:
    case LINKTYPE.ipv6:
    case 12:
    case 14:
      return data;
    default:
      return null;
  }
}

/** Whether {@link ipPayload} understands this link type at all. */
export function isKnownLinkType(linkType: number): boolean {
  return [0, 1, 12, 14, 101, 108, 113, 228, 229, 276].includes(linkType);
}
