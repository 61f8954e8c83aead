/**
 * Fuzz targets shared by the CI suite (`tests/unit/fuzz/fuzz.test.ts`, under a minute) and the long run
 * (`npm run fuzz`, `scripts/fuzz.ts`). Each target draws inputs with fast-check (random, mutated real fixtures,
 * re-chunked) and hands them to one public entry point. A target returns a difference string when two ways of
 * reading the same input disagree (whole vs chunked, ours vs `TextDecoder`), else null; throwing is a finding.
 */
import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { importCapture, readCapture, type CaptureImport } from '../../src/capture';
import { parsePcap, type RawPacket } from '../../src/capture/pcap';
import { parsePcapng } from '../../src/capture/pcapng';
import { CaptureError } from '../../src/capture/types';
import {
  createReceiver,
  decodeFrame,
  decodeStream,
  parseClosePayload,
  parseExtensions,
  parseHex,
  parseRequest,
  parseResponse,
  splitHandshakeText,
  validateUtf8,
  type ReceiverEvent,
} from '../../src/codec';
import { DECODERS } from '../../src/subprotocol';
import type { WsMessage } from '../../src/subprotocol';
import { writePcap } from '../unit/capture/helpers';

export interface FuzzTarget {
  name: string;
  /** Inputs, each with whatever the run needs (bytes, text, cut points). */
  arbitrary: fc.Arbitrary<unknown>;
  /** Runs one input; returns a description of a whole-vs-chunked (or oracle) difference, or null. */
  run(input: unknown): string | null;
  /** The input as text for a report (hex for bytes). */
  show(input: unknown): string;
}

const FIXTURES = new URL('../fixtures/', import.meta.url);
const read = (dir: string, name: string) => new Uint8Array(readFileSync(new URL(`${dir}/${name}`, FIXTURES)));
const list = (dir: string, pattern: RegExp) =>
  readdirSync(new URL(dir, FIXTURES)).filter((f) => pattern.test(f));

/** Real inputs to mutate: every capture fixture, hex-format fixture and handshake fixture. */
const CAPTURES = list('capture', /\.(pcap|pcapng|har|txt)$/).map((f) => read('capture', f));
/** The packet captures, as packets, each with the messages its undamaged import holds (checked against logs). */
const PACKET_CAPTURES = list('capture', /\.pcap(ng)?$/).map((f) => {
  const bytes = read('capture', f);
  const packets = (f.endsWith('ng') ? parsePcapng(bytes) : parsePcap(bytes)).packets;
  return { name: f, packets, messages: messageCounts(importCapture(f, bytes), false) };
});
const HEX_TEXTS = list('hex', /\.txt$/).map((f) => new TextDecoder().decode(read('hex', f)));
const HANDSHAKES = list('handshake', /\.txt$/).map((f) => new TextDecoder().decode(read('handshake', f)));

const hex = (b: Uint8Array, max = 4096) =>
  Array.from(b.subarray(0, max), (x) => x.toString(16).padStart(2, '0')).join('') +
  (b.length > max ? `… (${b.length} bytes)` : '');

/** Bytes: fully random, or a real fixture with bytes flipped, inserted, deleted, or cut short. */
function mutatedBytes(seeds: Uint8Array[], maxRandom = 2048): fc.Arbitrary<Uint8Array> {
  const edit = fc.record({
    at: fc.nat(),
    kind: fc.constantFrom('flip', 'set', 'insert', 'delete', 'truncate'),
    value: fc.integer({ min: 0, max: 255 }),
    length: fc.integer({ min: 1, max: 64 }),
  });
  const mutated = fc
    .tuple(fc.constantFrom(...seeds), fc.array(edit, { minLength: 1, maxLength: 8 }))
    .map(([seed, edits]) => {
      let b = Uint8Array.from(seed);
      for (const e of edits) {
        const at = b.length === 0 ? 0 : e.at % b.length;
        if (e.kind === 'flip') b[at] = (b[at] ?? 0) ^ (1 << (e.value & 7));
        else if (e.kind === 'set') b[at] = e.value;
        else if (e.kind === 'insert') {
          const out = new Uint8Array(b.length + e.length).fill(e.value);
          out.set(b.subarray(0, at));
          out.set(b.subarray(at), at + e.length);
          b = out;
        } else if (e.kind === 'delete')
          b = Uint8Array.from([...b.subarray(0, at), ...b.subarray(at + e.length)]);
        else b = b.slice(0, at);
      }
      return b;
    });
  return fc.oneof(fc.uint8Array({ maxLength: maxRandom }), mutated);
}

