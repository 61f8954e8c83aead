import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeFrame } from '../../../src/codec/frame';
import { decodeStream } from '../../../src/codec/stream';
import { packStream, transferables, unpackStream } from '../../../src/codec/stream-transfer';

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
