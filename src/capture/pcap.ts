/**
 * Classic libpcap files: microsecond (a1b2c3d4) and nanosecond (a1b23c4d) timestamps, either byte order.
 * @see https://www.ietf.org/archive/id/draft-ietf-opsawg-pcap-04.html
 */
import { CaptureError } from './types';

/** One captured packet, whatever the container. */
export interface RawPacket {
  /** Seconds since the epoch, fractional. */
  time: number;
  linkType: number;
  data: Uint8Array;
}

export interface PacketList {
  packets: RawPacket[];
  warnings: string[];
}

const MAGIC_US = 0xa1b2c3d4;
const MAGIC_NS = 0xa1b23c4d;

/** True when the bytes start with a pcap magic number in either byte order. */
export function isPcap(bytes: Uint8Array): boolean {
  if (bytes.length < 4) return false;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const be = view.getUint32(0, false);
  const le = view.getUint32(0, true);
  return be === MAGIC_US || be === MAGIC_NS || le === MAGIC_US || le === MAGIC_NS;
}

/** Read every packet of a pcap file; a truncated last record becomes a warning. Throws CaptureError on a bad header. */
export function parsePcap(bytes: Uint8Array): PacketList {
  if (bytes.length < 24)
    throw new CaptureError(`pcap: the file is ${bytes.length} bytes, shorter than the 24-byte header`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const magicBe = view.getUint32(0, false);
  const little = magicBe !== MAGIC_US && magicBe !== MAGIC_NS;
  const magic = view.getUint32(0, little);
  if (magic !== MAGIC_US && magic !== MAGIC_NS) throw new CaptureError('pcap: wrong magic number');
  const divisor = magic === MAGIC_NS ? 1e9 : 1e6;
  const linkType = view.getUint32(20, little) & 0x0fff_ffff;
  const packets: RawPacket[] = [];
  const warnings: string[] = [];
  let off = 24;
  while (off < bytes.length) {
    if (off + 16 > bytes.length) {
      warnings.push(`pcap: the file ends inside a record header at byte ${off}; the last packet was skipped`);
      break;
    }
    const sec = view.getUint32(off, little);
    const frac = view.getUint32(off + 4, little);
    const inclLen = view.getUint32(off + 8, little);
    if (off + 16 + inclLen > bytes.length) {
      warnings.push(
        `pcap: packet ${packets.length + 1} claims ${inclLen} bytes but only ${bytes.length - off - 16} remain; the file is truncated`,
      );
      break;
    }
    packets.push({
      time: sec + frac / divisor,
      linkType,
      data: bytes.subarray(off + 16, off + 16 + inclLen),
    });
    off += 16 + inclLen;
  }
  return { packets, warnings };
}
