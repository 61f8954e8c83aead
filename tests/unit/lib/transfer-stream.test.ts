import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeFrame } from '../../../src/codec/frame';
import { decodeStream } from '../../../src/codec/stream';
import {
  packStream,
  packTexts,
  textOf,
  transferables,
  unpackStream,
  unpackStreamSteps,
} from '../../../src/lib/transfer/stream';

const KEY = new Uint8Array([1, 2, 3, 4]);
const enc = new TextEncoder();

function withoutFields(r: ReturnType<typeof decodeStream>) {
  return { ...r, frames: r.frames.map((f) => ({ ...f, fields: null })) };
}

describe('packStream() / unpackStream()', () => {
  it('give back the same frames, messages, spans, closes and failure', () => {
    const bytes = new Uint8Array([
      ...encodeFrame({ opcode: 1, fin: false, payload: enc.encode('Hel'), mask: KEY }),
      ...encodeFrame({ opcode: 9, payload: enc.encode('ping') }),
      ...encodeFrame({ opcode: 0, payload: enc.encode('lo'), mask: KEY }),
      ...encodeFrame({ opcode: 2, payload: new Uint8Array([0, 255]) }),
      ...encodeFrame({ opcode: 8, payload: new Uint8Array([0x03, 0xe8]) }),
      ...encodeFrame({ opcode: 1, payload: enc.encode('late') }),
      0xa1,
      0x00,
      0x81,
    ]);
    const r = decodeStream(bytes);
    expect(r.failure).not.toBeNull();
    expect(unpackStream(packStream(r))).toEqual(withoutFields(r));
  });

  it('round-trips any input, through a structured clone with transfer', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        const r = decodeStream(bytes);
        const packed = packStream(r);
        const moved = structuredClone(packed, { transfer: transferables(packed) });
        expect(unpackStream(moved)).toEqual(withoutFields(r));
      }),
      { numRuns: 300 },
    );
  });
});

describe('unpackStreamSteps()', () => {
  it('yields between slices of frames, messages and spans, and returns what unpackStream returns', () => {
    const one = encodeFrame({ opcode: 1, payload: enc.encode('Hi'), mask: KEY });
    const bytes = new Uint8Array(one.length * 25);
    for (let i = 0; i < 25; i++) bytes.set(one, i * one.length);
    const packed = packStream(decodeStream(bytes));
    const steps = unpackStreamSteps(packed, 10);
    let yields = 0;
    let s = steps.next();
    while (!s.done) {
      yields++;
      s = steps.next();
    }
    // 25 frames, 25 messages and 25 spans, a yield after every 10th of each.
    expect(yields).toBe(6);
    expect(s.value).toEqual(unpackStream(packed));
    expect(s.value.messages.map((m) => m.text)).toEqual(new Array(25).fill('Hi'));
  });
});

describe('packTexts() / textOf()', () => {
  it('give back every string and null, empty strings included', () => {
    fc.assert(
      fc.property(fc.array(fc.option(fc.string(), { nil: null })), (texts) => {
        const packed = structuredClone(packTexts(texts));
        expect(texts.map((_, i) => textOf(packed, i))).toEqual(texts);
      }),
    );
  });
});
