/**
 * pcapng files: Section Header, Interface Description, Enhanced and Simple Packet blocks, any number of
 * interfaces and sections, either byte order. Other blocks are skipped.
 * @see https://www.ietf.org/archive/id/draft-ietf-opsawg-pcapng-01.html
 */
import type { PacketList, RawPacket } from './pcap';
import { CaptureError } from './types';

const SHB = 0x0a0d0d0a;
const IDB = 0x00000001;
const SPB = 0x00000003;
const EPB = 0x00000006;
const BYTE_ORDER_MAGIC = 0x1a2b3c4d;

interface Interface {
  linkType: number;
  snapLen: number;
  /** Timestamp units per second (if_tsresol, default 10^6). */
  unitsPerSecond: number;
}

/** True when the bytes start with a pcapng Section Header Block. */
export function isPcapng(bytes: Uint8Array): boolean {
  return (
    bytes.length >= 4 && bytes[0] === 0x0a && bytes[1] === 0x0d && bytes[2] === 0x0d && bytes[3] === 0x0a
  );
}

function tsResolution(view: DataView, start: number, end: number, little: boolean): number {
  // Options: code (16), length (16), value padded to 32 bits; if_tsresol is code 9.
  let off = start;
  while (off + 4 <= end) {
    const code = view.getUint16(off, little);
    const len = view.getUint16(off + 2, little);
    if (code === 0) break;
    if (code === 9 && len >= 1 && off + 4 < end) {
      const v = view.getUint8(off + 4);
      const exp = v & 0x7f;
      if (exp > 30) return 1e6;
      return v & 0x80 ? 2 ** exp : 10 ** exp;
    }
    off += 4 + ((len + 3) & ~3);
  }
  return 1e6;
}

/** Read every packet of a pcapng file. Throws CaptureError when the first block is not a Section Header Block. */
export function parsePcapng(bytes: Uint8Array): PacketList {
  if (!isPcapng(bytes)) throw new CaptureError('pcapng: the file does not start with a Section Header Block');
  if (bytes.length < 28) throw new CaptureError('pcapng: the file is shorter than a Section Header Block');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const packets: RawPacket[] = [];
  const warnings: string[] = [];
  let little = true;
  let interfaces: Interface[] = [];
  let off = 0;
  while (off < bytes.length) {
    if (off + 12 > bytes.length) {
      warnings.push(`pcapng: the file ends inside a block header at byte ${off}`);
      break;
    }
    const type = view.getUint32(off, little);
    if (type === SHB || view.getUint32(off, !little) === SHB) {
      const bom = view.getUint32(off + 8, true);
      if (bom === BYTE_ORDER_MAGIC) little = true;
      else if (view.getUint32(off + 8, false) === BYTE_ORDER_MAGIC) little = false;
      else throw new CaptureError(`pcapng: bad byte-order magic in the section header at byte ${off}`);
      interfaces = [];
    }
    const blockLen = view.getUint32(off + 4, little);
    if (blockLen < 12 || blockLen % 4 !== 0) {
      if (packets.length === 0 && off === 0)
        throw new CaptureError(`pcapng: impossible block length ${blockLen}`);
      warnings.push(
        `pcapng: impossible block length ${blockLen} at byte ${off}; the rest of the file was skipped`,
      );
      break;
    }
    if (off + blockLen > bytes.length) {
      warnings.push(
        `pcapng: a block at byte ${off} claims ${blockLen} bytes but the file ends first; it is truncated`,
      );
      break;
    }
    const body = off + 8;
    const end = off + blockLen - 4;
    const blockType = view.getUint32(off, little);
    if (blockType === IDB && end - body >= 8) {
      interfaces.push({
        linkType: view.getUint16(body, little),
        snapLen: view.getUint32(body + 4, little),
        unitsPerSecond: tsResolution(view, body + 8, end, little),
      });
    } else if (blockType === EPB && end - body >= 20) {
      const ifId = view.getUint32(body, little);
      const iface = interfaces[ifId];
      const capLen = view.getUint32(body + 12, little);
      if (!iface) {
        warnings.push(`pcapng: a packet names interface ${ifId}, which was never described; skipped`);
      } else if (body + 20 + capLen > end) {
        warnings.push(
          `pcapng: a packet at byte ${off} claims ${capLen} bytes, more than its block holds; skipped`,
        );
      } else {
        const ts = view.getUint32(body + 4, little) * 2 ** 32 + view.getUint32(body + 8, little);
        packets.push({
          time: ts / iface.unitsPerSecond,
          linkType: iface.linkType,
          data: bytes.subarray(body + 20, body + 20 + capLen),
        });
      }
    } else if (blockType === SPB && end - body >= 4) {
      const iface = interfaces[0];
      if (!iface) {
        warnings.push('pcapng: a simple packet block comes before any interface; skipped');
      } else {
        const origLen = view.getUint32(body, little);
        const capLen = Math.min(origLen, end - body - 4, iface.snapLen || Infinity);
        // Simple packets carry no timestamp: they get the previous packet's time.
        packets.push({
          time: packets[packets.length - 1]?.time ?? 0,
          linkType: iface.linkType,
          data: bytes.subarray(body + 4, body + 4 + capLen),
        });
      }
    }
    off += blockLen;
  }
  return { packets, warnings };
}
