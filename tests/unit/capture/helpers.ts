/** Test helpers: read the real fixtures, and write packets back out as pcap/pcapng in any byte order and link type. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CaptureConnection } from '../../../src/capture';
import type { RawPacket } from '../../../src/capture/pcap';

export const FIXTURES = fileURLToPath(new URL('../../fixtures/capture', import.meta.url));
export const fixture = (name: string) => new Uint8Array(readFileSync(join(FIXTURES, name)));

export interface LogEntry {
  type: 'text' | 'binary' | 'ping' | 'pong' | 'close';
  text?: string;
  base64?: string;
  code?: number;
  reason?: string;
}
export interface EndpointLog {
  deflate?: boolean;
  clientSent: LogEntry[];
  serverSent?: LogEntry[];
}
export const log = (name: string): EndpointLog =>
  JSON.parse(readFileSync(join(FIXTURES, `${name}.log.json`), 'utf8'));

/** Data messages a log says were sent, as `text:…` / `binary:<base64>` strings. */
export const loggedMessages = (entries: LogEntry[] = []) =>
  entries
    .filter((e) => e.type === 'text' || e.type === 'binary')
    .map((e) => (e.type === 'text' ? `text:${e.text}` : `binary:${e.base64}`));

/** The same for decoded messages of one direction. */
export const decodedMessages = (c: CaptureConnection, direction: string) =>
  c.messages
    .filter((m) => m.direction === direction)
    .map((m) => (m.text !== null ? `text:${m.text}` : `binary:${Buffer.from(m.data).toString('base64')}`));

export function writePcap(
  packets: RawPacket[],
  opts: { little?: boolean; nano?: boolean; linkType?: number } = {},
): Uint8Array {
  const little = opts.little ?? true;
  const chunks: Buffer[] = [];
  const head = Buffer.alloc(24);
  const w32 = (b: Buffer, v: number, at: number) =>
    little ? b.writeUInt32LE(v, at) : b.writeUInt32BE(v, at);
  const w16 = (b: Buffer, v: number, at: number) =>
    little ? b.writeUInt16LE(v, at) : b.writeUInt16BE(v, at);
  w32(head, opts.nano ? 0xa1b23c4d : 0xa1b2c3d4, 0);
  w16(head, 2, 4);
  w16(head, 4, 6);
  w32(head, 262144, 16);
  w32(head, opts.linkType ?? packets[0]?.linkType ?? 1, 20);
  chunks.push(head);
  for (const p of packets) {
    const rec = Buffer.alloc(16);
    const sec = Math.floor(p.time);
    const frac = Math.round((p.time - sec) * (opts.nano ? 1e9 : 1e6));
    w32(rec, sec, 0);
    w32(rec, frac, 4);
    w32(rec, p.data.length, 8);
    w32(rec, p.data.length, 12);
    chunks.push(rec, Buffer.from(p.data));
  }
  return new Uint8Array(Buffer.concat(chunks));
}

