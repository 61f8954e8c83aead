/** Invariants of the codec, checked with fast-check on generated frames, messages, chunkings and bytes. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  applyMask,
  createReceiver,
  createUtf8Validator,
  decodeFrame,
  decodeStream,
  encodeFrame,
  maskSteps,
  validateUtf8,
  type ReceiverEvent,
  type Role,
} from '../../../src/codec/index';
import { cat, pushCut, summary } from './wire';

const utf8 = new TextEncoder();
const hex = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');

/** Offsets where to cut a stream of `n` bytes. */
const cutsFor = (n: number) =>
  fc
    .uniqueArray(fc.integer({ min: 0, max: Math.max(0, n) }), { maxLength: 40 })
    .map((c) => c.sort((a, b) => a - b));

interface Control {
  opcode: 9 | 10;
  payload: Uint8Array;
}
interface Message {
  text: boolean;
  payload: Uint8Array;
  /** Cut points inside the payload: the message is sent in cuts.length + 1 fragments. */
  cuts: number[];
  /** Control frames sent after fragment i (index into the fragments). */
  controls: { after: number; frame: Control }[];
}

const control = fc.record({
  opcode: fc.constantFrom(9 as const, 10 as const),
  payload: fc.uint8Array({ maxLength: 125 }),
});
const message: fc.Arbitrary<Message> = fc
  .oneof(
    fc.string({ unit: 'binary', maxLength: 300 }).map((s) => ({ text: true, payload: utf8.encode(s) })),
    fc.uint8Array({ maxLength: 600 }).map((b) => ({ text: false, payload: b })),
  )
  .chain(({ text, payload }) =>
    fc.record({
      text: fc.constant(text),
      payload: fc.constant(payload),
      cuts: fc
        .uniqueArray(fc.integer({ min: 0, max: payload.length }), { maxLength: 5 })
        .map((c) => c.sort((a, b) => a - b)),
      controls: fc.array(fc.record({ after: fc.nat({ max: 5 }), frame: control }), { maxLength: 3 }),
    }),
  );

/** Encodes the messages as frames and lists the events a receiver must give for them. */
function build(messages: Message[], role: Role, keys: Uint8Array[]) {
  const frames: Uint8Array[] = [];
  const expected: string[] = [];
  let k = 0;
  const mask = () => (role === 'server' ? (keys[k++ % keys.length] as Uint8Array) : null);
  for (const m of messages) {
    const bounds = [0, ...m.cuts, m.payload.length];
    const count = bounds.length - 1;
    for (let f = 0; f < count; f++) {
      frames.push(
        encodeFrame({
          opcode: f === 0 ? (m.text ? 1 : 2) : 0,
          fin: f === count - 1,
          mask: mask(),
          payload: m.payload.subarray(bounds[f], bounds[f + 1]),
          allowInvalid: true,
        }),
      );
      for (const c of m.controls.filter((c) => c.after === f && f < count - 1)) {
        frames.push(encodeFrame({ opcode: c.frame.opcode, mask: mask(), payload: c.frame.payload }));
        expected.push(`${c.frame.opcode === 9 ? 'ping' : 'pong'}:${hex(c.frame.payload)}`);
      }
    }
    expected.push(m.text ? `text:${new TextDecoder().decode(m.payload)}` : `binary:${m.payload.length}`);
  }
  return { bytes: cat(...frames), expected };
}

