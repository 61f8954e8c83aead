import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatExtensions, isToken, parseExtensions, type Extension } from '../../../src/codec/extensions';

describe('parseExtensions()', () => {
  it('reads what Chromium sends', () => {
    expect(parseExtensions('permessage-deflate; client_max_window_bits')).toEqual({
      extensions: [{ name: 'permessage-deflate', params: [{ name: 'client_max_window_bits', value: true }] }],
      errors: [],
    });
  });

  it('reads comma lists, several header lines, values and odd spacing', () => {
    const parsed = parseExtensions([
      'permessage-deflate;client_max_window_bits=10 ;server_no_context_takeover ,foo',
      '\tbar ; baz = 1, , ',
    ]);
    expect(parsed.errors).toEqual([]);
    expect(parsed.extensions).toEqual([
      {
        name: 'permessage-deflate',
        params: [
          { name: 'client_max_window_bits', value: '10' },
          { name: 'server_no_context_takeover', value: true },
        ],
      },
      { name: 'foo', params: [] },
      { name: 'bar', params: [{ name: 'baz', value: '1' }] },
    ]);
  });

  it('unquotes quoted values, including escapes', () => {
    expect(parseExtensions('a; b="10"; c="x\\-y"').extensions).toEqual([
      {
        name: 'a',
        params: [
          { name: 'b', value: '10' },
          { name: 'c', value: 'x-y' },
        ],
      },
    ]);
  });

  it('reports a quoted value that is not a token once unquoted, and keeps the next element', () => {
    const parsed = parseExtensions('foo; bar="1 0", baz');
    expect(parsed.extensions).toEqual([{ name: 'baz', params: [] }]);
    expect(parsed.errors).toEqual([{ message: expect.stringContaining('not a token'), line: 0, column: 9 }]);
  });

  it('skips a comma inside a broken quoted value when recovering', () => {
    const parsed = parseExtensions('a; b="x, y", c');
    expect(parsed.extensions.map((e) => e.name)).toEqual(['c']);
    expect(parsed.errors).toHaveLength(1);
  });

  it.each([
    ['; a', 0, 'an extension name'],
    ['a; =1', 3, 'parameter name'],
    ['a; b=', 5, 'a value for "b"'],
    ['a; b=,', 5, 'a value for "b"'],
    ['a b', 2, 'expected ";", ","'],
    ['a; b="10', 5, 'no closing quote'],
    ['a; b=c=d', 6, 'expected ";", ","'],
    ['é', 0, 'an extension name'],
  ])('reports %j at column %i', (header, column, message) => {
    const parsed = parseExtensions(header);
    expect(parsed.extensions).toEqual([]);
    expect(parsed.errors).toEqual([{ message: expect.stringContaining(message), line: 0, column }]);
  });

  it('numbers errors by header line', () => {
    expect(parseExtensions(['ok', 'bad;']).errors).toEqual([expect.objectContaining({ line: 1, column: 4 })]);
  });

  it('accepts an empty header as an empty list', () => {
    expect(parseExtensions('')).toEqual({ extensions: [], errors: [] });
    expect(parseExtensions([])).toEqual({ extensions: [], errors: [] });
  });

  it('never throws, on any string', () => {
    fc.assert(
      fc.property(fc.array(fc.string()), (lines) => {
        const parsed = parseExtensions(lines);
        for (const error of parsed.errors) expect(error.column).toBeGreaterThanOrEqual(0);
      }),
    );
  });
});

describe('isToken()', () => {
  it('accepts tokens and rejects separators, spaces, controls and non-ASCII', () => {
    expect(isToken('permessage-deflate')).toBe(true);
    expect(isToken("!#$%&'*+-.^_`|~09azAZ")).toBe(true);
    for (const bad of ['', 'a b', 'a;b', 'a=b', 'a"b', 'a\tb', '\u007f', 'ü', '{', 'a/b']) {
      expect(isToken(bad), bad).toBe(false);
    }
  });
});

describe('formatExtensions()', () => {
  it('writes the RFC 7692 style', () => {
    expect(
      formatExtensions([
        {
          name: 'permessage-deflate',
          params: [
            { name: 'server_no_context_takeover', value: true },
            { name: 'client_max_window_bits', value: '10' },
          ],
        },
        { name: 'x', params: [] },
      ]),
    ).toBe('permessage-deflate; server_no_context_takeover; client_max_window_bits=10, x');
  });

  it('quotes a value that is not a token', () => {
    expect(formatExtensions([{ name: 'a', params: [{ name: 'b', value: 'x "y"' }] }])).toBe(
      'a; b="x \\"y\\""',
    );
  });

  const token = fc.stringMatching(/^[a-zA-Z0-9!#$%&'*+.^_`|~-]+$/);
  const extension: fc.Arbitrary<Extension> = fc.record({
    name: token,
    params: fc.array(fc.record({ name: token, value: fc.oneof(token, fc.constant(true as const)) })),
  });

  it('parses back to what it formatted', () => {
    fc.assert(
      fc.property(fc.array(extension), (extensions) => {
        expect(parseExtensions(formatExtensions(extensions))).toEqual({ extensions, errors: [] });
      }),
    );
  });
});
