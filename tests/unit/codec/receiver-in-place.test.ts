/**
 * A fragmented message read with frame events off is gathered in one buffer as its frames arrive. The events,
 * failures included (id, close code and offset of the offending byte), must be those of the same stream read with
 * frame events on, however the bytes are cut.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createReceiver } from '../../../src/codec/receiver';
import { cat, pushCut, summaryAt, wire } from './wire';

describe('createReceiver() gathering a fragmented message in place', () => {
  it('fails at the byte that breaks UTF-8 in a later fragment (offsets by hand, RFC 6455 §5.2, §8.1)', () => {
    // "é" is c3 a9; here c3 ends fragment 1 and 28 ("(") starts fragment 2: not a continuation byte.
    // Fragment 1: 01 81 + 4-byte key + 1 byte = 7 bytes; fragment 2 starts at 7, its payload at 7 + 6 = 13.
    const bytes = cat(wire({ opcode: 1, fin: false, payload: [0xc3] }), wire({ opcode: 0, payload: [0x28] }));
    for (const frameEvents of [true, false]) {
      const events = createReceiver({ role: 'server', frameEvents }).push(bytes);
      expect(summaryAt(events)).toEqual(['fail:1007 invalid-utf8@13']);
    }
  });

  it('gives the same events with frame events on and off, cut anywhere, with bad bytes anywhere', () => {
    const fragment = fc.uint8Array({ minLength: 0, maxLength: 300 });
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            text: fc.boolean(),
            parts: fc.array(fragment, { minLength: 1, maxLength: 5 }),
          }),
          { minLength: 1, maxLength: 4 },
        ),
        fc.array(fc.nat(), { maxLength: 12 }),
        (messages, rawCuts) => {
          // Text parts are ASCII and valid, except where a random byte is made 0xff (never valid UTF-8).
          const frames = messages.flatMap((m, mi) =>
            m.parts.map((p, i) => {
              const payload = m.text ? p.map((b) => (b === 0xff || (mi + i) % 7 !== 3 ? b & 0x7f : 0xff)) : p;
              return wire({ opcode: i === 0 ? (m.text ? 1 : 2) : 0, fin: i === m.parts.length - 1, payload });
            }),
          );
          const bytes = cat(...frames);
          const cuts = [...new Set(rawCuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
          const on = summaryAt(pushCut(createReceiver({ role: 'server', frameEvents: true }), bytes, cuts));
          const off = summaryAt(pushCut(createReceiver({ role: 'server', frameEvents: false }), bytes, cuts));
          expect(off).toEqual(on);
        },
      ),
      { numRuns: 300 },
    );
  });
});