/** Messages of an import as `direction|text:…` / `direction|binary:<base64>` keys with their counts. */
function messageCounts(r: CaptureImport, unmarkedOnly: boolean): Map<string, number> {
  const counts = new Map<string, number>();
  for (const c of r.connections)
    for (const m of c.messages) {
      if (unmarkedOnly && m.afterGap) continue;
      const k = `${m.direction}|${m.text !== null ? `text:${m.text}` : `binary:${Buffer.from(m.data).toString('base64')}`}`;
      counts.set(k, (counts.get(k) ?? 0) + 1);
    }
  return counts;
}

/** A packet capture with packets dropped, repeated unchanged, or swapped with the next one. */
const damagedCapture = fc.record({
  capture: fc.nat(),
  edits: fc.array(
    fc.record({ kind: fc.constantFrom('drop', 'repeat', 'swap'), at: fc.nat(), later: fc.nat({ max: 20 }) }),
    { minLength: 1, maxLength: 6 },
  ),
});

function damage(input: unknown): { name: string; packets: RawPacket[]; truth: Map<string, number> } {
  const { capture, edits } = input as {
    capture: number;
    edits: { kind: string; at: number; later: number }[];
  };
  const c = PACKET_CAPTURES[capture % PACKET_CAPTURES.length]!;
  const packets = [...c.packets];
  for (const e of edits) {
    if (packets.length < 2) break;
    const at = e.at % packets.length;
    const p = packets[at]!;
    if (e.kind === 'drop') packets.splice(at, 1);
    else if (e.kind === 'repeat') packets.splice(Math.min(packets.length, at + 1 + e.later), 0, p);
    else if (at + 1 < packets.length) [packets[at], packets[at + 1]] = [packets[at + 1]!, p];
  }
  return { name: c.name, packets, truth: c.messages };
}

/** Text: random (with the characters parsers care about), or a real fixture with characters edited. */
function mutatedText(seeds: string[]): fc.Arbitrary<string> {
  const hostile = fc.constantFrom(
    ' ',
    '\n',
    '\t',
    '\u00a0',
    '0x',
    '\\x',
    '{',
    '}',
    '[',
    ']',
    '=',
    '"',
    "'",
    "b'",
    '(',
    ')',
    '/*',
    '*/',
    '//',
    '#',
    ':',
    ',',
    '81',
    'zz',
    '|',
    '*',
    '\r\n',
    '0000  ',
  );
  const random = fc
    .array(fc.oneof(hostile, fc.string({ maxLength: 4 })), { maxLength: 200 })
    .map((a) => a.join(''));
  const mutated = fc
    .tuple(
      fc.constantFrom(...seeds),
      fc.array(fc.tuple(fc.nat(), fc.nat({ max: 8 }), fc.oneof(hostile, fc.string({ maxLength: 3 }))), {
        minLength: 1,
        maxLength: 6,
      }),
    )
    .map(([seed, edits]) => {
      let s = seed;
      for (const [at, del, ins] of edits) {
        const i = s.length === 0 ? 0 : at % s.length;
        s = s.slice(0, i) + ins + s.slice(i + del);
      }
      return s;
    });
  return fc.oneof(random, mutated);
}

