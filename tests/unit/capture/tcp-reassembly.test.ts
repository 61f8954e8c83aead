import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { importCapture } from '../../../src/capture';
import { parsePcap, type RawPacket } from '../../../src/capture/pcap';
import { decodedMessages, fixture, log, loggedMessages, writePcap } from './helpers';

const NAME = 'python-websockets-plain-sll2.pcap';
const packets = parsePcap(fixture(NAME)).packets;
const truth = log(NAME);
const tcpPayloadLength = (p: RawPacket) => {
  const ip = p.data.subarray(20);
  const ihl = ((ip[0] ?? 0) & 0x0f) * 4;
  const total = ((ip[2] ?? 0) << 8) | (ip[3] ?? 0);
  return total - ihl - ((ip[ihl + 12] ?? 0) >> 4) * 4;
};
const dataIndices = packets.map((p, i) => (tcpPayloadLength(p) > 0 ? i : -1)).filter((i) => i >= 0);

/** Split a packet's TCP payload in two segments (same time) at `at` bytes, with a fixed-up sequence number. */
function split(p: RawPacket, at: number, overlap = 0): RawPacket[] {
  const ip = p.data.subarray(20);
  const ihl = ((ip[0] ?? 0) & 0x0f) * 4;
  const thl = ((ip[ihl + 12] ?? 0) >> 4) * 4;
  const hdr = 20 + ihl + thl;
  const payload = p.data.subarray(hdr);
  const make = (from: number, to: number) => {
    const d = new Uint8Array(hdr + (to - from));
    d.set(p.data.subarray(0, hdr));
    d.set(payload.subarray(from, to), hdr);
    const view = new DataView(d.buffer);
    view.setUint16(20 + 2, ihl + thl + (to - from));
    view.setUint32(20 + ihl + 4, (view.getUint32(20 + ihl + 4) + from) >>> 0);
    return { ...p, data: d };
  };
  return [make(0, at), make(Math.max(0, at - overlap), payload.length)];
}

const decode = (list: RawPacket[]) => importCapture('x', writePcap(list, { linkType: 276 }));

describe('TCP reassembly', () => {
  it('segments in any order give the logged messages', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(), { minLength: packets.length, maxLength: packets.length }), (keys) => {
        // Shuffle within windows of 4 packets: out-of-order arrival, timestamps kept with each packet.
        const shuffled = packets.map((p, i) => ({ p, k: Math.floor(i / 4) * 1e9 + (keys[i] ?? 0) }));
        shuffled.sort((a, b) => a.k - b.k);
        const c = decode(shuffled.map((x) => x.p)).connections[0]!;
        expect(decodedMessages(c, 'client-to-server')).toEqual(loggedMessages(truth.clientSent));
        expect(decodedMessages(c, 'server-to-client')).toEqual(loggedMessages(truth.serverSent));
      }),
      { numRuns: 25 },
    );
  });

  it('retransmitted segments are counted once and said so', () => {
    const withDup = packets.flatMap((p, i) => (dataIndices.includes(i) ? [p, p] : [p]));
    const r = decode(withDup);
    expect(decodedMessages(r.connections[0]!, 'server-to-client')).toEqual(loggedMessages(truth.serverSent));
    expect(r.warnings.map((w) => w.message).join('\n')).toMatch(/\d+ retransmitted segment/);
  });

  it('overlapping segments are read once', () => {
    const big = dataIndices.find((i) => tcpPayloadLength(packets[i]!) > 100)!;
    const list = packets.flatMap((p, i) => (i === big ? split(p, 60, 20) : [p]));
    const c = decode(list).connections[0]!;
    expect(decodedMessages(c, 'client-to-server')).toEqual(loggedMessages(truth.clientSent));
  });

  it('a lost segment is a gap: nothing decoded across it, later frames found again, no garbage', () => {
    const lost = dataIndices[4]!; // the client's second message, after the handshake
    const r = decode(packets.filter((_, i) => i !== lost));
    const c = r.connections[0]!;
    expect(c.gaps).toHaveLength(1);
    const got = decodedMessages(c, 'client-to-server');
    const want = loggedMessages(truth.clientSent);
    // Every decoded message is a real one, in order: the truth minus what the gap swallowed.
    expect(want.join('\n')).toContain(got.slice(1).join('\n'));
    expect(got.length).toBeGreaterThanOrEqual(want.length - 2);
    expect(r.warnings.map((w) => w.message).join('\n')).toContain('gap');
  });

  it('a capture that starts mid-connection decodes from the first frame boundary, with a warning', () => {
    // Drop the SYNs, the handshake and the first exchanges; cut the first kept segment inside a frame.
    const start = dataIndices[6]!;
    const [, tail] = split(packets[start]!, 3);
    const r = decode([tail!, ...packets.slice(start + 1)]);
    expect(r.error).toBeNull();
    const c = r.connections[0]!;
    const text = r.warnings.map((w) => w.message).join('\n');
    expect(text).toContain('handshake was not captured');
    expect(text).toMatch(
      /the 22 bytes at stream offset 0 lead to no frame boundary before the confirmed one/,
    );
    expect(text).toContain('frames are trusted from stream offset 22 on');
    const want = loggedMessages(truth.serverSent);
    const got = decodedMessages(c, 'server-to-client');
    expect(got.length).toBeGreaterThan(0);
    expect(want.slice(want.length - got.length)).toEqual(got);
  });
});