/** pcapng with one IDB per distinct link type (packets spread over `interfaces` interfaces), EPBs or SPBs. */
export function writePcapng(
  packets: RawPacket[],
  opts: { little?: boolean; interfaces?: number; simple?: boolean; nanoResolution?: boolean } = {},
): Uint8Array {
  const little = opts.little ?? true;
  const n = opts.interfaces ?? 1;
  const blocks: Buffer[] = [];
  const block = (type: number, body: Buffer) => {
    const padded = Buffer.concat([body, Buffer.alloc((4 - (body.length % 4)) % 4)]);
    const len = 12 + padded.length;
    const b = Buffer.alloc(len);
    const w = (v: number, at: number) => (little ? b.writeUInt32LE(v, at) : b.writeUInt32BE(v, at));
    w(type, 0);
    w(len, 4);
    padded.copy(b, 8);
    w(len, len - 4);
    blocks.push(b);
  };
  const u32 = (v: number) => {
    const b = Buffer.alloc(4);
    if (little) b.writeUInt32LE(v >>> 0);
    else b.writeUInt32BE(v >>> 0);
    return b;
  };
  const u16 = (v: number) => {
    const b = Buffer.alloc(2);
    if (little) b.writeUInt16LE(v);
    else b.writeUInt16BE(v);
    return b;
  };
  block(0x0a0d0d0a, Buffer.concat([u32(0x1a2b3c4d), u16(1), u16(0), u32(0xffffffff), u32(0xffffffff)]));
  const linkType = packets[0]?.linkType ?? 1;
  const units = opts.nanoResolution ? 1e9 : 1e6;
  for (let i = 0; i < n; i++) {
    const options = opts.nanoResolution
      ? Buffer.concat([u16(9), u16(1), Buffer.from([9, 0, 0, 0]), u16(0), u16(0)])
      : Buffer.alloc(0);
    block(1, Buffer.concat([u16(linkType), u16(0), u32(0), options]));
  }
  packets.forEach((p, i) => {
    if (opts.simple) {
      block(3, Buffer.concat([u32(p.data.length), Buffer.from(p.data)]));
      return;
    }
    const ts = Math.round(p.time * units);
    const hi = Math.floor(ts / 2 ** 32);
    const lo = ts - hi * 2 ** 32;
    block(
      6,
      Buffer.concat([
        u32(i % n),
        u32(hi),
        u32(lo),
        u32(p.data.length),
        u32(p.data.length),
        Buffer.from(p.data),
      ]),
    );
  });
  return new Uint8Array(Buffer.concat(blocks));
}

/** Ethernet → the same packet under another link type (IPv4 payload unchanged). */
export function relink(p: RawPacket, linkType: number): RawPacket {
  const ip = p.data.subarray(14);
  const head: Record<number, number[]> = {
    0: [2, 0, 0, 0],
    108: [0, 0, 0, 2],
    101: [],
    113: [0, 0, 0, 1, 0, 6, 0, 0, 0, 0, 0, 0, 0, 0, 0x08, 0x00],
    276: [0x08, 0x00, 0, 0, 0, 0, 0, 1, 0, 1, 0, 6, 0, 0, 0, 0, 0, 0, 0, 0],
  };
  return { ...p, linkType, data: new Uint8Array([...(head[linkType] ?? []), ...ip]) };
}

/** Ethernet/IPv4 → Ethernet/IPv6 (::1 both ways), same TCP segment. */
export function toIpv6(p: RawPacket): RawPacket {
  const ip = p.data.subarray(14);
  const ihl = ((ip[0] ?? 0) & 0x0f) * 4;
  const total = ((ip[2] ?? 0) << 8) | (ip[3] ?? 0);
  const tcp = ip.subarray(ihl, total);
  const v6 = new Uint8Array(40 + tcp.length);
  v6[0] = 0x60;
  v6[4] = tcp.length >> 8;
  v6[5] = tcp.length & 0xff;
  v6[6] = 6;
  v6[7] = 64;
  v6[23] = 1;
  v6[39] = 1;
  v6.set(tcp, 40);
  const eth = new Uint8Array(14 + v6.length);
  eth.set(p.data.subarray(0, 12));
  eth[12] = 0x86;
  eth[13] = 0xdd;
  eth.set(v6, 14);
  return { ...p, data: eth };
}

/** An Ethernet/IPv4/TCP packet from scratch (checksums left zero: Framescope does not check them). */
export function tcpPacket(p: {
  time: number;
  src: [number, number, number, number];
  dst: [number, number, number, number];
  sport: number;
  dport: number;
  seq: number;
  syn?: boolean;
  payload?: Uint8Array;
}): RawPacket {
  const payload = p.payload ?? new Uint8Array(0);
  const d = new Uint8Array(14 + 20 + 20 + payload.length);
  const v = new DataView(d.buffer);
  v.setUint16(12, 0x0800);
  d[14] = 0x45;
  v.setUint16(16, 40 + payload.length);
  d[22] = 64;
  d[23] = 6;
  d.set(p.src, 26);
  d.set(p.dst, 30);
  v.setUint16(34, p.sport);
  v.setUint16(36, p.dport);
  v.setUint32(38, p.seq >>> 0);
  d[46] = 5 << 4;
  d[47] = p.syn ? 0x02 : 0x18;
  d.set(payload, 54);
  return { time: p.time, linkType: 1, data: d };
}