describe('properties: encode → receive', () => {
  it('any valid sequence of (fragmented) messages with control frames between, cut anywhere, gives back the messages', () => {
    fc.assert(
      fc.property(
        fc.array(message, { minLength: 1, maxLength: 6 }),
        fc.constantFrom<Role>('server', 'client'),
        fc.array(fc.uint8Array({ minLength: 4, maxLength: 4 }), { minLength: 1, maxLength: 4 }),
        fc.boolean(),
        fc.infiniteStream(fc.nat()),
        (messages, role, keys, frameEvents, seeds) => {
          const { bytes, expected } = build(messages, role, keys);
          const it = seeds[Symbol.iterator]();
          const cuts = new Set<number>();
          for (let i = (it.next().value as number) % 30; i > 0; i--)
            cuts.add((it.next().value as number) % (bytes.length + 1));
          const events = pushCut(
            createReceiver({ role, frameEvents }),
            bytes,
            [...cuts].sort((a, b) => a - b),
          );
          expect(summary(events)).toEqual(expected);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('decodeFrame(encodeFrame(spec)) gives back every field, for every length form and mask', () => {
    fc.assert(
      fc.property(
        fc.record({
          fin: fc.boolean(),
          opcode: fc.constantFrom(0, 1, 2),
          // Lengths at the boundaries of the length forms on purpose, as well as at random.
          payload: fc
            .oneof(fc.constantFrom(0, 1, 125, 126, 127, 65_535, 65_536, 65_537), fc.nat({ max: 70_000 }))
            .chain((n) =>
              // Large payloads from a seed: drawing 65,536 bytes one by one would take seconds a case.
              fc
                .integer()
                .map((seed) => Uint8Array.from({ length: n }, (_, i) => (seed * 31 + i * 7919) >>> 3)),
            ),
          mask: fc.option(fc.uint8Array({ minLength: 4, maxLength: 4 })),
          length: fc.constantFrom('auto', '16', '64'),
        }),
        (spec) => {
          const n = spec.payload.length;
          const length = spec.length === '16' && n > 0xffff ? '64' : (spec.length as 'auto' | '16' | '64');
          const payload = spec.opcode === 1 ? new Uint8Array(n).fill(0x61) : spec.payload;
          const bytes = encodeFrame({ ...spec, payload, length, allowInvalid: true });
          const f = decodeFrame(bytes);
          if (f.incomplete) throw new Error('incomplete');
          expect(f.totalLength).toBe(bytes.length);
          expect([f.fin, f.opcode, f.payloadLength, f.masked]).toEqual([
            spec.fin,
            spec.opcode,
            n,
            spec.mask !== null,
          ]);
          expect(Buffer.compare(f.payload, payload)).toBe(0);
          expect(f.maskingKey).toEqual(spec.mask);
          if (length === 'auto') expect(f.violations).toEqual([]);
          // The length form on the wire: minimal unless forced (RFC 6455 §5.2).
          const form = length === 'auto' ? (n <= 125 ? '7' : n <= 0xffff ? '16' : '64') : length;
          expect(f.lengthEncoding).toBe(form);
          expect(f.headerLength).toBe(2 + (form === '7' ? 0 : form === '16' ? 2 : 8) + (spec.mask ? 4 : 0));
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('properties: arbitrary bytes', () => {
  const roles = fc.constantFrom<Role>('server', 'client');

  it('decodeFrame never throws, at any offset, and what it reports stays inside the input', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 200 }),
        fc.nat(),
        roles,
        fc.boolean(),
        (bytes, at, role, rsv1) => {
          const offset = bytes.length ? at % bytes.length : 0;
          const f = decodeFrame(bytes, offset, { role, extensionsRsv1: rsv1 });
          if (!f.incomplete) {
            expect(f.offset + f.totalLength).toBeLessThanOrEqual(bytes.length);
            for (const field of f.fields)
              expect(field.bitOffset + field.bitLength).toBeLessThanOrEqual(f.totalLength * 8);
          } else {
            expect(f.needed).toBeGreaterThan(0);
          }
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('the fields of a decoded frame tile it: contiguous bit spans from bit 0 to the end of the frame', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), roles, (bytes, role) => {
        const f = decodeFrame(bytes, 0, { role });
        if (f.incomplete) return;
        let bit = 0;
        for (const field of f.fields) {
          expect([field.name, field.bitOffset]).toEqual([field.name, bit]);
          bit += field.bitLength;
        }
        expect(bit).toBe(f.totalLength * 8);
      }),
      { numRuns: 2000 },
    );
  });

  it('createReceiver never throws in either role, cut anywhere, with or without permessage-deflate, and stops after fail or close', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 300 }),
        roles,
        fc.boolean(),
        fc.option(fc.nat({ max: 200 })),
        (bytes, role, deflate, max) =>
          fc.assert(
            fc.property(cutsFor(bytes.length), (cuts) => {
              const rx = createReceiver({
                role,
                permessageDeflate: deflate ? {} : null,
                ...(max === null ? {} : { maxMessageSize: max }),
              });
              const events = pushCut(rx, bytes, cuts);
              const end = events.findIndex((e) => e.type === 'fail' || e.type === 'close');
              if (end >= 0) expect(end).toBe(events.length - 1);
              expect(rx.state).toBe(end < 0 ? 'open' : events[end]?.type === 'fail' ? 'failed' : 'closed');
            }),
            { numRuns: 3 },
          ),
      ),
      { numRuns: 1000 },
    );
  });

  it('the same bytes give the same events however they are cut', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), roles, (bytes, role) =>
        fc.assert(
          fc.property(cutsFor(bytes.length), (cuts) => {
            const whole = summary(createReceiver({ role }).push(bytes));
            expect(summary(pushCut(createReceiver({ role }), bytes, cuts))).toEqual(whole);
            // write() hands out the same events one by one.
            const rx = createReceiver({ role });
            const written: ReceiverEvent[] = [];
            let from = 0;
            for (const c of [...cuts, bytes.length]) {
              if (c < from) continue;
              rx.write(bytes.subarray(from, c), (e) => written.push(e));
              from = c;
            }
            expect(summary(written)).toEqual(whole);
          }),
          { numRuns: 5 },
        ),
      ),
      { numRuns: 500 },
    );
  });
});

