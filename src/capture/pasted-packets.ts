/**
 * Whole captured packets pasted into the Decoder: one packet's hex, or a `tshark -x` / Wireshark dump of one or
 * many. Finds the WebSocket data in them with the capture importer's own path (link, IP and TCP headers off, TCP
 * data put back together per direction, the HTTP handshake read), so the Decoder decodes WebSocket frames, not
 * Ethernet headers. tshark's extra sections ("Unmasked data", "Decompressed payload", "Reassembled TCP") are
 * named for what they are and kept out of the bytes: they are tshark's views of a packet, not bytes on the wire.
 */
import { parseHex, type HexFormat } from '../codec/hex';
import { parseDumpBlocks, type DumpBlock } from '../codec/hex-dump';
import type { PermessageDeflateParams } from '../codec/types';
import { parseTextCapture } from './hexdump-text';
import { sniffPacket, type PacketSniff } from './packet-sniff';

/** One section tshark printed after a packet that is not the packet itself. */
export interface DumpExtra {
  /** tshark's label, e.g. `Unmasked data`, `Decompressed payload`, `Reassembled TCP`. */
  source: string;
  length: number;
  /** What the section is, in words. */
  meaning: string;
}

/** One pasted packet: its bytes, where its TCP data lies, and tshark's extra sections printed after it. */
export interface PastedPacket {
  bytes: Uint8Array;
  sniff: PacketSniff | null;
  extras: DumpExtra[];
}

/** Pasted text read as captured packets. */
export interface PastedPackets {
  /** How the text was written: a dump format (`wireshark` for tshark -x), or `hex`/`array`/… for one packet. */
  format: HexFormat;
  packets: PastedPacket[];
  /** The packets as pasted (without tshark's extra sections), joined: what "decode from byte 0" reads. */
  raw: Uint8Array;
  /** The WebSocket bytes found in the packets: whole frames of one connection, in capture order. */
  websocket: Uint8Array;
  /** Where the WebSocket bytes start in `raw`, when they are one packet's TCP data (else null). */
  payloadOffset: number | null;
  /** The connection the WebSocket bytes belong to, e.g. `127.0.0.1:33328 → 127.0.0.1:9204`. */
  connection: string | null;
  /** Connections with WebSocket frames in the dump (the Decoder shows the first one). */
  connections: number;
  /** WebSocket frames the importer found in `websocket` (several packets); null for one packet's data. */
  frames: number | null;
  /** The opening handshake was in the dump. */
  handshake: boolean;
  /** permessage-deflate as the handshake negotiated it; null when off or when the handshake was not captured. */
  permessageDeflate: PermessageDeflateParams | null;
}

/** What each extra section of `tshark -x` is; tshark names them after the dissector that made them. */
function meaningOf(source: string): string {
  if (/^unmasked/i.test(source)) return 'tshark’s unmasked copy of a client frame’s payload';
  if (/^decompressed|^uncompressed|inflated/i.test(source))
    return 'tshark’s inflated copy of a compressed (permessage-deflate) payload';
  if (/^reassembled/i.test(source))
    return 'tshark’s reassembly of data that spans several TCP segments (the segments themselves are the packets)';
  if (/^de-?chunked|^decoded/i.test(source)) return 'tshark’s decoded copy of HTTP data';
  return 'a copy tshark made while dissecting the packet, not bytes on the wire';
}

/** The blocks grouped as packets: a `Frame` (or unlabelled) block starts one; labelled others attach to it. */
function group(blocks: DumpBlock[]): { bytes: Uint8Array; extras: DumpExtra[] }[] {
  const packets: { bytes: Uint8Array; extras: DumpExtra[] }[] = [];
  for (const b of blocks) {
    const last = packets[packets.length - 1];
    if (b.source !== null && b.source !== 'Frame' && last) {
      last.extras.push({ source: b.source, length: b.bytes.length, meaning: meaningOf(b.source) });
    } else if (b.source === null || b.source === 'Frame') packets.push({ bytes: b.bytes, extras: [] });
  }
  return packets;
}

function join(parts: Uint8Array[]): Uint8Array {
  let total = 0;
  for (const p of parts) total += p.length;
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/**
 * Reads pasted text as captured packets, or returns null when it is not (plain WebSocket bytes, anything that does
 * not start with Ethernet, Linux cooked capture or IP + TCP headers, or text that is not hex at all).
 *
 * @example
 * // The tshark -x dump of one packet: a 72-byte Linux cooked capture v2/IPv4/TCP header, then 81 13 "echo: first message"
 * readPastedPackets(dump) // → { packets: [1 packet], payloadOffset: 72, websocket: 81 13 65 63 68 6f …, frames: 1, … }
 * @see RFC 6455 §5.2 (the frames inside), RFC 9293 §3.1 (the TCP header before them)
 */
export function readPastedPackets(text: string): PastedPackets | null {
  const dump = parseDumpBlocks(text);
  let format: HexFormat;
  let grouped: { bytes: Uint8Array; extras: DumpExtra[] }[];
  if (dump) {
    if (!dump.ok) return null;
    format = dump.format;
    grouped = group(dump.blocks);
  } else {
    const hex = parseHex(text);
    if (!hex.ok) return null;
    format = hex.format;
    grouped = [{ bytes: hex.bytes, extras: [] }];
  }
  const packets: PastedPacket[] = grouped.map((p) => ({ ...p, sniff: sniffPacket(p.bytes) }));
  if (!packets.some((p) => p.sniff)) return null;
  const raw = join(packets.map((p) => p.bytes));
  const base = { format, packets, raw };
  const only = packets.length === 1 ? packets[0] : undefined;
  if (only?.sniff) {
    // One packet: its TCP data as it is (a frame may be cut by the packet's end; the Decoder says so).
    const { payloadOffset, payloadEnd, endpoints } = only.sniff;
    const websocket = only.bytes.subarray(payloadOffset, payloadEnd);
    return {
      ...base,
      websocket,
      payloadOffset,
      connection: endpoints,
      connections: 1,
      frames: null,
      handshake: false,
      permessageDeflate: null,
    };
  }
  // Several packets: the capture importer puts each direction's TCP data back together and finds the frames.
  const capture = parseTextCapture(text);
  const withFrames = capture.connections.filter((c) => c.frames.length > 0);
  const conn = withFrames[0];
  return {
    ...base,
    websocket: join(conn ? conn.frames.map((f) => f.bytes) : []),
    payloadOffset: null,
    connection: conn?.label ?? null,
    connections: withFrames.length,
    frames: conn?.frames.length ?? 0,
    handshake: conn?.request != null,
    permessageDeflate: conn?.permessageDeflate ?? null,
  };
}
