import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { importCapture, readCapture } from '../../../src/capture';
import { CaptureError } from '../../../src/capture/types';
import { fixture, writePcap } from './helpers';

const FILES = [
  'chromium-ws-plain.pcap',
  'chromium-ws-deflate.pcapng',
  'python-websockets-deflate-ns.pcap',
  'chromium-devtools.har',
  'python-websockets-plain-sll2.tshark-x.txt',
  'marked-hex.txt',
];

/**
 * Reads `bytes` the way importCapture does, but without its safety net: a file that cannot be read must be refused
 * with a CaptureError (a clear message); any other exception (TypeError, RangeError…) is a bug and fails the test.
 */
function readsOrRefuses(name: string, bytes: Uint8Array): void {
  try {
    readCapture(name, bytes);
  } catch (e) {
    if (!(e instanceof CaptureError)) throw e;
  }
  const r = importCapture(name, bytes);
  expect(r.error === null || typeof r.error === 'string').toBe(true);
  expect(Array.isArray(r.connections)).toBe(true);
}

describe('malformed input', () => {
  it('an empty file', () => {
    expect(importCapture('e', new Uint8Array(0)).error).toBe('the file is empty');
  });

  it('a truncated pcap keeps what it has and says the file is truncated', () => {
    const bytes = fixture('chromium-ws-plain.pcap');
    const r = importCapture('t.pcap', bytes.subarray(0, bytes.length - 30));
    expect(r.error).toBeNull();
    expect(r.warnings.map((w) => w.message).join()).toMatch(/truncated/);
  });

  it('a pcap shorter than its header', () => {
    expect(importCapture('t.pcap', Uint8Array.of(0xd4, 0xc3, 0xb2, 0xa1, 2, 0)).error).toMatch(
      /shorter than the 24-byte header/,
    );
  });

  it('wrong magic: binary that is no capture', () => {
    expect(importCapture('x.bin', Uint8Array.of(0xde, 0xad, 0xbe, 0xef, 0, 1, 2, 3)).error).toMatch(
      /not a capture Framescope reads/,
    );
  });

  it('a pcapng block with an absurd length', () => {
    const bytes = fixture('chromium-ws-deflate.pcapng').slice();
    new DataView(bytes.buffer).setUint32(4, 0xfffffff0, true);
    const r = importCapture('a.pcapng', bytes);
    expect(r.error).toBe('no WebSocket connection was found in this file');
    expect(r.warnings.map((w) => w.message).join()).toMatch(
      /claims 4294967280 bytes but the file ends first/,
    );
  });

  it('a pcap record with an absurd length is reported, not allocated', () => {
    const bytes = fixture('chromium-ws-plain.pcap').slice();
    new DataView(bytes.buffer).setUint32(24 + 8, 0x7fffffff, true);
    const r = importCapture('a.pcap', bytes);
    expect(r.error).toMatch(/no WebSocket connection/);
    expect(r.warnings.map((w) => w.message).join()).toMatch(/claims 2147483647 bytes/);
  });

  it('importCapture() never throws on arbitrary bytes, and no internal error hides behind its error string', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        readsOrRefuses('f', bytes);
      }),
      { numRuns: 300 },
    );
  });

  it('importCapture() never throws on corrupted or cut real files, and no internal error hides behind its error string', () => {
    const originals = FILES.map(fixture);
    fc.assert(
      fc.property(
        fc.nat(originals.length - 1),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 12 }),
        fc.option(fc.nat()),
        (which, flips, cut) => {
          const bytes = originals[which]!.slice();
          for (const [at, v] of flips) bytes[at % bytes.length] = v;
          const input = cut === null ? bytes : bytes.subarray(0, cut % (bytes.length + 1));
          readsOrRefuses('f', input);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('importCapture() never throws on arbitrary JSON or text, and no internal error hides behind its error string', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.json(),
          fc.string(),
          fc.constantFrom('{"log":{"entries":[{"_webSocketMessages":[1,null,{}]}]}}'),
        ),
        (text) => {
          readsOrRefuses('j', new TextEncoder().encode(text));
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('a capture without TCP', () => {
  it('says that no TCP packet was found (the packet list is consumed on the way: the count is kept first)', () => {
    // Raw IPv4 (link type 101) carrying UDP (protocol 17, RFC 791 / RFC 768): 20-byte header, 8-byte UDP header.
    const udp = new Uint8Array(28);
    udp.set([0x45, 0, 0, 28, 0, 0, 0, 0, 64, 17, 0, 0, 127, 0, 0, 1, 127, 0, 0, 1]);
    udp.set([0x30, 0x39, 0x00, 0x35, 0, 8, 0, 0], 20);
    const r = importCapture('udp.pcap', writePcap([{ time: 1, linkType: 101, data: udp }]));
    expect(r.error).toBe('no WebSocket connection was found in this file');
    expect(r.warnings.map((w) => w.message)).toContain('no TCP packets were found in the capture');
  });
});