describe('properties: decodeStream', () => {
  it('never throws, and its spans are sorted, do not overlap and cover the input exactly', () => {
    const bytes = fc.oneof(
      fc.uint8Array({ maxLength: 300 }),
      fc
        .array(message, { minLength: 1, maxLength: 3 })
        .map((m) => build(m, 'server', [Uint8Array.of(1, 2, 3, 4)]).bytes),
    );
    const direction = fc.constantFrom(
      'auto' as const,
      'client-to-server' as const,
      'server-to-client' as const,
    );
    const deflate = fc.constantFrom(null, 'auto' as const, {});
    fc.assert(
      fc.property(bytes, direction, deflate, (input, dir, pmd) => {
        const r = decodeStream(input, { direction: dir, permessageDeflate: pmd });
        let at = 0;
        for (const span of r.spans) {
          expect(span.start).toBe(at);
          expect(span.end).toBeGreaterThan(span.start);
          at = span.end;
        }
        expect(at).toBe(input.length);
        expect(r.length).toBe(input.length);
      }),
      { numRuns: 1000 },
    );
  });

  it('gives the same messages as a receiver for valid client streams', () => {
    fc.assert(
      fc.property(fc.array(message, { minLength: 1, maxLength: 4 }), (messages) => {
        const { bytes, expected } = build(messages, 'server', [Uint8Array.of(9, 8, 7, 6)]);
        const r = decodeStream(bytes);
        expect(r.failure).toBeNull();
        expect(r.messages.length).toBe(
          expected.filter((e) => e.startsWith('text:') || e.startsWith('binary:')).length,
        );
      }),
      { numRuns: 200 },
    );
  });
});

describe('properties: masking', () => {
  it('applyMask twice is the identity, never mutates its input, and matches the byte-by-byte rule at any offset', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 300 }),
        fc.uint8Array({ minLength: 4, maxLength: 4 }),
        fc.nat({ max: 7 }),
        (data, key, offset) => {
          const copy = data.slice();
          const once = applyMask(data, key, offset);
          expect(data).toEqual(copy);
          expect(applyMask(once, key, offset)).toEqual(data);
          expect(once).toEqual(Uint8Array.from(data, (b, i) => b ^ (key[(i + offset) & 3] as number)));
          expect(maskSteps(data, key).map((s) => s.output)).toEqual(Array.from(applyMask(data, key)));
        },
      ),
    );
  });

  it('applyMask works on views at odd byte offsets of a larger buffer', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 1, maxLength: 300 }),
        fc.nat({ max: 7 }),
        fc.uint8Array({ minLength: 4, maxLength: 4 }),
        (data, skip, key) => {
          const view = data.subarray(Math.min(skip, data.length));
          expect(applyMask(view, key)).toEqual(Uint8Array.from(view, (b, i) => b ^ (key[i & 3] as number)));
        },
      ),
    );
  });
});

/** Index at which a streaming fatal TextDecoder first refuses the bytes, or -1 when all are valid. */
function firstInvalid(bytes: Uint8Array): number {
  const d = new TextDecoder('utf-8', { fatal: true });
  for (let i = 0; i < bytes.length; i++) {
    try {
      d.decode(bytes.subarray(i, i + 1), { stream: true });
    } catch {
      return i;
    }
  }
  try {
    d.decode();
    return -1;
  } catch {
    return bytes.length;
  }
}

