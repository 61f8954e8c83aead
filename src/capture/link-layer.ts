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

const ETHERTYPE_IPV4 = 0x0800;
const ETHERTYPE_IPV6 = 0x86dd;
const ETHERTYPE_VLAN = [0x8100, 0x88a8, 0x9100];

/** Human names for the warnings. */
export function linkTypeName(linkType: number): string {
  const entry = Object.entries(LINKTYPE).find(([, v]) => v === linkType);
  return entry ? entry[0] : `link type ${linkType}`;
}

function byEthertype(type: number, data: Uint8Array, start: number): Uint8Array | null {
  if (type === ETHERTYPE_IPV4 || type === ETHERTYPE_IPV6) return data.subarray(start);
  return null;
}

function ethernet(data: Uint8Array): Uint8Array | null {
  let off = 12;
  while (off + 2 <= data.length) {
    const type = ((data[off] ?? 0) << 8) | (data[off + 1] ?? 0);
    if (ETHERTYPE_VLAN.includes(type)) {
      off += 4;
      continue;
    }
    return byEthertype(type, data, off + 2);
  }
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
      return ethernet(data);
    case LINKTYPE.linuxSll:
      // 16-byte header; protocol type at bytes 14–15.
      return data.length < 16 ? null : byEthertype(((data[14] ?? 0) << 8) | (data[15] ?? 0), data, 16);
    case LINKTYPE.linuxSll2:
      // 20-byte header; protocol type at bytes 0–1.
      return data.length < 20 ? null : byEthertype(((data[0] ?? 0) << 8) | (data[1] ?? 0), data, 20);
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
