/**
 * A message's `data` is memory of its own: transferring one message's buffer (as the app does to a Web Worker)
 * detaches that buffer only, never the next message's bytes.
 */
import { describe, expect, it } from 'vitest';
import { createReceiver, type ReceiverEvent } from '../../../src/codec/index';
import { cat, wire } from './wire';

const fill = (n: number, byte: number) => new Uint8Array(n).fill(byte);
const messages = (events: ReceiverEvent[]) =>
  events.filter((e): e is Extract<ReceiverEvent, { type: 'message' }> => e.type === 'message');

describe('createReceiver() message memory', () => {
  for (const [size, frameEvents] of [1, 64, 65, 100, 4096, 5000, 70_000].flatMap((n) => [
    [n, true] as const,
    [n, false] as const,
  ])) {
    it(`transferring one ${size}-byte message's buffer leaves the next message intact (whole and fragmented, frame events ${frameEvents ? 'on' : 'off'})`, () => {
      const bytes = cat(
        wire({ opcode: 2, payload: fill(size, 0xa1) }),
        wire({ opcode: 2, payload: fill(size, 0xb2) }),
        wire({ opcode: 2, fin: false, payload: fill(size, 0xc3) }),
        wire({ opcode: 0, payload: fill(size, 0xc3) }),
        wire({ opcode: 2, payload: fill(size, 0xd4) }),
      );
      const got = messages(createReceiver({ role: 'server', frameEvents }).push(bytes));
      expect(got.map((m) => m.data.length)).toEqual([size, size, 2 * size, size]);
      for (let i = 0; i < got.length - 1; i++) {
        const { data } = got[i]!;
        structuredClone(data, { transfer: [data.buffer] });
        expect(data.length).toBe(0);
        const next = got[i + 1]!.data;
        expect(next.length).toBe(i === 1 ? 2 * size : size);
        expect(next.every((b) => b === next[0])).toBe(true);
      }
      // Each buffer holds one message (and at most 3 bytes of alignment before it).
      for (const m of got) expect(m.data.buffer.byteLength - m.data.length).toBeLessThan(4);
    });
  }

  it('a fragmented message gathered in place keeps a buffer of at most twice its size, alone', () => {
    // Sizes that shrink and grow, so the receiver's guess from the last message is too large or too small.
    const sizes = [3000, 10, 700, 1, 5000, 64, 65];
    const bytes = cat(
      ...sizes.flatMap((n, i) => [
        wire({ opcode: 2, fin: false, payload: fill(n, i) }),
        wire({ opcode: 0, fin: false, payload: fill(n, i) }),
        wire({ opcode: 0, payload: fill(1, i) }),
      ]),
    );
    const got = messages(createReceiver({ role: 'server', frameEvents: false }).push(bytes));
    expect(got.map((m) => m.data.length)).toEqual(sizes.map((n) => 2 * n + 1));
    for (const [i, m] of got.entries()) {
      expect(m.data.every((b) => b === i)).toBe(true);
      expect(m.data.buffer.byteLength).toBeLessThanOrEqual(2 * m.data.length);
    }
    const buffers = new Set(got.map((m) => m.data.buffer));
    expect(buffers.size).toBe(got.length);
  });
});