/** Mostly-UTF-8 bytes: valid text with a few bytes replaced, inserted or cut. */
const utf8ish = fc.oneof(
  fc.uint8Array({ maxLength: 40 }),
  fc
    .tuple(
      fc.string({ unit: 'binary', maxLength: 30 }),
      fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0x80, max: 0xff })), { maxLength: 3 }),
      fc.nat(),
    )
    .map(([s, edits, cut]) => {
      const b = Array.from(utf8.encode(s));
      for (const [at, byte] of edits) b.splice(b.length ? at % (b.length + 1) : 0, 0, byte);
      return Uint8Array.from(b.slice(0, b.length - (cut % 3)));
    }),
);

describe('properties: UTF-8', () => {
  it('validateUtf8 agrees with TextDecoder in fatal mode', () => {
    fc.assert(
      fc.property(utf8ish, (bytes) => {
        let ok = true;
        try {
          new TextDecoder('utf-8', { fatal: true }).decode(bytes);
        } catch {
          ok = false;
        }
        expect(validateUtf8(bytes).valid).toBe(ok);
      }),
      { numRuns: 3000 },
    );
  });

  it('createUtf8Validator, fed in any pieces, finds the same first invalid byte as a streaming TextDecoder', () => {
    fc.assert(
      fc.property(utf8ish, fc.uniqueArray(fc.nat({ max: 40 }), { maxLength: 5 }), (bytes, rawCuts) => {
        const want = firstInvalid(bytes);
        const v = createUtf8Validator();
        let found = -1;
        let from = 0;
        for (const c of [...rawCuts.filter((c) => c <= bytes.length).sort((a, b) => a - b), bytes.length]) {
          if (found < 0 && c >= from) {
            const bad = v.write(bytes, from, c);
            if (bad >= 0) found = bad;
            from = c;
          }
        }
        if (want >= 0 && want < bytes.length) expect(found).toBe(want);
        else expect(found).toBe(-1);
        if (want === bytes.length) expect(v.complete).toBe(false);
        if (want === -1) expect(v.complete).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });

  it('the receiver fails a text message with 1007 at the stream offset of the first invalid byte, across fragments and chunks', () => {
    fc.assert(
      fc.property(
        utf8ish.filter((b) => firstInvalid(b) >= 0 && firstInvalid(b) < b.length),
        fc.uniqueArray(fc.nat({ max: 40 }), { maxLength: 4 }),
        fc.infiniteStream(fc.nat()),
        (payload, rawCuts, seeds) => {
          const bad = firstInvalid(payload);
          const bounds = [
            0,
            ...rawCuts.filter((c) => c < payload.length).sort((a, b) => a - b),
            payload.length,
          ].filter((c, i, a) => i === 0 || c !== a[i - 1]);
          const frames: Uint8Array[] = [];
          let badOffset = -1;
          let at = 0;
          for (let f = 0; f + 1 < bounds.length || f === 0; f++) {
            const lo = bounds[f] as number;
            const hi = (bounds[f + 1] ?? payload.length) as number;
            const frame = encodeFrame({
              opcode: f ? 0 : 1,
              fin: hi === payload.length,
              mask: Uint8Array.of(1, 2, 3, 4),
              payload: payload.subarray(lo, hi),
              allowInvalid: true,
            });
            // Payloads stay under 126 bytes, so every header is 2 bytes plus the 4-byte key.
            if (bad >= lo && bad < hi) badOffset = at + 6 + (bad - lo);
            frames.push(frame);
            at += frame.length;
            if (hi === payload.length) break;
          }
          const bytes = cat(...frames);
          const it = seeds[Symbol.iterator]();
          const cuts = Array.from(
            { length: (it.next().value as number) % 8 },
            () => (it.next().value as number) % (bytes.length + 1),
          ).sort((a, b) => a - b);
          const events = pushCut(createReceiver({ role: 'server' }), bytes, cuts);
          expect(summary(events)).toEqual(['fail:1007']);
          expect(events.find((e) => e.type === 'fail')?.offset).toBe(badOffset);
        },
      ),
      { numRuns: 500 },
    );
  });
});
