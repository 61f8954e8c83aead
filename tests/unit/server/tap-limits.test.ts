/**
 * The tap's memory is bounded in bytes, against real `ws` clients: a tap that stops reading, 300 × 1 MiB messages for
 * an id nobody watches, many ids. What the server holds is read from its own counter (`tapUsage`), never from RSS.
 * Every frame is accounted for: shown on the tap, or counted in a `dropped` message.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { TapMessage } from '../../../src/lib/tap-protocol';
import { openTap, startServer, type Running, type TapClient } from './helpers';

const MiB = 1024 * 1024;
const LIMITS = {
  perTapBytes: 4 * MiB,
  totalBytes: 10 * MiB,
  heldPerIdBytes: 2 * MiB,
  holdMs: 60_000,
  maxUnwatchedIds: 8,
};

let server: Running;
beforeAll(async () => {
  server = await startServer({ tapLimits: LIMITS });
});
afterAll(() => server.stop());

/** Sends `count` binary messages of `size` bytes one after another, each after its echo; tracks the hub's peak. */
async function pump(live: WebSocket, count: number, size: number): Promise<number> {
  const payload = Buffer.alloc(size, 0x5a);
  let peak = 0;
  for (let i = 0; i < count; i++) {
    const echoed = new Promise((r) => live.once('message', r));
    live.send(payload);
    await echoed;
    peak = Math.max(peak, server.endpoints.tapUsage().bytes);
  }
  return peak;
}

function openLive(id: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(server.url(`/echo?tap=${id}`), { perMessageDeflate: false, maxPayload: 0 });
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

/** Frames the tap showed, plus frames its `dropped` messages counted. */
function accounted(messages: TapMessage[]): { shown: number; dropped: number; markers: TapMessage[] } {
  const markers = messages.filter((m) => m.type === 'dropped');
  return {
    shown: messages.filter((m) => m.type === 'frame').length,
    dropped: markers.reduce((n, m) => n + (m.type === 'dropped' ? m.frames : 0), 0),
    markers,
  };
}

async function closeAndWaitForEnd(live: WebSocket, tap: TapClient): Promise<void> {
  live.close(1000);
  await tap.waitFor((m) => m.type === 'end');
}

describe('the tap’s byte caps', () => {
  it('a tap that stops reading: the server holds at most its per-tap cap, then drops with a marker', async () => {
    const tap = await openTap(server);
    const socket = (tap.ws as unknown as { _socket: import('node:net').Socket })._socket;
    socket.pause();
    const live = await openLive(tap.id);
    const peak = await pump(live, 300, MiB);
    // The kernel takes a few MiB of socket buffers; the server's own queue stays under the cap.
    expect(peak).toBeGreaterThan(MiB);
    expect(peak).toBeLessThanOrEqual(LIMITS.perTapBytes);
    socket.resume();
    await closeAndWaitForEnd(live, tap);
    const { shown, dropped, markers } = accounted(tap.messages);
    // 300 messages each way, plus both close frames.
    expect(shown + dropped).toBe(602);
    expect(dropped).toBeGreaterThan(500);
    const first = markers[0];
    if (first?.type !== 'dropped') throw new Error('no dropped marker');
    expect(first.reason).toContain('the tap read too slowly');
    expect(first.bytes).toBeGreaterThanOrEqual(first.frames * MiB);
    tap.ws.close();
  }, 60_000);

  it('300 × 1 MiB for an id nobody watches: held within its cap, then shown with the marker when a tap attaches', async () => {
    const owner = await openTap(server);
    owner.ws.close();
    await new Promise((r) => owner.ws.once('close', r));
    const live = await openLive(owner.id);
    const peak = await pump(live, 300, MiB);
    expect(peak).toBeGreaterThan(MiB);
    expect(peak).toBeLessThanOrEqual(LIMITS.heldPerIdBytes);

    const tap = await openTap(server, owner.id);
    await closeAndWaitForEnd(live, tap);
    const { shown, dropped, markers } = accounted(tap.messages);
    expect(shown + dropped).toBe(602);
    expect(markers[0]).toMatchObject({ type: 'dropped', reason: expect.stringContaining('nobody watched') });
    // Everything held was handed over: the server holds nothing for this id any more.
    expect(server.endpoints.tapUsage().bytes).toBeLessThan(MiB);
    tap.ws.close();
  }, 60_000);

  it('many ids nobody watches: at most maxUnwatchedIds are kept, and the oldest are forgotten', async () => {
    const before = server.endpoints.tapUsage().ids;
    const taps = await Promise.all(Array.from({ length: 40 }, () => openTap(server)));
    expect(server.endpoints.tapUsage().ids).toBe(before + 40);
    for (const t of taps) t.ws.close();
    await Promise.all(taps.map((t) => new Promise((r) => t.ws.once('close', r))));
    // Closes are handled as the server reads them: wait for the count to settle.
    while (server.endpoints.tapUsage().ids > LIMITS.maxUnwatchedIds)
      await new Promise((r) => setTimeout(r, 10));
    expect(server.endpoints.tapUsage().ids).toBe(LIMITS.maxUnwatchedIds);
    // The forgotten ids are refused to connections (400); the kept ones still hold, within their cap.
    const tries = await Promise.allSettled(taps.map((t) => openLive(t.id)));
    const kept = tries.flatMap((t) => (t.status === 'fulfilled' ? [t.value] : []));
    expect(kept.length).toBeLessThanOrEqual(LIMITS.maxUnwatchedIds);
    expect(kept.length).toBeGreaterThan(0);
    for (const t of tries) if (t.status === 'rejected') expect(String(t.reason)).toMatch(/400/);
    const [live, ...others] = kept;
    for (const o of others) o.terminate();
    await pump(live!, 10, MiB);
    expect(server.endpoints.tapUsage().bytes).toBeLessThanOrEqual(LIMITS.heldPerIdBytes);
    live!.terminate();
  }, 60_000);

  it('the total cap binds several ids at once', async () => {
    const owners = await Promise.all(Array.from({ length: 8 }, () => openTap(server)));
    for (const o of owners) o.ws.close();
    await Promise.all(owners.map((o) => new Promise((r) => o.ws.once('close', r))));
    const lives = await Promise.all(owners.map((o) => openLive(o.id)));
    let peak = 0;
    for (const live of lives) peak = Math.max(peak, await pump(live, 4, MiB));
    // Each id may hold one 1 MiB frame (about 1.4 MiB of JSON): eight would be over 11 MiB, past the 10 MiB total.
    expect(peak).toBeLessThanOrEqual(LIMITS.totalBytes);
    expect(peak).toBeGreaterThan(LIMITS.totalBytes - 2 * MiB);
    // The last id found the total full: its tap is told so.
    const last = await openTap(server, owners.at(-1)!.id);
    const marker = await last.waitFor((m) => m.type === 'dropped');
    expect(marker).toMatchObject({ reason: expect.stringContaining('for all taps together') });
    last.ws.close();
    for (const live of lives) live.terminate();
  }, 60_000);
});
