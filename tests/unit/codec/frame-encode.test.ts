/**
 * encodeFrame() byte for byte at the length boundaries, and one FrameSpecError per forbidden frame. Every expected
 * header is written out from RFC 6455 §5.2 ("the minimal number of bytes MUST be used to encode the length"):
 * 0–125 in the 7-bit field, 126–65535 as 0x7E + 16 bits, more as 0x7F + 64 bits, network byte order.
 */
import { describe, expect, it } from 'vitest';
import { encodeFrame, FrameSpecError, type FrameSpec } from '../../../src/codec/index';

const fromHex = (h: string) => Uint8Array.from(h.split(' ').filter(Boolean), (x) => parseInt(x, 16));
const KEY = Uint8Array.of(0x37, 0xfa, 0x21, 0x3d);

/** The expected frame: the header as written by hand, then the payload (masked byte i with KEY[i mod 4]). */
function expected(header: string, payload: Uint8Array, key: Uint8Array | null): Uint8Array {
  const h = fromHex(header);
  const out = new Uint8Array(h.length + payload.length);
  out.set(h);
  for (let i = 0; i < payload.length; i++) out[h.length + i] = payload[i]! ^ (key ? key[i & 3]! : 0);
  return out;
}

const payloadOf = (n: number) => Uint8Array.from({ length: n }, (_, i) => (i * 7) & 0xff);

describe('encodeFrame() writes the minimal length form', () => {
  const cases: [number, string, string][] = [
    // [payload length, unmasked binary header, masked binary header (MASK bit 0x80 in byte 1, then the key)]
    [0, '82 00', '82 80 37 fa 21 3d'],
    [125, '82 7d', '82 fd 37 fa 21 3d'],
    [126, '82 7e 00 7e', '82 fe 00 7e 37 fa 21 3d'],
    [65_535, '82 7e ff ff', '82 fe ff ff 37 fa 21 3d'],
    [65_536, '82 7f 00 00 00 00 00 01 00 00', '82 ff 00 00 00 00 00 01 00 00 37 fa 21 3d'],
  ];
  for (const [n, plain, masked] of cases) {
    it(`for a ${n}-byte payload, unmasked and masked`, () => {
      const payload = payloadOf(n);
      expect(encodeFrame({ opcode: 0x2, payload })).toEqual(expected(plain, payload, null));
      expect(encodeFrame({ opcode: 0x2, payload, mask: KEY })).toEqual(expected(masked, payload, KEY));
    });
  }

  it('for continuation and text fragments, masked (the fast path) and not', () => {
    const hel = new TextEncoder().encode('Hel');
    expect(encodeFrame({ opcode: 0x1, fin: false, payload: hel })).toEqual(fromHex('01 03 48 65 6c'));
    expect(encodeFrame({ opcode: 0x0, payload: fromHex('6c 6f') })).toEqual(fromHex('80 02 6c 6f'));
    expect(encodeFrame({ opcode: 0x0, fin: false, payload: fromHex('6c 6f'), mask: KEY })).toEqual(
      expected('00 82 37 fa 21 3d', fromHex('6c 6f'), KEY),
    );
  });

  it('writes a forced non-minimal form only with allowInvalid, exactly as asked', () => {
    const five = payloadOf(5);
    expect(encodeFrame({ opcode: 0x2, payload: five, length: '16', allowInvalid: true })).toEqual(
      expected('82 7e 00 05', five, null),
    );
    expect(encodeFrame({ opcode: 0x2, payload: five, length: '64', allowInvalid: true })).toEqual(
      expected('82 7f 00 00 00 00 00 00 00 05', five, null),
    );
  });
});

