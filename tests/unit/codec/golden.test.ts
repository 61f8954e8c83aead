/**
 * Golden fixtures: tests/fixtures/frames/<name>/input.hex (made by make-inputs.sh from the seed document and
 * RFC 6455 §5.7) decoded frame by frame with decodeFrame and as a stream by createReceiver; the result must equal
 * expected.json. `UPDATE_GOLDEN=1 npx vitest run tests/unit/codec/golden.test.ts` rewrites expected.json — then
 * read the diff: the independent checks at the bottom of this file hold the facts from the documents themselves.
 */
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  createReceiver,
  decodeFrame,
  parseHex,
  toHex,
  type Frame,
  type ReceiverEvent,
  type Role,
} from '../../../src/codec/index';

const DIR = new URL('../../fixtures/frames/', import.meta.url);
const UPDATE = process.env.UPDATE_GOLDEN === '1';
const names = readdirSync(DIR, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();

function inputOf(name: string): Uint8Array {
  const r = parseHex(readFileSync(new URL(`${name}/input.hex`, DIR), 'utf8'));
  if (!r.ok) throw new Error(`${name}/input.hex: ${r.error} at ${r.line}:${r.column}`);
  return r.bytes;
}

/** Bytes as hex when short, else their length, head, tail and a checksum (keeps expected.json readable). */
function bytesJson(b: Uint8Array): unknown {
  if (b.length <= 128) return toHex(b);
  let sum = 0;
  for (const x of b) sum = (sum * 31 + x) >>> 0;
  return { length: b.length, head: toHex(b.subarray(0, 16)), tail: toHex(b.subarray(b.length - 16)), sum };
}

const plain = (v: unknown) => (typeof v === 'bigint' ? `${v}n` : v);

function frameJson(f: Frame) {
  return {
    offset: f.offset,
    fin: f.fin,
    rsv: [f.rsv1, f.rsv2, f.rsv3],
    opcode: f.opcode,
    opcodeName: f.opcodeName,
    masked: f.masked,
    maskingKey: f.maskingKey ? toHex(f.maskingKey) : null,
    payloadLength: f.payloadLength,
    lengthEncoding: f.lengthEncoding,
    headerLength: f.headerLength,
    totalLength: f.totalLength,
    maskedPayload: bytesJson(f.maskedPayload),
    payload: bytesJson(f.payload),
    fields: f.fields.map((x) => ({
      name: x.name,
      bitOffset: x.bitOffset,
      bitLength: x.bitLength,
      value: plain(x.value),
      display: x.display.length > 200 ? `${x.display.slice(0, 200)}…` : x.display,
    })),
    violations: f.violations.map((v) => ({
      id: v.id,
      closeCode: v.closeCode,
      offset: v.offset,
      message: v.message,
    })),
  };
}

function eventJson(e: ReceiverEvent) {
  switch (e.type) {
    case 'frame':
      return {
        type: e.type,
        offset: e.frame.offset,
        fin: e.frame.fin,
        opcode: e.frame.opcode,
        payload: bytesJson(e.frame.payload),
      };
    case 'message':
      return {
        type: e.type,
        opcode: e.opcode,
        offset: e.offset,
        frames: e.frames,
        data: bytesJson(e.data),
        text: e.opcode === 1 ? e.text : undefined,
      };
    case 'ping':
    case 'pong':
      return { type: e.type, offset: e.offset, data: bytesJson(e.data) };
    case 'close':
      return { type: e.type, offset: e.offset, code: e.code, reason: e.reason };
    case 'fail':
      return { type: e.type, offset: e.offset, code: e.code, id: e.violation.id };
  }
}

/** Client frames are masked: a stream whose first frame is masked is read by a server. */
const roleOf = (bytes: Uint8Array): Role => (((bytes[1] ?? 0) & 0x80) !== 0 ? 'server' : 'client');

function decodeAll(bytes: Uint8Array) {
  const role = roleOf(bytes);
  const frames: unknown[] = [];
  for (let offset = 0; offset < bytes.length;) {
    const f = decodeFrame(bytes, offset, { role });
    if (f.incomplete) {
      frames.push({ incomplete: true, offset, needed: f.needed });
      break;
    }
    frames.push(frameJson(f));
    offset += f.totalLength;
  }
  const events = createReceiver({ role }).push(bytes).map(eventJson);
  return JSON.parse(JSON.stringify({ role, frames, events }));
}

describe('golden fixtures (seed document and RFC 6455 §5.7)', () => {
  it('has every fixture', () => {
    expect(names.length).toBeGreaterThanOrEqual(17);
  });

  it.each(names)('%s', (name) => {
    const actual = decodeAll(inputOf(name));
    const file = new URL(`${name}/expected.json`, DIR);
    if (UPDATE || !existsSync(file)) writeFileSync(file, JSON.stringify(actual, null, 2) + '\n');
    expect(actual).toEqual(JSON.parse(readFileSync(file, 'utf8')));
  });
});

/** Facts stated by the documents themselves, independent of expected.json. */
describe('golden fixtures agree with the documents', () => {
  const messages = (name: string) => {
    const bytes = inputOf(name);
    return createReceiver({ role: roleOf(bytes) })
      .push(bytes)
      .filter((e) => e.type !== 'frame');
  };

  it.each([
    ['seed-unmasked-hello', 'Hello'],
    ['seed-masked-hello', 'Hello'],
    ['rfc-unmasked-hello', 'Hello'],
    ['rfc-masked-hello', 'Hello'],
    ['rfc-fragmented-hel-lo', 'Hello'],
    ['seed-fragmented-hello-world', 'Hello World'],
  ])('%s is the text message %j and nothing else', (name, text) => {
    const events = messages(name);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ type: 'message', opcode: 1, text });
  });

  it('seed: "Hello" masked with 12 34 56 78 is 5a 51 3a 14 7d on the wire', () => {
    const f = decodeFrame(inputOf('seed-masked-hello'), 0, { role: 'server' }) as Frame;
    expect(toHex(f.maskedPayload)).toBe('5a 51 3a 14 7d');
    expect(new TextDecoder().decode(f.payload)).toBe('Hello');
    expect(f.violations).toEqual([]);
  });

  it.each([
    ['seed-ping-empty', { type: 'ping', data: new Uint8Array(0) }],
    ['seed-ping-payload', { type: 'ping', data: new TextEncoder().encode('ping') }],
    ['seed-pong-payload', { type: 'pong', data: new TextEncoder().encode('ping') }],
    ['rfc-unmasked-ping', { type: 'ping', data: new TextEncoder().encode('Hello') }],
    ['rfc-masked-pong', { type: 'pong', data: new TextEncoder().encode('Hello') }],
    ['seed-close-goodbye', { type: 'close', code: 1000, reason: 'Goodbye' }],
  ])('%s is %o', (name, event) => {
    const events = messages(name);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject(event);
  });

  it.each([
    ['seed-length-100', 100, '7'],
    ['seed-length-1000-masked', 1000, '16'],
    ['seed-length-100000-masked', 100_000, '64'],
    ['rfc-binary-256', 256, '16'],
    ['rfc-binary-64k', 65_536, '64'],
  ])(
    '%s is one binary message of %i bytes in the %s-bit length form, payload 00 01 … 0f repeated',
    (name, n, enc) => {
      const bytes = inputOf(name);
      const f = decodeFrame(bytes, 0, { role: roleOf(bytes) }) as Frame;
      expect(f.incomplete).toBe(false);
      expect(f.lengthEncoding).toBe(enc);
      expect(f.payloadLength).toBe(n);
      expect(f.totalLength).toBe(bytes.length);
      expect(f.violations).toEqual([]);
      expect(f.payload.every((b, i) => b === i % 16)).toBe(true);
      const events = messages(name);
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({ type: 'message', opcode: 2 });
    },
  );
});
