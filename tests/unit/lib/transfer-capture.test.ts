import { readdirSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { importCapture } from '../../../src/capture';
import {
  captureTransferables,
  packCapture,
  unpackCapture,
  unpackCaptureSteps,
} from '../../../src/lib/transfer/capture';
import { parsePcapng } from '../../../src/capture/pcapng';
import { fixture, FIXTURES, writePcap } from '../capture/helpers';

const CAPTURES = readdirSync(FIXTURES).filter((n) =>
  /\.(pcap|pcapng|har)$|-x\.txt$|^marked-hex\.txt$/.test(n),
);
/** HAR fixtures made on purpose without WebSocket messages (they test the explanation of an empty HAR). */
const WITHOUT_MESSAGES = [
  'har-no-messages/chrome-har-no-messages.har',
  'har-no-messages/mitmproxy-har-dump.har',
];

describe('packCapture() / unpackCapture()', () => {
  it.each(CAPTURES.filter((n) => !WITHOUT_MESSAGES.includes(n)))(
    'give back every connection, frame and message of %s through a transfer',
    (name) => {
      const c = importCapture(name, fixture(name));
      expect(c.connections.length).toBeGreaterThan(0);
      expect(c.connections[0]!.frames.length).toBeGreaterThan(0);
      const packed = packCapture(c);
      const moved = structuredClone(packed, { transfer: captureTransferables(packed) });
      // Transferred, not copied: the sender's buffers are detached.
      expect(packed.connections[0]!.frameBytes.length).toBe(0);
      expect(unpackCapture(moved)).toEqual(c);
    },
  );

  it.each(WITHOUT_MESSAGES)(
    'give back the error and warnings of %s, which has no WebSocket messages',
    (name) => {
      const c = importCapture(name, fixture(name));
      expect(c.connections).toEqual([]);
      expect(c.error).not.toBeNull();
      expect(unpackCapture(packCapture(c))).toEqual(c);
    },
  );

  it('keep an error and warnings, and any marked hex input', () => {
    const bad = importCapture('x.pcap', new Uint8Array([0xd4, 0xc3, 0xb2, 0xa1, 0, 0]));
    expect(bad.error).not.toBeNull();
    expect(unpackCapture(packCapture(bad))).toEqual(bad);
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.boolean(), fc.uint8Array({ maxLength: 12 })), { maxLength: 8 }),
        (lines) => {
          const text = lines
            .map(
              ([client, b]) =>
                `${client ? '>' : '<'} ${[...b].map((x) => x.toString(16).padStart(2, '0')).join(' ')}`,
            )
            .join('\n');
          const c = importCapture('fuzz.txt', new TextEncoder().encode(text || '> 81 00'));
          const packed = packCapture(c);
          expect(unpackCapture(structuredClone(packed, { transfer: captureTransferables(packed) }))).toEqual(
            c,
          );
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('packCapture() after a TCP gap', () => {
  it('keeps which frames and messages are unconfirmed', () => {
    const name = 'chromium-ws-large.pcapng';
    const packets = parsePcapng(fixture(name)).packets;
    // Lose the packet in the middle of the server's 70,000-byte message that holds frames as its data.
    const damaged = packets.filter((_, i) => i !== Math.floor(packets.length * 0.85));
    const c = importCapture(name, writePcap(damaged, { linkType: packets[0]!.linkType }));
    const unconfirmed = c.connections[0]!.messages.filter((m) => m.afterGap).length;
    expect(unconfirmed).toBeGreaterThan(0);
    const back = unpackCapture(packCapture(c));
    expect(back).toEqual(c);
    expect(back.connections[0]!.frames.some((f) => f.afterGap)).toBe(true);
    expect(back.connections[0]!.messages.filter((m) => m.afterGap)).toHaveLength(unconfirmed);
  }, 60_000);
});

describe('unpackCaptureSteps()', () => {
  it('yields between slices of frames and messages, and returns what unpackCapture returns', () => {
    const c = importCapture('chromium-ws-plain.pcap', fixture('chromium-ws-plain.pcap'));
    const [conn] = c.connections;
    const packed = packCapture(c);
    const steps = unpackCaptureSteps(packed, 5);
    let yields = 0;
    let s = steps.next();
    while (!s.done) {
      yields++;
      s = steps.next();
    }
    expect(yields).toBe(Math.floor(conn!.frames.length / 5) + Math.floor(conn!.messages.length / 5));
    expect(s.value).toEqual(c);
  });
});
