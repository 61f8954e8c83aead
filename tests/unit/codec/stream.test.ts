import { constants as zlibConstants, deflateRawSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeFrame } from '../../../src/codec/frame';
import { parseHex } from '../../../src/codec/hex';
import { byteOwner, decodeStream, streamFrameDetail } from '../../../src/codec/stream';

function hex(text: string): Uint8Array {
  const r = parseHex(text);
  if (!r.ok) throw new Error(r.error);
  return r.bytes;
}

const KEY = new Uint8Array([0x12, 0x34, 0x56, 0x78]);
const enc = new TextEncoder();

describe('decodeStream()', () => {
  it('decodes the seed’s unmasked text frame as a server-to-client message', () => {
    const r = decodeStream(hex('81 05 48 65 6c 6c 6f'));
    expect(r.frames).toHaveLength(1);
    expect(r.frames[0]).toMatchObject({
      direction: 'server-to-client',
      opcodeName: 'text',
      fin: true,
      message: 0,
    });
    expect(r.messages[0]).toMatchObject({ text: 'Hello', frames: [0], direction: 'server-to-client' });
    expect(r.failure).toBeNull();
    expect(r.spans).toEqual([{ kind: 'frame', start: 0, end: 7, frame: 0 }]);
  });

  it('unmasks the seed’s masked frame (key 12 34 56 78 → “Hello”) as client-to-server', () => {
    const r = decodeStream(hex('81 85 12 34 56 78 5a 51 3a 14 7d'));
    expect(r.frames[0]?.direction).toBe('client-to-server');
    expect(Array.from(r.frames[0]?.maskingKey ?? [])).toEqual([0x12, 0x34, 0x56, 0x78]);
    expect(r.messages[0]?.text).toBe('Hello');
  });

  it('reassembles three fragments into one message and lists its frames', () => {
    const r = decodeStream(hex('01 05 48 65 6c 6c 6f 00 04 20 57 6f 72 80 02 6c 64'));
    expect(r.frames.map((f) => f.opcodeName)).toEqual(['text', 'continuation', 'continuation']);
    expect(r.messages).toHaveLength(1);
    expect(r.messages[0]).toMatchObject({ text: 'Hello World', frames: [0, 1, 2], offset: 0 });
    expect(r.frames.map((f) => f.message)).toEqual([0, 0, 0]);
  });

  it('reports a close frame with its code, name and reason', () => {
    const r = decodeStream(hex('88 09 03 e8 47 6f 6f 64 62 79 65'));
    expect(r.closes).toEqual([
      expect.objectContaining({
        code: 1000,
        reason: 'Goodbye',
        frame: 0,
        info: expect.objectContaining({ name: 'Normal Closure' }),
      }),
    ]);
  });

  it('stops at the first fatal violation, at its byte, and leaves the rest unread', () => {
    const r = decodeStream(hex('81 05 48 65 6c 6c 6f a1 02 48 69 81 02 48 69'));
    expect(r.frames).toHaveLength(2);
    expect(r.failure).toMatchObject({
      frame: 1,
      offset: 7,
      closeCode: 1002,
      violation: { id: 'reserved-bit-set' },
    });
    expect(r.frames[1]?.violations.map((v) => v.id)).toEqual(['reserved-bit-set']);
    expect(r.spans.at(-1)).toMatchObject({ kind: 'unread', start: 11, end: 15 });
    expect(r.messages.map((m) => m.text)).toEqual(['Hello']);
  });

  it('fails at the invalid UTF-8 byte of a text message split across frames', () => {
    // "é" is c3 a9; the second fragment starts at byte 4; its 28 (byte 6) cannot continue c3.
    const r = decodeStream(hex('01 02 41 c3 80 02 28 42'));
    expect(r.failure).toMatchObject({
      closeCode: 1007,
      offset: 6,
      frame: 1,
      violation: { id: 'invalid-utf8' },
    });
  });

  it('says where a frame is cut short and how many bytes it needs', () => {
    const r = decodeStream(hex('81 05 48 65 6c 6c 6f 82 7e 01'));
    expect(r.incomplete).toMatchObject({ offset: 7, needed: 1, available: 3 });
    expect(r.spans).toEqual([
      { kind: 'frame', start: 0, end: 7, frame: 0 },
      { kind: 'incomplete', start: 7, end: 10, needed: 1 },
    ]);
  });

  it('takes the direction from each frame’s MASK bit, and obeys an override', () => {
    const bytes = new Uint8Array([
      ...encodeFrame({ opcode: 1, payload: enc.encode('hi'), mask: KEY }),
      ...encodeFrame({ opcode: 1, payload: enc.encode('yo') }),
    ]);
    const auto = decodeStream(bytes);
    expect(auto.frames.map((f) => f.direction)).toEqual(['client-to-server', 'server-to-client']);
    expect(auto.failure).toBeNull();
    const forced = decodeStream(bytes, { direction: 'client-to-server' });
    expect(forced.failure).toMatchObject({
      frame: 1,
      closeCode: 1002,
      violation: { id: 'unmasked-client-frame' },
    });
  });

  it('keeps each direction’s fragmented message apart when the two interleave', () => {
    const bytes = new Uint8Array([
      ...encodeFrame({ opcode: 1, fin: false, payload: enc.encode('ab'), mask: KEY }),
      ...encodeFrame({ opcode: 1, payload: enc.encode('server') }),
      ...encodeFrame({ opcode: 0, payload: enc.encode('cd'), mask: KEY }),
    ]);
    const r = decodeStream(bytes);
    expect(r.messages.map((m) => [m.text, m.frames])).toEqual([
      ['server', [1]],
      ['abcd', [0, 2]],
    ]);
  });

  it('marks frames sent after their direction’s close as ignored', () => {
    const bytes = new Uint8Array([
      ...encodeFrame({ opcode: 8, payload: new Uint8Array([0x03, 0xe8]) }),
      ...encodeFrame({ opcode: 1, payload: enc.encode('late') }),
    ]);
    const r = decodeStream(bytes);
    expect(r.frames[1]?.afterClose).toBe(true);
    expect(r.messages).toHaveLength(0);
  });

  it('accepts RSV1 only when permessage-deflate is on (auto turns it on when a data frame has RSV1)', () => {
    const bytes = hex('c1 07 f2 48 cd c9 c9 07 00');
    expect(decodeStream(bytes).failure?.violation.id).toBe('reserved-bit-set');
    expect(decodeStream(bytes, { permessageDeflate: 'auto' }).permessageDeflate).toEqual({});
  });

  it('reports progress and ends at the total', () => {
    const frame = encodeFrame({ opcode: 2, payload: new Uint8Array(100) });
    const bytes = new Uint8Array(frame.length * 50);
    for (let i = 0; i < 50; i++) bytes.set(frame, i * frame.length);
    const calls: number[] = [];
    decodeStream(bytes, { progressInterval: 1000, onProgress: (done) => calls.push(done) });
    expect(calls.length).toBeGreaterThan(3);
    expect(calls.at(-1)).toBe(bytes.length);
    expect(calls).toEqual([...calls].sort((a, b) => a - b));
  });

  it('leaves fields out on request and gives them back with streamFrameDetail()', () => {
    const bytes = hex('81 85 12 34 56 78 5a 51 3a 14 7d');
    const r = decodeStream(bytes, { fields: false });
    expect(r.frames[0]?.fields).toBeNull();
    const detail = streamFrameDetail(bytes, r, r.frames[0]!);
    expect(detail.fields.map((f) => f.name)).toContain('maskingKey');
  });

  it('does not modify the caller’s bytes', () => {
    const bytes = hex('81 85 12 34 56 78 5a 51 3a 14 7d');
    const copy = bytes.slice();
    decodeStream(bytes);
    expect(bytes).toEqual(copy);
  });
});

