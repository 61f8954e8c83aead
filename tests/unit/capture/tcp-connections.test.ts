/**
 * TCP cases a real network produces and the importer must not get wrong, built by editing the packets of the real
 * Chromium capture: a reused port pair (a second connection with a new initial sequence number), retransmissions
 * whose bytes differ, and data carried on the SYN and SYN-ACK (TCP Fast Open). The truth is the capture's own log
 * of what each endpoint sent; where tshark is installed, it is asked what it makes of the same edited file.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importCapture, type CaptureImport } from '../../../src/capture';
import { parsePcap, type RawPacket } from '../../../src/capture/pcap';
import { decodedMessages, fixture, log, loggedMessages, writePcap } from './helpers';
import {
  ACK,
  ackOf,
  edit,
  flagsOf,
  hasTshark,
  payloadOf,
  seqOf,
  srcPort,
  SYN,
  tsharkFields,
} from './tcp-edit';

const NAME = 'chromium-ws-plain.pcap';
const packets = parsePcap(fixture(NAME)).packets;
const truth = log(NAME);
const clientPort = srcPort(packets.find((p) => flagsOf(p) === SYN)!);
const fromClient = (p: RawPacket) => srcPort(p) === clientPort;
const clientIsn = seqOf(packets.find((p) => flagsOf(p) === SYN)!);
const serverIsn = seqOf(packets.find((p) => flagsOf(p) === (SYN | ACK))!);
const dir = mkdtempSync(join(tmpdir(), 'framescope-tcp-'));

function save(name: string, list: RawPacket[]): { file: string; r: CaptureImport } {
  const bytes = writePcap(list, { linkType: 1 });
  const file = join(dir, name);
  writeFileSync(file, bytes);
  return { file, r: importCapture(name, bytes) };
}

function expectLogged(r: CaptureImport, index = 0) {
  const c = r.connections[index]!;
  expect(decodedMessages(c, 'client-to-server')).toEqual(loggedMessages(truth.clientSent));
  expect(decodedMessages(c, 'server-to-client')).toEqual(loggedMessages(truth.serverSent));
  expect(c.messages.every((m) => !m.afterGap)).toBe(true);
}

const warningsOf = (r: CaptureImport) => r.warnings.map((w) => w.message).join('\n');

describe('a reused port pair: a new SYN with a new initial sequence number is a new connection', () => {
  const last = packets[packets.length - 1]!.time;
  it.each([
    ['lower', -0x01000000, -0x00200000],
    ['higher', 0x00300000, 0x02000000],
  ])(
    'with a %s initial sequence number: both connections, each with its logged messages',
    (_, dc, ds) => {
      const again = packets.map((p) => {
        const client = fromClient(p);
        const flags = flagsOf(p);
        return edit(p, {
          seq: seqOf(p) + (client ? dc : ds),
          ...(flags & ACK ? { ack: ackOf(p) + (client ? ds : dc) } : {}),
          time: p.time + last + 1,
        });
      });
      const { file, r } = save(`reused-${dc}.pcap`, [...packets, ...again]);
      expect(r.error).toBeNull();
      expect(r.connections).toHaveLength(2);
      expect(r.connections[1]!.label).toBe(r.connections[0]!.label);
      expectLogged(r, 0);
      expectLogged(r, 1);
      expect(r.connections[1]!.frames[0]!.time).toBeGreaterThan(r.connections[0]!.duration);
      expect(warningsOf(r)).not.toMatch(/gap/);
      if (hasTshark) {
        // Wireshark gives the second connection a stream index of its own too.
        expect(new Set(tsharkFields(file, ['tcp.stream'])).size).toBe(2);
      }
    },
    60_000,
  );
});

describe('retransmissions whose bytes differ from the first copy', () => {
  // The client's third message, "héllo ✓ — unicode": its segment and the server's ACK of it.
  const at = packets.findIndex((p) => fromClient(p) && payloadOf(p).length === 28);
  const real = packets[at]!;
  const end = seqOf(real) + payloadOf(real).length;
  const ackAt = packets.findIndex((p, i) => i > at && !fromClient(p) && ackOf(p) >= end);
  // Flip bytes 10–13 of the segment: inside the masked payload, so its UTF-8 breaks (0xff ^ 'l' = 0x93).
  const bogusPayload = payloadOf(real).map((b, i) => (i >= 10 && i < 14 ? b ^ 0xff : b));
  const bogus = (time: number) => edit(real, { payload: bogusPayload, time });
  const streamOffset = (seqOf(real) - (clientIsn + 1) + 10) >>> 0;

  it('a bad first copy, never acknowledged: the retransmission is used, and the warning says where they differ', () => {
    const list = [...packets.slice(0, at), bogus(real.time - 0.0005), ...packets.slice(at)];
    const { file, r } = save('bad-first.pcap', list);
    expectLogged(r);
    const w = warningsOf(r);
    expect(w).toContain(`client → server: two captured copies of stream bytes`);
    expect(w).toContain(`differ, first at stream offset ${streamOffset}`);
    expect(w).toContain('the retransmission was used: no acknowledgment of the first copy was captured');
    if (hasTshark) {
      // tshark sees the same thing: the second copy is a retransmission of the first.
      expect(tsharkFields(file, ['frame.number'], 'tcp.analysis.retransmission')).toEqual([String(at + 2)]);
    }
  }, 60_000);

  it('a bad retransmission after the receiver acknowledged the first copy: the first copy is used', () => {
    const later = packets[ackAt]!.time + 0.0005;
    const list = [...packets.slice(0, ackAt + 1), bogus(later), ...packets.slice(ackAt + 1)];
    const { r } = save('bad-retransmission.pcap', list);
    expectLogged(r);
    const w = warningsOf(r);
    expect(w).toContain(`differ, first at stream offset ${streamOffset}`);
    expect(w).toMatch(/the first copy was used: the receiver acknowledged those bytes at [\d.]+ ms/);
  });

  it('identical copies are no conflict', () => {
    const { r } = save('same.pcap', [...packets.slice(0, ackAt + 1), real, ...packets.slice(ackAt + 1)]);
    expectLogged(r);
    expect(warningsOf(r)).not.toContain('differ');
    expect(warningsOf(r)).toContain('1 retransmitted segment counted once');
  });
});

describe('TCP Fast Open: data on the SYN and the SYN-ACK is part of the stream', () => {
  const req = packets.findIndex((p) => fromClient(p) && payloadOf(p).length > 0);
  const res = packets.findIndex((p) => !fromClient(p) && payloadOf(p).length > 0);
  const synAt = packets.findIndex((p) => flagsOf(p) === SYN);
  const synAckAt = packets.findIndex((p) => flagsOf(p) === (SYN | ACK));

  it('the upgrade request carried on the SYN (and the 101 on the SYN-ACK) opens the WebSocket', () => {
    // Sequence numbers stay valid: the request starts at ISN + 1, which is where the SYN's data starts.
    expect(seqOf(packets[req]!)).toBe((clientIsn + 1) >>> 0);
    expect(seqOf(packets[res]!)).toBe((serverIsn + 1) >>> 0);
    const list = packets
      .map((p, i) =>
        i === synAt
          ? edit(p, { payload: payloadOf(packets[req]!) })
          : i === synAckAt
            ? edit(p, { payload: payloadOf(packets[res]!) })
            : p,
      )
      .filter((_, i) => i !== req && i !== res);
    const { file, r } = save('fast-open.pcap', list);
    expect(r.error).toBeNull();
    expect(r.connections[0]!.request).toMatch(/^GET \/chat HTTP\/1\.1\r\n/);
    expect(r.connections[0]!.response).toMatch(/^HTTP\/1\.1 101 /);
    expectLogged(r);
    if (hasTshark) {
      // tshark reads the request from the SYN too.
      expect(tsharkFields(file, ['frame.number'], 'http.request')).toEqual([String(synAt + 1)]);
    }
  }, 60_000);
});

describe("the server's answer to the upgrade was not captured", () => {
  it("the client's messages are all there, and the server's are read from the first confirmed frame boundary", () => {
    const res = packets.findIndex((p) => !fromClient(p) && payloadOf(p).length > 0);
    expect(new TextDecoder().decode(payloadOf(packets[res]!))).toMatch(/^HTTP\/1\.1 101 [^]*\r\n\r\n$/);
    const { r } = save(
      'no-101.pcap',
      packets.filter((_, i) => i !== res),
    );
    expect(warningsOf(r)).toContain("the upgrade request was captured but not the server's answer");
    expectLogged(r);
  });
});
