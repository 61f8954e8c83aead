/**
 * Nothing invented after a TCP gap: every capture fixture, with each packet that carries data (or a SYN or FIN)
 * dropped in turn, may mark messages as unconfirmed, but every message it does not mark was really sent.
 * "Really sent" comes from each fixture's own log (what the endpoints logged they sent) where the log lists the
 * messages; for the protocol fixtures, whose logs list protocol units, from the undamaged capture, whose messages
 * tests/unit/subprotocol/ checks against those peers' logs.
 */
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportSession, importCapture, type CaptureImport } from '../../../src/capture';
import { parseIp } from '../../../src/capture/ip';
import { ipPayload } from '../../../src/capture/link-layer';
import { parsePcap, type RawPacket } from '../../../src/capture/pcap';
import { parsePcapng } from '../../../src/capture/pcapng';
import { FIXTURES, fixture, log, writePcap } from './helpers';

const ROOT = join(FIXTURES, '..');
function captures(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? captures(join(dir, e.name))
      : /\.pcap(ng)?$/.test(e.name)
        ? [relative(FIXTURES, join(dir, e.name))]
        : [],
  );
}
const FILES = [...captures(FIXTURES), ...captures(join(ROOT, 'subprotocol')).map((f) => f)];

const b64 = (d: Uint8Array) => Buffer.from(d).toString('base64');
type Counts = Map<string, number>;
const add = (m: Counts, k: string) => m.set(k, (m.get(k) ?? 0) + 1);

function messageKeys(r: CaptureImport, unmarkedOnly: boolean): string[] {
  return r.connections.flatMap((c) =>
    c.messages
      .filter((m) => !unmarkedOnly || !m.afterGap)
      .map((m) => `${m.direction}|${m.text !== null ? `text:${m.text}` : `binary:${b64(m.data)}`}`),
  );
}
function frameKeys(r: CaptureImport, unmarkedOnly: boolean): string[] {
  return r.connections.flatMap((c) =>
    c.frames.filter((f) => !unmarkedOnly || !f.afterGap).map((f) => `${f.direction}|${b64(f.bytes)}`),
  );
}

/** Keys present more often in `got` than in `truth`. */
function beyond(got: string[], truth: Counts): string[] {
  const seen: Counts = new Map();
  return got.filter((k) => (add(seen, k).get(k) ?? 0) > (truth.get(k) ?? 0));
}

function truthOf(name: string, whole: CaptureImport): Counts {
  const counts: Counts = new Map();
  const entries = name.startsWith('..') ? null : log(name);
  if (entries && Array.isArray(entries.clientSent) && Array.isArray(entries.serverSent)) {
    const side = (d: string, list: typeof entries.clientSent) => {
      for (const e of list ?? [])
        if (e.type === 'text') add(counts, `${d}|text:${e.text}`);
        else if (e.type === 'binary') add(counts, `${d}|binary:${e.base64}`);
    };
    side('client-to-server', entries.clientSent);
    side('server-to-client', entries.serverSent);
    // The undamaged capture holds exactly the logged messages: the log is the truth, not our decoder.
    expect(beyond(messageKeys(whole, false), counts)).toEqual([]);
    return counts;
  }
  for (const k of messageKeys(whole, false)) add(counts, k);
  return counts;
}

function packetsOf(bytes: Uint8Array): RawPacket[] {
  return (bytes[0] === 0x0a && bytes[1] === 0x0d ? parsePcapng(bytes) : parsePcap(bytes)).packets;
}

/** Packets whose loss changes a stream: data, SYN or FIN. */
function mattering(p: RawPacket): boolean {
  const ip = ipPayload(p.linkType, p.data);
  const r = ip && parseIp(ip);
  return !!r && r.ok && (r.segment.payload.length > 0 || r.segment.syn || r.segment.fin);
}

describe('after a TCP gap nothing is invented', () => {
  it.each(FILES)(
    '%s: each packet dropped in turn, every unmarked message and frame was sent',
    (name) => {
      const bytes = fixture(name);
      const whole = importCapture(name, bytes);
      expect(whole.error).toBeNull();
      expect(whole.connections.flatMap((c) => c.messages).filter((m) => m.afterGap)).toEqual([]);
      const truth = truthOf(name, whole);
      const frameTruth: Counts = new Map();
      for (const k of frameKeys(whole, false)) add(frameTruth, k);
      const packets = packetsOf(bytes);
      let marked = 0;
      for (let i = 0; i < packets.length; i++) {
        if (!mattering(packets[i]!)) continue;
        const kept = packets.filter((_, j) => j !== i);
        const r = importCapture(name, writePcap(kept, { linkType: packets[0]!.linkType }));
        const invented = beyond(messageKeys(r, true), truth);
        expect(invented.map((k) => `drop packet ${i + 1}: ${k.slice(0, 80)}`)).toEqual([]);
        const frames = beyond(frameKeys(r, true), frameTruth);
        expect(frames.map((k) => `drop packet ${i + 1}: frame ${k.slice(0, 80)}`)).toEqual([]);
        marked += r.connections.reduce((n, c) => n + c.messages.filter((m) => m.afterGap).length, 0);
      }
      if (name === 'chromium-ws-large.pcapng') expect(marked).toBeGreaterThan(1000);
    },
    120_000,
  );
});

describe('a session exported after a gap', () => {
  it('keeps its unconfirmed frames and messages unconfirmed when opened again', () => {
    const name = 'chromium-ws-large.pcapng';
    const packets = packetsOf(fixture(name));
    const damaged = packets.filter((_, i) => i !== Math.floor(packets.length * 0.85));
    const first = importCapture(name, writePcap(damaged, { linkType: packets[0]!.linkType }));
    const marks = (r: CaptureImport) =>
      r.connections.map((c) => [c.frames.map((f) => f.afterGap), c.messages.map((m) => m.afterGap)]);
    expect(marks(first).flat(2).filter(Boolean).length).toBeGreaterThan(0);
    const again = importCapture('s.json', new TextEncoder().encode(exportSession(first.connections, name)));
    expect(marks(again)).toEqual(marks(first));
    expect(messageKeys(again, true)).toEqual(messageKeys(first, true));
  }, 60_000);
});