describe('decodeStream() with permessage-deflate (RFC 7692 §7.2.3)', () => {
  it('inflates the compressed “Hello” and reports compressed and inflated sizes', () => {
    const r = decodeStream(hex('c1 07 f2 48 cd c9 c9 07 00'), { permessageDeflate: 'auto' });
    expect(r.permessageDeflate).toEqual({});
    expect(r.messages[0]).toMatchObject({ text: 'Hello', compressedLength: 7, frames: [0] });
  });

  it('keeps the window across messages (context takeover), and not without it', () => {
    const takeover = decodeStream(hex('c1 07 f2 48 cd c9 c9 07 00 c1 05 f2 00 11 00 00'), {
      permessageDeflate: {},
    });
    expect(takeover.messages.map((m) => [m.text, m.compressedLength])).toEqual([
      ['Hello', 7],
      ['Hello', 5],
    ]);
    const twice = hex('c1 07 f2 48 cd c9 c9 07 00 c1 07 f2 48 cd c9 c9 07 00');
    const fresh = decodeStream(twice, { permessageDeflate: { serverNoContextTakeover: true } });
    expect(fresh.messages.map((m) => m.text)).toEqual(['Hello', 'Hello']);
  });

  it('reads a stored block and a compressed message in two fragments', () => {
    expect(
      decodeStream(hex('c1 0b 00 05 00 fa ff 48 65 6c 6c 6f 00'), { permessageDeflate: {} }).messages[0]
        ?.text,
    ).toBe('Hello');
    const r = decodeStream(hex('41 03 f2 48 cd 80 04 c9 c9 07 00'), { permessageDeflate: {} });
    expect(r.messages[0]).toMatchObject({ text: 'Hello', frames: [0, 1] });
  });

  it('fails with 1007 on data that does not inflate, and with 1009 on a bomb over maxMessageSize', () => {
    expect(decodeStream(hex('c1 03 ff ff ff'), { permessageDeflate: {} }).failure).toMatchObject({
      closeCode: 1007,
      violation: { id: 'inflate-failed' },
    });
    const bomb = deflateRawSync(new Uint8Array(1 << 20), { flush: zlibConstants.Z_SYNC_FLUSH }).subarray(
      0,
      -4,
    );
    const bytes = encodeFrame({ opcode: 2, rsv1: true, payload: new Uint8Array(bomb), allowInvalid: true });
    const r = decodeStream(bytes, { permessageDeflate: {}, maxMessageSize: 64 * 1024 });
    expect(r.failure).toMatchObject({ closeCode: 1009, frame: 0 });
  });
});

