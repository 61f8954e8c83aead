/**
 * Builds a large pcap of one WebSocket connection for the capture benchmark: the TCP handshake, the HTTP upgrade
 * exactly as Chromium sent it in `tests/fixtures/capture/chromium-ws-plain.pcap` (and the server's 101 from the same
 * capture), then messages of mixed sizes in both directions (client frames masked, server frames not), each
 * direction's bytes cut into 1,460-byte TCP segments. Ethernet II, IPv4, 127.0.0.1:33328 ↔ 127.0.0.1:9201.
 *
 * `npx tsx bench/make-capture.ts OUT.pcap [MB]` writes one by hand.
 */
import { closeSync, openSync, readFileSync, writeSync } from 'node:fs';
import { encodeFrame } from '../src/codec/index';
import { prng, randomBytes } from './harness';

const MSS = 1460;
const CLIENT = { ip: [127, 0, 0, 1], port: 33328 };
const SERVER = { ip: [127, 0, 0, 1], port: 9201 };
/**
 * The payload size of message i: mostly small (0–299 B, as chat and JSON traffic), with the length forms' edges,
 * a 1,500 B message every 16, 20,000 B every 256 and 65,536 B (the 64-bit form) every 1,024: about 350 B each.
 */
function sizeOf(i: number): number {
  if (i % 1024 === 1023) return 65_536;
  if (i % 256 === 255) return 20_000;
  if (i % 16 === 15) return 1_500;
  if (i % 64 === 7) return 126;
  if (i % 64 === 8) return 125;
  return (i * 37) % 300;
}

/** The request and response heads of the real Chromium connection in the capture fixture. */
export function realHandshake(): { request: Uint8Array; response: Uint8Array } {
  const bytes = readFileSync(new URL('../tests/fixtures/capture/chromium-ws-plain.pcap', import.meta.url));
  const text = bytes.toString('latin1');
  const head = (start: string): Uint8Array => {
    const at = text.indexOf(start);
    const end = text.indexOf('\r\n\r\n', at);
    if (at < 0 || end < 0) throw new Error(`no "${start}" head in the fixture`);
    return new Uint8Array(bytes.subarray(at, end + 4));
  };
  return { request: head('GET /chat'), response: head('HTTP/1.1 101') };
}

class PcapWriter {
  private readonly fd: number;
  private buf = Buffer.allocUnsafe(1 << 20);
  private pos = 0;
  private usec = 0;
  bytes = 0;

  constructor(path: string) {
    this.fd = openSync(path, 'w');
    const header = Buffer.alloc(24);
    header.writeUInt32LE(0xa1b2c3d4, 0);
    header.writeUInt16LE(2, 4);
    header.writeUInt16LE(4, 6);
    header.writeUInt32LE(262_144, 16);
    header.writeUInt32LE(1, 20); // LINKTYPE_ETHERNET
    this.write(header);
  }

  private write(b: Uint8Array): void {
    if (this.pos + b.length > this.buf.length) this.flush();
    if (b.length > this.buf.length) {
      writeSync(this.fd, b);
    } else {
      this.buf.set(b, this.pos);
      this.pos += b.length;
    }
    this.bytes += b.length;
  }

  private flush(): void {
    writeSync(this.fd, this.buf, 0, this.pos);
    this.pos = 0;
  }

  /** One Ethernet/IPv4/TCP packet. */
  packet(fromClient: boolean, seq: number, ack: number, flags: number, payload: Uint8Array): void {
    const src = fromClient ? CLIENT : SERVER;
    const dst = fromClient ? SERVER : CLIENT;
    const frame = Buffer.alloc(54 + payload.length);
    // Ethernet: two locally administered addresses, EtherType IPv4.
    frame.set([2, 0, 0, 0, 0, fromClient ? 2 : 1, 2, 0, 0, 0, 0, fromClient ? 1 : 2], 0);
    frame.writeUInt16BE(0x0800, 12);
    // IPv4: version 4, IHL 5, total length, DF, TTL 64, TCP; checksum below.
    frame[14] = 0x45;
    frame.writeUInt16BE(40 + payload.length, 16);
    frame.writeUInt16BE(0x4000, 20);
    frame[22] = 64;
    frame[23] = 6;
    frame.set(src.ip, 26);
    frame.set(dst.ip, 30);
    let sum = 0;
    for (let i = 14; i < 34; i += 2) sum += frame.readUInt16BE(i);
    while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
    frame.writeUInt16BE(~sum & 0xffff, 24);
    // TCP: ports, seq, ack, data offset 5, flags, window.
    frame.writeUInt16BE(src.port, 34);
    frame.writeUInt16BE(dst.port, 36);
    frame.writeUInt32BE(seq >>> 0, 38);
    frame.writeUInt32BE(ack >>> 0, 42);
    frame[46] = 0x50;
    frame[47] = flags;
    frame.writeUInt16BE(65_535, 48);
    frame.set(payload, 54);
    const rec = Buffer.alloc(16);
    this.usec += 20;
    rec.writeUInt32LE(1_765_000_000 + Math.floor(this.usec / 1e6), 0);
    rec.writeUInt32LE(this.usec % 1e6, 4);
    rec.writeUInt32LE(frame.length, 8);
    rec.writeUInt32LE(frame.length, 12);
    this.write(rec);
    this.write(frame);
  }

  close(): void {
    this.flush();
    closeSync(this.fd);
  }
}

const SYN = 0x02;
const ACK = 0x10;
const PSH_ACK = 0x18;

/**
 * Write a pcap of about `targetBytes` to `path`. Returns its size and the number of WebSocket frames written
 * (both directions), which tshark and Framescope must both count.
 */
export function makeCapture(path: string, targetBytes: number): { bytes: number; frames: number } {
  const out = new PcapWriter(path);
  const rand = prng(42);
  let cSeq = 1000;
  let sSeq = 5000;
  out.packet(true, cSeq, 0, SYN, new Uint8Array(0));
  out.packet(false, sSeq, cSeq + 1, SYN | ACK, new Uint8Array(0));
  cSeq++;
  sSeq++;
  out.packet(true, cSeq, sSeq, ACK, new Uint8Array(0));
  const send = (fromClient: boolean, bytes: Uint8Array) => {
    for (let at = 0; at < bytes.length; at += MSS) {
      const piece = bytes.subarray(at, Math.min(at + MSS, bytes.length));
      if (fromClient) {
        out.packet(true, cSeq, sSeq, PSH_ACK, piece);
        cSeq += piece.length;
      } else {
        out.packet(false, sSeq, cSeq, PSH_ACK, piece);
        sSeq += piece.length;
      }
    }
  };
  const { request, response } = realHandshake();
  send(true, request);
  send(false, response);
  let frames = 0;
  const text = new TextEncoder();
  for (let i = 0; out.bytes < targetBytes; i++) {
    const size = sizeOf(i);
    const payload =
      i % 3 === 0
        ? text.encode('x'.repeat(size))
        : i % 3 === 1
          ? randomBytes(rand, size)
          : new Uint8Array(size);
    const opcode = i % 3 === 0 ? 1 : 2;
    send(true, encodeFrame({ opcode, payload, mask: randomBytes(rand, 4) }));
    send(false, encodeFrame({ opcode, payload }));
    frames += 2;
  }
  out.close();
  return { bytes: out.bytes, frames };
}

if (process.argv[1]?.endsWith('make-capture.ts') && process.argv[2]) {
  const r = makeCapture(process.argv[2], Number(process.argv[3] ?? 100) * 1e6);
  console.log(`${r.bytes} bytes, ${r.frames} frames`);
}
