/**
 * Text captures: hex dumps of packets as `tshark -x` and Wireshark's "Copy as hex dump" print them, and plain
 * hex of WebSocket bytes with optional direction markers (`>`/`<`, `C:`/`S:`, `client:`/`server:`).
 */
import { parseHex } from '../codec/hex';
import { DEFAULT_MAX_MESSAGE_SIZE } from '../codec/limits';
import { decodeStream } from '../codec/stream';
import type { Direction } from '../codec/stream-types';
import { parseDumpBlocks } from '../codec/hex-dump';
import { mergeDirections } from './connection';
import { decodeDirection, type DirResult } from './direction-decode';
import { maxOf, minOf } from './numbers';
import { connectionsFromPackets } from './packets';
import type { RawPacket } from './pcap';
import type { DirectionStream } from './tcp-reassembly';
import { CaptureError, type CaptureConnection, type CaptureFormat, type CaptureWarning } from './types';

interface TextResult {
  format: CaptureFormat;
  connections: CaptureConnection[];
  warnings: CaptureWarning[];
  error: string | null;
}

const MARKER = /^\s*(>|<|->|<-|C:|S:|client:|server:)\s*/i;

/** Guess the link type of a dumped packet from its first bytes: Ethernet, else raw IP, else Linux SLL2/SLL. */
function guessLinkType(b: Uint8Array): number {
  const et = ((b[12] ?? 0) << 8) | (b[13] ?? 0);
  if (b.length >= 34 && (et === 0x0800 || et === 0x86dd || et === 0x8100)) return 1;
  const v = (b[0] ?? 0) >> 4;
  if (v === 4 || v === 6) return 101;
  const sll2 = ((b[0] ?? 0) << 8) | (b[1] ?? 0);
  if (sll2 === 0x0800 || sll2 === 0x86dd) return 276;
  return 113;
}

/**
 * The packets of a `tshark -x` / Wireshark dump: one per block, read by the codec's dump reader (the one home of
 * dump parsing). tshark adds blocks for other data sources (unmasked, reassembled, decompressed): only the
 * captured frame itself is a packet. Empty when the text is not a dump.
 */
export function dumpPackets(text: string): Uint8Array[] {
  const dump = parseDumpBlocks(text);
  if (!dump || !dump.ok) return [];
  return dump.blocks
    .filter((b) => (b.source === null || b.source === 'Frame') && b.bytes.length > 0)
    .map((b) => b.bytes);
}

export function streamOf(blocks: { bytes: Uint8Array; time: number }[]): DirectionStream {
  const length = blocks.reduce((n, b) => n + b.bytes.length, 0);
  const bytes = new Uint8Array(length);
  const marks: { at: number; time: number }[] = [];
  let at = 0;
  for (const b of blocks) {
    bytes.set(b.bytes, at);
    marks.push({ at, time: b.time });
    at += b.bytes.length;
  }
  const times = blocks.map((b) => b.time);
  return {
    runs: length ? [{ offset: 0, bytes, marks }] : [],
    gaps: [],
    conflicts: [],
    midStream: false,
    retransmitted: 0,
    overlapping: 0,
    firstTime: minOf(times),
    lastTime: maxOf(times),
  };
}

const baseConnection = (label: string) => ({
  id: '1',
  label,
  client: null,
  server: null,
  url: null,
  request: null,
  response: null,
  subprotocol: null,
  extensions: null,
  permessageDeflate: null,
  reconstructed: false,
  tls: false,
  gaps: [],
});

