import { describe, expect, it } from 'vitest';
import { importCapture } from '../../../src/capture';
import { parsePcap } from '../../../src/capture/pcap';
import {
  decodedMessages,
  fixture,
  log,
  loggedMessages,
  relink,
  toIpv6,
  writePcap,
  writePcapng,
} from './helpers';

const NAME = 'chromium-ws-plain.pcap';
const packets = parsePcap(fixture(NAME)).packets;
const truth = log(NAME);

function expectTruth(bytes: Uint8Array, name = 'x') {
  const r = importCapture(name, bytes);
  expect(r.error).toBeNull();
  expect(r.connections).toHaveLength(1);
  const c = r.connections[0]!;
  expect(decodedMessages(c, 'client-to-server')).toEqual(loggedMessages(truth.clientSent));
  expect(decodedMessages(c, 'server-to-client')).toEqual(loggedMessages(truth.serverSent));
  return r;
}

describe('pcap and pcapng containers', () => {
  it('parsePcap() reads microsecond timestamps', () => {
    expect(packets.length).toBeGreaterThan(20);
    expect(packets[0]!.time).toBeGreaterThan(1.7e9);
  });

  for (const little of [true, false]) {
    for (const nano of [false, true]) {
      it(`pcap ${little ? 'little' : 'big'}-endian, ${nano ? 'nanosecond' : 'microsecond'}: same messages and times`, () => {
        const r = expectTruth(writePcap(packets, { little, nano }));
        expect(r.format).toBe('pcap');
        const original = importCapture(NAME, fixture(NAME)).connections[0]!;
        const times = r.connections[0]!.frames.map((f) => f.time);
        original.frames.forEach((f, i) => expect(times[i]).toBeCloseTo(f.time, 2));
      });
    }
  }

  for (const little of [true, false]) {
    it(`pcapng ${little ? 'little' : 'big'}-endian, three interfaces, nanosecond if_tsresol`, () => {
      const r = expectTruth(writePcapng(packets, { little, interfaces: 3, nanoResolution: true }));
      expect(r.format).toBe('pcapng');
    });
  }

  it('pcapng with simple packet blocks (no timestamps) still decodes', () => {
    expectTruth(writePcapng(packets, { simple: true }));
  });

  for (const [linkType, name] of [
    [0, 'BSD null'],
    [108, 'BSD loop'],
    [101, 'raw IP'],
    [113, 'Linux SLL'],
    [276, 'Linux SLL2'],
  ] as const) {
    it(`link type ${name} (${linkType})`, () => {
      expectTruth(
        writePcap(
          packets.map((p) => relink(p, linkType)),
          { linkType },
        ),
      );
    });
  }

  it('Ethernet with an 802.1Q VLAN tag', () => {
    const tagged = packets.map((p) => ({
      ...p,
      data: new Uint8Array([...p.data.subarray(0, 12), 0x81, 0x00, 0x00, 0x07, ...p.data.subarray(12)]),
    }));
    expectTruth(writePcap(tagged));
  });

  it('IPv6 over Ethernet', () => {
    const r = expectTruth(writePcap(packets.map(toIpv6)));
    expect(r.connections[0]!.label).toBe('[::1]:41232 → [::1]:9201');
  });

  it('an unknown link type is named in a warning', () => {
    const r = importCapture('x', writePcap(packets, { linkType: 147 }));
    expect(r.error).toBe('no WebSocket connection was found in this file');
    expect(r.warnings.map((w) => w.message).join()).toContain('link type 147');
  });
});