/** A WebSocket stream: random frames as bytes, or random bytes, with the cut points of a re-chunked reading. */
const frameBytes = fc
  .array(
    fc.record({
      fin: fc.boolean(),
      rsv: fc.integer({ min: 0, max: 7 }),
      opcode: fc.constantFrom(0, 1, 2, 8, 9, 10, 3, 11),
      masked: fc.boolean(),
      payload: fc.oneof(
        fc.uint8Array({ maxLength: 40 }),
        fc.string({ maxLength: 40 }).map((s) => new TextEncoder().encode(s)),
      ),
      len: fc.constantFrom(7, 16, 64),
    }),
    { maxLength: 8 },
  )
  .map((frames) => {
    const parts: number[] = [];
    for (const f of frames) {
      const n = f.payload.length;
      parts.push((f.fin ? 0x80 : 0) | (f.rsv << 4) | f.opcode);
      const m = f.masked ? 0x80 : 0;
      if (f.len === 7 && n < 126) parts.push(m | n);
      else if (f.len !== 64 && n < 65536) parts.push(m | 126, n >> 8, n & 0xff);
      else parts.push(m | 127, 0, 0, 0, 0, 0, 0, n >> 8, n & 0xff);
      const key = [0x37, 0xfa, 0x21, 0x3d];
      if (f.masked) parts.push(...key);
      for (let i = 0; i < n; i++)
        parts.push((f.payload[i] as number) ^ (f.masked ? (key[i & 3] as number) : 0));
    }
    return Uint8Array.from(parts);
  });

const streamInput = fc.record({
  bytes: fc.oneof(frameBytes, fc.uint8Array({ maxLength: 300 })),
  cuts: fc.array(fc.nat({ max: 400 }), { maxLength: 12 }),
  role: fc.constantFrom('client' as const, 'server' as const),
  deflate: fc.boolean(),
});

function summary(events: ReceiverEvent[]): string {
  return events
    .map((e) =>
      e.type === 'message'
        ? `${e.opcode}:${hex(e.data, 64)}`
        : e.type === 'fail'
          ? `fail:${e.code}`
          : e.type === 'close'
            ? `close:${e.code ?? ''}:${e.reason}`
            : e.type === 'ping' || e.type === 'pong'
              ? `${e.type}:${hex(e.data, 64)}`
              : '',
    )
    .filter(Boolean)
    .join(' ');
}

type StreamInput = { bytes: Uint8Array; cuts: number[]; role: 'client' | 'server'; deflate: boolean };

/** Messages for subprotocol decoders: random payloads, text or binary, either direction. */
const messagesInput = fc.array(
  fc.record({
    direction: fc.constantFrom('c2s' as const, 's2c' as const),
    opcode: fc.constantFrom(1 as const, 2 as const),
    data: fc.oneof(
      fc.uint8Array({ maxLength: 200 }),
      fc.json().map((j) => new TextEncoder().encode(j)),
      fc.string({ maxLength: 100 }).map((s) => new TextEncoder().encode(s)),
    ),
  }),
  { maxLength: 10 },
);

