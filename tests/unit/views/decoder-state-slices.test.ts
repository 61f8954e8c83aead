import { describe, expect, it } from 'vitest';
import { decodeStream } from '../../../src/codec/stream';
import { packStream, unpackStream, unpackStreamSteps } from '../../../src/lib/transfer/stream';
import { runInSlices } from '../../../src/lib/in-slices';

/** The Decoder rebuilds a worker's result with runInSlices(unpackStreamSteps(packed)). */
describe('runInSlices()', () => {
  const bytes = new Uint8Array(60_000).fill(0x81).map((b, i) => (i % 2 ? 0 : b)); // 30,000 empty text frames

  it('hands the thread back between slices and resolves with the generator’s result', async () => {
    const packed = packStream(decodeStream(bytes));
    let otherTasks = 0;
    const ticker = setInterval(() => otherTasks++, 0);
    const result = await runInSlices(unpackStreamSteps(packed, 100));
    clearInterval(ticker);
    expect(result).toEqual(unpackStream(packed));
    expect(result?.frames).toHaveLength(30_000);
    expect(otherTasks).toBeGreaterThan(0);
  });

  it('stops at the first slice boundary once cancelled, and resolves with null', async () => {
    let steps = 0;
    function* endless(): Generator<void, string, void> {
      for (;;) {
        steps++;
        yield;
      }
    }
    let cancelled = false;
    const done = runInSlices(endless(), () => cancelled);
    await new Promise((r) => setTimeout(r, 30));
    cancelled = true;
    expect(await done).toBeNull();
    const after = steps;
    await new Promise((r) => setTimeout(r, 20));
    expect(steps).toBe(after);
  });
});
