import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { joinedSource, jsonStringSource } from '../../../src/subprotocol/byte-source';

const enc = new TextEncoder();

describe('jsonStringSource()', () => {
  it('maps each decoded byte back to the escape it came from', () => {
    const raw = enc.encode('a["x\\n\\"\\u00e9\\ud83d\\ude00"]');
    const src = jsonStringSource(4, raw, 2, raw.length - 1)!;
    expect(new TextDecoder().decode(src.bytes)).toBe('x\n"é😀');
    expect(src.span(1, 2)).toEqual({ message: 4, start: 4, end: 6 }); // \n
    expect(src.span(2, 3)).toEqual({ message: 4, start: 6, end: 8 }); // \"
    expect(src.span(3, 5)).toEqual({ message: 4, start: 8, end: 14 }); // é: two UTF-8 bytes from one \u escape
    expect(src.span(5, 9)).toEqual({ message: 4, start: 14, end: 26 }); // a surrogate pair
  });

  it('decodes any string as JSON.parse does, and the spans of the whole text cover the raw string', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        const raw = enc.encode(JSON.stringify(s));
        const src = jsonStringSource(0, raw, 0, raw.length)!;
        expect(new TextDecoder().decode(src.bytes)).toBe(s);
        if (src.bytes.length > 0)
          expect(src.span(0, src.bytes.length)).toEqual({ message: 0, start: 1, end: raw.length - 1 });
      }),
    );
  });
});

describe('joinedSource()', () => {
  it('maps offsets of the joined bytes to their messages', () => {
    const src = joinedSource([
      { message: 2, data: enc.encode('xxabc'), offset: 2 },
      { message: 5, data: enc.encode('def'), offset: 0 },
    ]);
    expect(new TextDecoder().decode(src.bytes)).toBe('abcdef');
    expect(src.span(1, 5)).toEqual({ message: 2, start: 3, end: 5 });
    expect(src.span(3, 5)).toEqual({ message: 5, start: 0, end: 2 });
    expect(src.messages(1, 5)).toEqual([2, 5]);
    expect(src.messages(3, 4)).toEqual([5]);
  });
});