export const TARGETS: FuzzTarget[] = [
  {
    name: 'codec: receiver, whole vs re-chunked',
    arbitrary: streamInput,
    run: (input) => {
      const { bytes, cuts, role, deflate } = input as StreamInput;
      const opts = { role, permessageDeflate: deflate ? {} : null };
      const whole = summary(createReceiver(opts).push(bytes));
      const rx = createReceiver(opts);
      const events: ReceiverEvent[] = [];
      let from = 0;
      for (const c of [...cuts.filter((c) => c <= bytes.length).sort((a, b) => a - b), bytes.length]) {
        events.push(...rx.push(bytes.subarray(from, c)));
        from = c;
      }
      const chunked = summary(events);
      return whole === chunked ? null : `whole: ${whole}\nchunked: ${chunked}`;
    },
    show: (input) => {
      const { bytes, cuts, role, deflate } = input as StreamInput;
      return `${role} deflate=${deflate} cuts=${cuts.join(',')} bytes=${hex(bytes)}`;
    },
  },
  {
    name: 'codec: decodeStream and decodeFrame',
    arbitrary: streamInput,
    run: (input) => {
      const { bytes, cuts } = input as StreamInput;
      decodeStream(bytes, { permessageDeflate: 'auto' });
      decodeFrame(bytes, bytes.length ? (cuts[0] ?? 0) % bytes.length : 0);
      return null;
    },
    show: (input) => hex((input as StreamInput).bytes),
  },
  {
    name: 'codec: UTF-8 check vs TextDecoder, close payloads',
    arbitrary: fc.uint8Array({ maxLength: 200 }),
    run: (input) => {
      const b = input as Uint8Array;
      let fatal = true;
      try {
        new TextDecoder('utf-8', { fatal: true }).decode(b);
      } catch {
        fatal = false;
      }
      parseClosePayload(b);
      return validateUtf8(b).valid === fatal
        ? null
        : `validateUtf8 says ${!fatal}, TextDecoder says ${fatal}`;
    },
    show: (input) => hex(input as Uint8Array),
  },
  {
    name: 'text: parseHex',
    arbitrary: mutatedText(HEX_TEXTS),
    run: (input) => {
      parseHex(input as string);
      return null;
    },
    show: (input) => JSON.stringify((input as string).slice(0, 400)),
  },
  {
    name: 'text: handshake and extension headers',
    arbitrary: mutatedText(HANDSHAKES),
    run: (input) => {
      const text = input as string;
      splitHandshakeText(text);
      parseRequest(text);
      parseResponse(text);
      parseExtensions(text.split('\n')[0] ?? '');
      return null;
    },
    show: (input) => JSON.stringify((input as string).slice(0, 400)),
  },
  {
    name: 'capture: readCapture on mutated fixtures and random bytes',
    arbitrary: mutatedBytes(CAPTURES),
    run: (input) => {
      // readCapture is importCapture without its safety net: a CaptureError is a clear refusal, anything else a bug.
      try {
        readCapture('fuzz', input as Uint8Array);
      } catch (e) {
        if (!(e instanceof CaptureError)) throw e;
      }
      return null;
    },
    show: (input) => hex(input as Uint8Array, 256),
  },
  {
    name: 'capture: packets lost, repeated, reordered: no unmarked message invented',
    arbitrary: damagedCapture,
    run: (input) => {
      const { name, packets, truth } = damage(input);
      const r = importCapture(name, writePcap(packets, { linkType: packets[0]?.linkType ?? 1 }));
      for (const [k, n] of messageCounts(r, true))
        if (n > (truth.get(k) ?? 0))
          return `a message not marked unconfirmed that was never sent: ${k.slice(0, 120)}`;
      return null;
    },
    show: (input) => {
      const { name, packets } = damage(input);
      return `${name}: ${JSON.stringify(input)} (${packets.length} packets)`;
    },
  },
  {
    name: 'subprotocol: every decoder on random messages',
    arbitrary: messagesInput,
    run: (input) => {
      const messages = input as WsMessage[];
      for (const d of DECODERS) {
        d.sniff(messages);
        d.decode(messages);
      }
      return null;
    },
    show: (input) => JSON.stringify((input as WsMessage[]).map((m) => ({ ...m, data: hex(m.data, 200) }))),
  },
];

/** Counts of one fuzz run. */
export interface FuzzStats {
  target: string;
  inputs: number;
  exceptions: number;
  hangs: number;
  differences: number;
  slowestMs: number;
  findings: string[];
}

/** Runs a target on `runs` inputs from `seed`; never stops early: every finding is counted. */
export function runTarget(target: FuzzTarget, runs: number, seed: number, hangMs = 2000): FuzzStats {
  const stats: FuzzStats = {
    target: target.name,
    inputs: 0,
    exceptions: 0,
    hangs: 0,
    differences: 0,
    slowestMs: 0,
    findings: [],
  };
  fc.check(
    fc.property(target.arbitrary, (input) => {
      stats.inputs++;
      const start = performance.now();
      let difference: string | null = null;
      try {
        difference = target.run(input);
      } catch (e) {
        stats.exceptions++;
        if (stats.findings.length < 5) stats.findings.push(`exception ${String(e)} on ${target.show(input)}`);
      }
      const ms = performance.now() - start;
      stats.slowestMs = Math.max(stats.slowestMs, ms);
      if (ms > hangMs) {
        stats.hangs++;
        if (stats.findings.length < 5) stats.findings.push(`${ms.toFixed(0)} ms on ${target.show(input)}`);
      }
      if (difference !== null) {
        stats.differences++;
        if (stats.findings.length < 5)
          stats.findings.push(`difference on ${target.show(input)}:\n${difference}`);
      }
      return true;
    }),
    { numRuns: runs, seed },
  );
  return stats;
}
