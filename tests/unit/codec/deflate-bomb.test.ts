import { constants, deflateRawSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importCapture } from '../../../src/capture';
import { DEFAULT_MAX_MESSAGE_SIZE } from '../../../src/codec/limits';
import { decodeStream } from '../../../src/codec/stream';
import { toHex } from '../../../src/codec/hex';

/**
 * A permessage-deflate message (RFC 7692 §7.2.1: deflate, then drop the 00 00 ff ff of a sync flush) of `size`
 * zero bytes, compressed by Node's zlib (a second implementation), in one unmasked binary frame with RSV1.
 */
function bombFrame(size: number): Uint8Array {
  const deflated = deflateRawSync(Buffer.alloc(size), { finishFlush: constants.Z_SYNC_FLUSH });
  const payload = deflated.subarray(0, deflated.length - 4);
  const n = payload.length;
  // RFC 6455 §5.2: 7-bit length, or 126 + 16 bits, or 127 + 64 bits (the payloads here stay under 2^32).
  const header =
    n < 126
      ? [0xc2, n]
      : n < 65536
        ? [0xc2, 126, n >> 8, n & 0xff]
        : [0xc2, 127, 0, 0, 0, 0, n >>> 24, (n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff];
  return Uint8Array.from([...header, ...payload]);
}

// 256 MiB of zeros deflate to about 256 KB: four times the default limit.
const BOMB_SIZE = 256 * 1024 * 1024;

describe('a deflate bomb stops at the default 64 MiB message limit', () => {
  const frame = bombFrame(60_000);

  it('decodeStream() accepts a small compressed message (the helper is a valid frame)', () => {
    const r = decodeStream(frame, { permessageDeflate: {} });
    expect(r.failure).toBeNull();
    expect(r.messages[0]?.data.length).toBe(60_000);
  });

  it('decodeStream() without a limit fails with 1009 (message-too-big) at 64 MiB, not after inflating 256 MiB', () => {
    const bomb = bombFrame(BOMB_SIZE);
    expect(bomb.length).toBeLessThan(400_000);
    const r = decodeStream(bomb, { permessageDeflate: {} });
    expect(r.failure?.closeCode).toBe(1009);
    expect(r.failure?.violation.id).toBe('message-too-big');
    expect(r.failure?.violation.message).toContain(String(DEFAULT_MAX_MESSAGE_SIZE));
    expect(r.messages).toHaveLength(0);
  });

  it('decodeStream() takes a smaller limit as an option', () => {
    const r = decodeStream(frame, { permessageDeflate: {}, maxMessageSize: 1000 });
    expect(r.failure?.closeCode).toBe(1009);
  });

  it('importCapture() of pasted hex holding the bomb reports 1009 instead of a 256 MiB message', () => {
    const text = toHex(bombFrame(BOMB_SIZE));
    const r = importCapture('bomb.txt', new TextEncoder().encode(text));
    const messages = r.connections.flatMap((c) => c.messages);
    expect(messages.every((m) => m.data.length <= DEFAULT_MAX_MESSAGE_SIZE)).toBe(true);
    const said = [
      ...r.warnings.map((w) => w.message),
      ...r.connections.flatMap((c) => c.frames.flatMap((f) => f.violations.map((v) => v.message))),
    ].join('\n');
    expect(said).toMatch(/accepts at most 67108864/);
  });
});

describe('importCapture() takes the message limit as an option', () => {
  const pcap = new Uint8Array(
    readFileSync(new URL('../../fixtures/capture/chromium-ws-plain.pcap', import.meta.url)),
  );

  it('a real Chromium capture decodes whole by default and fails with 1009 under a limit below its largest message', () => {
    const whole = importCapture('a.pcap', pcap);
    const sizes = whole.connections.flatMap((c) => c.messages.map((m) => m.data.length));
    const largest = Math.max(...sizes);
    expect(largest).toBeGreaterThan(100);
    const failures = (r: ReturnType<typeof importCapture>) =>
      r.connections.flatMap((c) => c.frames.flatMap((f) => f.violations.filter((v) => v.closeCode === 1009)));
    expect(failures(whole)).toEqual([]);

    const limited = importCapture('a.pcap', pcap, { maxMessageSize: largest - 1 });
    expect(failures(limited).length).toBeGreaterThan(0);
    expect(failures(limited)[0]?.message).toContain(`accepts at most ${largest - 1}`);
    expect(limited.connections.flatMap((c) => c.messages).every((m) => m.data.length < largest)).toBe(true);
  });
});
