import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseHex } from '../../../src/codec/hex';
import { pairPingPongs, type PingPongFrame } from '../../../src/codec/ping-pong';
import { decodeStream } from '../../../src/codec/stream';

const enc = new TextEncoder();
const C2S = 'client-to-server' as const;
const S2C = 'server-to-client' as const;
const ping = (direction: PingPongFrame['direction'], text: string, time?: number): PingPongFrame => ({
  direction,
  opcode: 9,
  payload: enc.encode(text),
  ...(time === undefined ? {} : { time }),
});
const pong = (direction: PingPongFrame['direction'], text: string, time?: number): PingPongFrame => ({
  ...ping(direction, text, time),
  opcode: 10,
});

describe('pairPingPongs()', () => {
  it('pairs the RFC 6455 §5.7 unmasked ping with the masked pong, without latency when frames have no times', () => {
    // §5.7: "Unmasked Ping request: 0x89 0x05 0x48 0x65 0x6c 0x6c 0x6f" and
    // "masked Ping response: 0x8a 0x85 0x37 0xfa 0x21 0x3d 0x7f 0x9f 0x4d 0x51 0x58".
    const r = parseHex('89 05 48 65 6c 6c 6f 8a 85 37 fa 21 3d 7f 9f 4d 51 58');
    if (!r.ok) throw new Error(r.error);
    const frames = decodeStream(r.bytes).frames;
    expect(frames.map((f) => f.direction)).toEqual([S2C, C2S]);
    const notes = pairPingPongs(frames);
    expect(notes.get(0)).toEqual({ kind: 'ping', pong: 1, latencyMs: null, superseded: false });
    expect(notes.get(1)).toEqual({ kind: 'pong', ping: 0, latencyMs: null, payloadMatches: true });
  });

  it('gives the latency when both frames have times', () => {
    const notes = pairPingPongs([ping(S2C, 'Hello', 10), pong(C2S, 'Hello', 13.25)]);
    expect(notes.get(1)).toMatchObject({ ping: 0, latencyMs: 3.25 });
    expect(notes.get(0)).toMatchObject({ pong: 1, latencyMs: 3.25 });
  });

  it('leaves an unsolicited pong (a heartbeat) unpaired', () => {
    const notes = pairPingPongs([pong(C2S, 'beat'), ping(C2S, 'x')]);
    expect(notes.get(0)).toEqual({ kind: 'pong', ping: null, latencyMs: null, payloadMatches: true });
    expect(notes.get(1)).toMatchObject({ kind: 'ping', pong: null });
  });

  it('does not pair a pong with a ping from its own side', () => {
    const notes = pairPingPongs([ping(C2S, 'a'), pong(C2S, 'a')]);
    expect(notes.get(1)).toMatchObject({ ping: null });
    expect(notes.get(0)).toMatchObject({ pong: null });
  });

  it('flags a pong whose Application data differs from its ping (§5.5.3: MUST be identical)', () => {
    const notes = pairPingPongs([ping(S2C, 'Hello'), pong(C2S, 'Hellp')]);
    expect(notes.get(1)).toMatchObject({ ping: 0, payloadMatches: false });
  });

  it('pairs several pings in flight by payload, whatever the order of the pongs', () => {
    const notes = pairPingPongs([
      ping(C2S, '1', 0),
      ping(C2S, '2', 1),
      ping(S2C, 'other way', 2),
      pong(S2C, '2', 5),
      pong(S2C, '1', 9),
      pong(C2S, 'other way', 10),
    ]);
    expect(notes.get(3)).toMatchObject({ ping: 1, latencyMs: 4, payloadMatches: true });
    expect(notes.get(4)).toMatchObject({ ping: 0, latencyMs: 9, payloadMatches: true });
    expect(notes.get(5)).toMatchObject({ ping: 2, latencyMs: 8 });
    expect(notes.get(0)).toMatchObject({ pong: 4, superseded: false });
  });

  it('answers the most recent of equal pings, and marks the older one superseded (§5.5.3 allows one pong)', () => {
    const notes = pairPingPongs([ping(C2S, ''), ping(C2S, ''), pong(S2C, '')]);
    expect(notes.get(2)).toMatchObject({ ping: 1 });
    expect(notes.get(0)).toMatchObject({ pong: null, superseded: true });
    expect(notes.get(1)).toMatchObject({ pong: 2, superseded: false });
  });

  it('never pairs one ping twice, and every pairing points both ways (any sequence)', () => {
    const frame = fc.record({
      direction: fc.constantFrom(C2S, S2C),
      opcode: fc.constantFrom(1, 2, 8, 9, 10),
      payload: fc.uint8Array({ maxLength: 2 }),
      time: fc.option(fc.integer({ min: 0, max: 1000 })),
    });
    fc.assert(
      fc.property(fc.array(frame, { maxLength: 40 }), (frames) => {
        const notes = pairPingPongs(frames);
        const used = new Set<number>();
        for (const [i, n] of notes) {
          expect(frames[i]!.opcode).toBe(n.kind === 'ping' ? 9 : 10);
          if (n.kind === 'pong' && n.ping !== null) {
            expect(used.has(n.ping)).toBe(false);
            used.add(n.ping);
            expect(n.ping).toBeLessThan(i);
            expect(frames[n.ping]!.direction).not.toBe(frames[i]!.direction);
            expect(notes.get(n.ping)).toMatchObject({ kind: 'ping', pong: i });
          }
          if (n.kind === 'ping' && n.pong !== null) expect(notes.get(n.pong)).toMatchObject({ ping: i });
        }
      }),
    );
  });
});