describe('byteOwner()', () => {
  it('names the field of a byte, and the span of a byte outside any frame', () => {
    const r = decodeStream(hex('81 85 12 34 56 78 5a 51 3a 14 7d 81'));
    expect(byteOwner(r, 3)).toMatchObject({ kind: 'field', frame: 0, field: { name: 'maskingKey' } });
    expect(byteOwner(r, 8)).toMatchObject({ kind: 'field', frame: 0, field: { name: 'payload' } });
    expect(byteOwner(r, 11)).toMatchObject({ kind: 'incomplete' });
    expect(byteOwner(r, 12)).toBeNull();
  });
});

describe('decodeStream() invariants', () => {
  it('never throws, and its spans cover every byte exactly once, in order', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 300 }),
        fc.constantFrom('auto', 'client-to-server', 'server-to-client'),
        (bytes, direction) => {
          const r = decodeStream(bytes, { direction: direction as 'auto' });
          let at = 0;
          for (const s of r.spans) {
            expect(s.start).toBe(at);
            expect(s.end).toBeGreaterThan(s.start);
            at = s.end;
          }
          expect(at).toBe(bytes.length);
          for (let i = 0; i < bytes.length; i++) expect(byteOwner(r, i)).not.toBeNull();
        },
      ),
      { numRuns: 400 },
    );
  });

  it('gives back every message of a valid sequence of frames in both directions', () => {
    const message = fc.record({
      text: fc.string({ maxLength: 40 }),
      client: fc.boolean(),
      parts: fc.integer({ min: 1, max: 3 }),
    });
    fc.assert(
      fc.property(fc.array(message, { maxLength: 12 }), (messages) => {
        const chunks: Uint8Array[] = [];
        for (const m of messages) {
          const data = enc.encode(m.text);
          const cut = Math.floor(data.length / m.parts);
          for (let p = 0; p < m.parts; p++) {
            const last = p === m.parts - 1;
            chunks.push(
              encodeFrame({
                opcode: p === 0 ? 1 : 0,
                fin: last,
                payload: data.subarray(p * cut, last ? data.length : (p + 1) * cut),
                mask: m.client ? KEY : null,
              }),
            );
          }
        }
        const bytes = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
        let at = 0;
        for (const c of chunks) {
          bytes.set(c, at);
          at += c.length;
        }
        const r = decodeStream(bytes);
        expect(r.failure).toBeNull();
        expect(r.messages.map((m) => [m.text, m.direction])).toEqual(
          messages.map((m) => [m.text, m.client ? 'client-to-server' : 'server-to-client']),
        );
      }),
      { numRuns: 200 },
    );
  });
});