function markedHex(lines: string[], maxMessageSize: number): TextResult {
  const blocks: { direction: Direction; bytes: Uint8Array; time: number }[] = [];
  let direction: Direction | null = null;
  let text: string[] = [];
  const flush = () => {
    if (!direction || text.join('').trim() === '') return;
    const r = parseHex(text.join('\n'));
    if (!r.ok) throw new CaptureError(`hex block ${blocks.length + 1}: ${r.error}`);
    blocks.push({ direction, bytes: r.bytes, time: blocks.length });
  };
  for (const line of lines) {
    const m = MARKER.exec(line);
    if (m) {
      flush();
      const mark = (m[1] ?? '').toLowerCase();
      direction = mark.includes('>') || mark.startsWith('c') ? 'client-to-server' : 'server-to-client';
      text = [line.slice(m[0].length)];
    } else text.push(line);
  }
  flush();
  const deflate = blocks.some((b) => ((b.bytes[0] ?? 0) & 0b0100_0000) !== 0) ? {} : null;
  const c = decodeDirection(
    streamOf(blocks.filter((b) => b.direction === 'client-to-server')),
    'client-to-server',
    0,
    deflate,
    false,
    maxMessageSize,
  );
  const s = decodeDirection(
    streamOf(blocks.filter((b) => b.direction === 'server-to-client')),
    'server-to-client',
    0,
    deflate,
    false,
    maxMessageSize,
  );
  const warnings: CaptureWarning[] = [...c.warnings, ...s.warnings].map((message) => ({
    message,
    connection: '1',
  }));
  warnings.push({
    message: 'hex has no timestamps: each block is shown 1 ms after the previous one',
    connection: null,
  });
  const conn = mergeDirections(
    { ...baseConnection('hex with direction markers'), permessageDeflate: deflate, duration: blocks.length },
    c,
    s,
  );
  return { format: 'hex', connections: [conn], warnings, error: null };
}

function plainHex(text: string, maxMessageSize: number): TextResult {
  const r = parseHex(text);
  if (!r.ok)
    throw new CaptureError(
      `not a hex dump Framescope reads: ${r.error} (line ${r.line}, column ${r.column})`,
    );
  // No markers: the MASK bit of each frame tells who sent it (RFC 6455 §5.1).
  const decoded = decodeStream(r.bytes, { permessageDeflate: 'auto', fields: false, maxMessageSize });
  const blocks = decoded.frames.map((f) => ({
    direction: f.direction,
    bytes: r.bytes.subarray(f.offset, f.offset + f.length),
    time: f.index,
  }));
  if (decoded.incomplete) {
    const d = decoded.incomplete.direction;
    blocks.push({ direction: d, bytes: r.bytes.subarray(decoded.incomplete.offset), time: blocks.length });
  }
  const deflate = decoded.permessageDeflate;
  const part = (d: Direction): DirResult =>
    decodeDirection(streamOf(blocks.filter((b) => b.direction === d)), d, 0, deflate, false, maxMessageSize);
  const c = part('client-to-server');
  const s = part('server-to-client');
  const warnings: CaptureWarning[] = [...c.warnings, ...s.warnings].map((message) => ({
    message,
    connection: '1',
  }));
  warnings.push({
    message:
      'plain hex has no direction markers: masked frames are taken as client → server, unmasked as server → client',
    connection: null,
  });
  const conn = mergeDirections(
    { ...baseConnection('pasted hex'), permessageDeflate: deflate, duration: blocks.length },
    c,
    s,
  );
  return { format: 'hex', connections: [conn], warnings, error: null };
}

/** Read a text capture: packet hex dumps, or WebSocket hex with or without direction markers. */
export function parseTextCapture(text: string, maxMessageSize = DEFAULT_MAX_MESSAGE_SIZE): TextResult {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const packets = dumpPackets(lines.join('\n'));
  if (packets.length > 0 && packets.some((p) => p.length >= 40)) {
    const raw: RawPacket[] = packets.map((data, i) => ({
      time: i / 1000,
      linkType: guessLinkType(data),
      data,
    }));
    const { connections, warnings } = connectionsFromPackets(raw, maxMessageSize);
    warnings.push({
      message: 'a hex dump has no timestamps: packets are shown 1 ms apart',
      connection: null,
    });
    return { format: 'hexdump', connections, warnings, error: null };
  }
  if (lines.some((l) => MARKER.test(l))) return markedHex(lines, maxMessageSize);
  return plainHex(text, maxMessageSize);
}