describe('encodeFrame() refuses every forbidden frame with a FrameSpecError naming the rule', () => {
  const text = (s: string) => new TextEncoder().encode(s);
  const forbidden: [string, FrameSpec, string][] = [
    ['a 126-byte ping', { opcode: 0x9, payload: payloadOf(126) }, 'control-frame-too-long'],
    ['a 126-byte close', { opcode: 0x8, payload: payloadOf(126) }, 'control-frame-too-long'],
    [
      'a fragmented ping (FIN = 0)',
      { opcode: 0x9, fin: false, payload: payloadOf(1) },
      'control-frame-fragmented',
    ],
    [
      'a fragmented close',
      { opcode: 0x8, fin: false, payload: fromHex('03 e8') },
      'control-frame-fragmented',
    ],
    ['reserved non-control opcode 0x3', { opcode: 0x3, payload: payloadOf(1) }, 'reserved-opcode'],
    ['reserved control opcode 0xB', { opcode: 0xb, payload: payloadOf(1) }, 'reserved-opcode'],
    ['RSV1 on a ping', { opcode: 0x9, rsv1: true, payload: payloadOf(1) }, 'rsv1-on-control-frame'],
    [
      'RSV1 on a continuation frame',
      { opcode: 0x0, rsv1: true, payload: payloadOf(1) },
      'rsv1-on-continuation',
    ],
    [
      'a 125-byte payload in the 16-bit form',
      { opcode: 0x2, payload: payloadOf(125), length: '16' },
      'non-minimal-length',
    ],
    [
      'a 65,535-byte payload in the 64-bit form',
      { opcode: 0x2, payload: payloadOf(65_535), length: '64' },
      'non-minimal-length',
    ],
    ['text that is not UTF-8 (0xFF)', { opcode: 0x1, payload: fromHex('48 ff') }, 'invalid-utf8'],
    ['masked text that is not UTF-8', { opcode: 0x1, payload: fromHex('c3'), mask: KEY }, 'invalid-utf8'],
    ['a 1-byte close payload', { opcode: 0x8, payload: fromHex('03') }, 'close-payload-one-byte'],
    ['close code 1005 on the wire', { opcode: 0x8, payload: fromHex('03 ed') }, 'close-code-invalid'],
    ['close code 999', { opcode: 0x8, payload: fromHex('03 e7') }, 'close-code-invalid'],
    [
      'a close reason that is not UTF-8',
      { opcode: 0x8, payload: Uint8Array.of(0x03, 0xe8, ...text('ok'), 0xc0) },
      'close-reason-invalid-utf8',
    ],
  ];
  for (const [name, spec, id] of forbidden) {
    it(`${name} → ${id}`, () => {
      let error: unknown;
      try {
        encodeFrame(spec);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(FrameSpecError);
      expect((error as FrameSpecError).violations.map((v) => v.id)).toContain(id);
      // allowInvalid builds it anyway, for teaching.
      expect(() => encodeFrame({ ...spec, allowInvalid: true })).not.toThrow();
    });
  }

  it('refuses a payload that cannot fit the forced form, and a bad opcode or key, with a RangeError', () => {
    expect(() => encodeFrame({ opcode: 0x2, payload: payloadOf(126), length: '7' })).toThrow(RangeError);
    expect(() => encodeFrame({ opcode: 0x2, payload: payloadOf(65_536), length: '16' })).toThrow(RangeError);
    expect(() => encodeFrame({ opcode: 0x10, payload: payloadOf(1) })).toThrow(RangeError);
    expect(() => encodeFrame({ opcode: 0x2, payload: payloadOf(1), mask: Uint8Array.of(1, 2, 3) })).toThrow(
      RangeError,
    );
  });

  it('accepts the largest control frames and valid close payloads', () => {
    expect(encodeFrame({ opcode: 0x9, payload: payloadOf(125) }).subarray(0, 2)).toEqual(fromHex('89 7d'));
    expect(encodeFrame({ opcode: 0x8, payload: fromHex('03 e8') })).toEqual(fromHex('88 02 03 e8'));
    expect(encodeFrame({ opcode: 0x8, payload: new Uint8Array(0) })).toEqual(fromHex('88 00'));
  });
});
