import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readPastedPackets } from '../../../src/capture/pasted-packets';
import { decodeStream } from '../../../src/codec/stream';

const fixture = (name: string) =>
  readFileSync(new URL(`../../fixtures/capture/${name}`, import.meta.url), 'utf8');
/** tshark's own columns, one row per packet or per WebSocket frame (see make-*-fixtures.sh). */
const tsv = (name: string) =>
  fixture(name)
    .trim()
    .split('\n')
    .map((l) => l.split('\t'));

describe('readPastedPackets()', () => {
  it('finds the WebSocket data of one pasted packet where tshark says its TCP data starts', () => {
    const dump = fixture('python-websockets-plain-sll2.tshark-x.txt');
    const packet9 = dump.split(/\n\s*\n/)[8] as string;
    // tshark: packet 9 is 93 bytes, 21 of them TCP data.
    const [, frameLen, , , , tcpLen] = tsv(
      'python-websockets-plain-sll2.pcap.packet-headers.tsv',
    )[8] as string[];
    const r = readPastedPackets(packet9);
    expect(r).not.toBeNull();
    expect(r!.packets).toHaveLength(1);
    expect(r!.raw).toHaveLength(Number(frameLen));
    expect(r!.payloadOffset).toBe(Number(frameLen) - Number(tcpLen));
    expect(r!.websocket).toHaveLength(Number(tcpLen));
    const decoded = decodeStream(r!.websocket);
    expect(decoded.failure).toBeNull();
    expect(decoded.messages[0]?.text).toBe('echo: first message');
  });

  it('reads a whole tshark -x dump: every packet, the frames tshark saw, permessage-deflate from the handshake', () => {
    const r = readPastedPackets(fixture('chromium-ws-deflate.tshark-x.txt'));
    expect(r).not.toBeNull();
    const headers = tsv('chromium-ws-deflate.pcapng.packet-headers.tsv');
    expect(r!.packets).toHaveLength(headers.length);
    expect(r!.raw).toHaveLength(headers.reduce((n, h) => n + Number(h[1]), 0));
    expect(r!.handshake).toBe(true);
    expect(r!.permessageDeflate).not.toBeNull();
    expect(r!.connections).toBe(1);
    // tshark's frames (fin, rsv, opcode, mask, payload length): one line per packet, several frames joined by commas.
    const rows = tsv('chromium-ws-deflate.pcapng.tshark-fields.tsv');
    const opcodes = rows.flatMap((row) => (row[2] as string).split(',').map(Number));
    const lengths = rows.flatMap((row) => (row[4] as string).split(',').map(Number));
    expect(r!.frames).toBe(opcodes.length);
    const decoded = decodeStream(r!.websocket, { permessageDeflate: r!.permessageDeflate });
    expect(decoded.failure).toBeNull();
    expect(decoded.frames.map((f) => f.opcode)).toEqual(opcodes);
    expect(decoded.frames.map((f) => f.payloadLength)).toEqual(lengths);
    expect(decoded.messages[0]?.text).toBe('Hello, server');
  });

  it('names tshark’s extra sections and keeps them out of the bytes', () => {
    const r = readPastedPackets(fixture('chromium-ws-deflate.tshark-x.txt'))!;
    const extras = r.packets.flatMap((p) => p.extras);
    const text = fixture('chromium-ws-deflate.tshark-x.txt');
    const count = (label: string) => text.split('\n').filter((l) => l.startsWith(label)).length;
    expect(extras.filter((e) => e.source === 'Unmasked data')).toHaveLength(count('Unmasked data ('));
    expect(extras.filter((e) => e.source === 'Decompressed payload')).toHaveLength(
      count('Decompressed payload ('),
    );
    expect(extras.find((e) => e.source === 'Unmasked data')?.meaning).toMatch(/unmasked copy/);
    expect(extras.find((e) => e.source === 'Decompressed payload')?.meaning).toMatch(/inflated copy/);
    expect(extras.find((e) => e.source.startsWith('Reassembled'))?.meaning).toMatch(/reassembly/);
    // The first packet with an extra: "Unmasked data (15 bytes)" right after it, as tshark printed.
    expect(extras[0]).toMatchObject({ source: 'Unmasked data', length: 15 });
  });

  it('is null for WebSocket bytes, text that is not hex, and a dump of frames', () => {
    expect(readPastedPackets('81 05 48 65 6c 6c 6f')).toBeNull();
    expect(readPastedPackets('hello there')).toBeNull();
    expect(readPastedPackets('0000  81 05 48 65 6c 6c 6f   ..Hello')).toBeNull();
  });

  it('never throws on random text or random packet-like bytes', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (s) => {
        readPastedPackets(s);
      }),
    );
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 40, maxLength: 200 }), (b) => {
        // An IPv4 header start (0x45) makes the sniffer look further.
        const bytes = Uint8Array.from([0x45, ...b]);
        readPastedPackets(Array.from(bytes, (x) => x.toString(16).padStart(2, '0')).join(' '));
      }),
    );
  });
});
