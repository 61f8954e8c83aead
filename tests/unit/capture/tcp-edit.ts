/**
 * Editing real Ethernet/IPv4/TCP packets for tests: read and change sequence and acknowledgment numbers, flags and
 * payload (the IP total length follows; checksums are left as they were, which Framescope and tshark's defaults do
 * not check).
 */
import { execFileSync } from 'node:child_process';
import type { RawPacket } from '../../../src/capture/pcap';

const IP = 14;

function layout(p: RawPacket) {
  const d = p.data;
  const ihl = ((d[IP] ?? 0) & 0x0f) * 4;
  const tcp = IP + ihl;
  const thl = ((d[tcp + 12] ?? 0) >> 4) * 4;
  const total = ((d[IP + 2] ?? 0) << 8) | (d[IP + 3] ?? 0);
  return { tcp, payload: tcp + thl, end: IP + total };
}

const view = (p: RawPacket) => new DataView(p.data.buffer, p.data.byteOffset, p.data.byteLength);

export const srcPort = (p: RawPacket) => view(p).getUint16(layout(p).tcp);
export const seqOf = (p: RawPacket) => view(p).getUint32(layout(p).tcp + 4);
export const ackOf = (p: RawPacket) => view(p).getUint32(layout(p).tcp + 8);
export const flagsOf = (p: RawPacket) => p.data[layout(p).tcp + 13] ?? 0;
export const payloadOf = (p: RawPacket) => p.data.subarray(layout(p).payload, layout(p).end);
export const SYN = 0x02;
export const ACK = 0x10;

/** A copy of `p` with its fields changed. */
export function edit(
  p: RawPacket,
  change: { seq?: number; ack?: number; flags?: number; payload?: Uint8Array; time?: number },
): RawPacket {
  const { tcp, payload: at } = layout(p);
  const payload = change.payload ?? payloadOf(p);
  const d = new Uint8Array(at + payload.length);
  d.set(p.data.subarray(0, at));
  d.set(payload, at);
  const v = new DataView(d.buffer);
  v.setUint16(IP + 2, at - IP + payload.length);
  if (change.seq !== undefined) v.setUint32(tcp + 4, change.seq >>> 0);
  if (change.ack !== undefined) v.setUint32(tcp + 8, change.ack >>> 0);
  if (change.flags !== undefined) d[tcp + 13] = change.flags;
  return { ...p, data: d, time: change.time ?? p.time };
}

export const hasTshark = (() => {
  try {
    execFileSync('tshark', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

/** tshark's fields for every packet of a capture file, one row per packet, tab-separated. */
export function tsharkFields(file: string, fields: string[], filter?: string): string[] {
  const args = ['-r', file, '-T', 'fields', ...fields.flatMap((f) => ['-e', f])];
  if (filter) args.push('-Y', filter);
  return execFileSync('tshark', args, { encoding: 'utf8' })
    .split('\n')
    .filter((l) => l !== '');
}
