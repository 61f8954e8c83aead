import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseHex, toHex } from '../../../src/codec/index';

interface PythonCase {
  hex: string;
  repr: string;
  bytearray: string;
  pprint: string;
}

/** Made by tests/fixtures/hex/make-python-fixtures.sh with /usr/bin/python3. */
const CASES = JSON.parse(
  readFileSync(new URL('../../fixtures/hex/python-repr.json', import.meta.url), 'utf8'),
) as PythonCase[];

function hexOf(text: string): string {
  const r = parseHex(text);
  if (!r.ok) throw new Error(`parseHex failed: ${r.error} at ${r.line}:${r.column}`);
  expect(r.format).toBe('python');
  return toHex(r.bytes, '');
}

function errorOf(text: string) {
  const r = parseHex(text);
  if (r.ok) throw new Error(`expected an error, got ${toHex(r.bytes)} (${r.format})`);
  return r;
}

describe('parseHex() Python bytes literals', () => {
  it.each([
    ["b'\\x81\\x05Hello'"],
    ['b"\\x81\\x05Hello"'],
    ["B'\\x81\\x05Hello'"],
    ["b'\\x81\\x05\\x48\\x65\\x6c\\x6c\\x6f'"],
    ["bytearray(b'\\x81\\x05Hello')"],
    ["bytes(b'\\x81\\x05Hello')"],
    ["b'\\x81\\x05' b'Hello'"],
    ["(b'\\x81\\x05He'\n b'llo')"],
    ["  b'\\x81\\x05'  # header\n  b'Hello'\n"],
    ["b'\\201\\5Hello'"],
  ])('reads %j as the "Hello" frame', (text) => {
    expect(hexOf(text)).toBe('810548656c6c6f');
  });

  it('reads the escapes as Python defines them', () => {
    expect(hexOf("b'\\x81\\x01A'")).toBe('810141');
    expect(hexOf("b'\\n\\r\\t\\\\\\'\\\"\\0'")).toBe('0a0d095c272200');
    expect(hexOf("b'\\a\\b\\f\\v'")).toBe('07080c0b');
    expect(hexOf("b'\\0001'")).toBe('0031');
    expect(hexOf("b'\\377\\18'")).toBe('ff0138');
    expect(hexOf('b"it\'s"')).toBe('69742773');
    expect(hexOf("b'\\q'")).toBe('5c71');
    expect(hexOf("b'ab\\\ncd'")).toBe('61626364');
    expect(hexOf("b'''a\nb'''")).toBe('610a62');
    expect(hexOf("bytearray(b'')")).toBe('');
  });

  it('gives clear errors with the line and column', () => {
    expect(errorOf("b'\\x8'")).toMatchObject({ line: 1, column: 3 });
    expect(errorOf("b'\\x8'").error).toMatch(/two hex digits/);
    expect(errorOf("b'\\x81")).toMatchObject({ line: 1, column: 1 });
    expect(errorOf("b'\\x81").error).toMatch(/never closed/);
    expect(errorOf("b'\\x81\nb'")).toMatchObject({ line: 1, column: 1 });
    expect(errorOf("b'\\x81' x")).toMatchObject({ line: 1, column: 9 });
    expect(errorOf("b'\\x81' x").error).toMatch(/outside the bytes literals/);
    expect(errorOf("bytearray(b'\\x81'").error).toMatch(/"\(" is never closed/);
    expect(errorOf("b'\\x81')").error).toMatch(/closes nothing/);
    expect(errorOf("b'\\777'").error).toMatch(/0o377/);
    expect(errorOf("b'caf\u00e9'")).toMatchObject({ line: 1, column: 6 });
    expect(errorOf("b'caf\u00e9'").error).toMatch(/not ASCII/);
  });

  it('leaves plain hex with quotes and \\x escapes as it was', () => {
    const r = parseHex('"\\x81\\x05"');
    expect(r).toMatchObject({ ok: true, format: 'hex' });
    expect(r.ok && toHex(r.bytes)).toBe('81 05');
  });

  it.each(CASES.map((c) => [c.hex.length / 2, c] as const))(
    "reads back Python's repr() of %i bytes (repr, bytearray, pprint)",
    (_n, c) => {
      expect(hexOf(c.repr)).toBe(c.hex);
      expect(hexOf(c.bytearray)).toBe(c.hex);
      expect(hexOf(c.pprint)).toBe(c.hex);
    },
  );

  it('has fixtures that need every kind of escape and several literals', () => {
    const all = CASES.map((c) => c.pprint).join('');
    for (const needle of ['\\x', '\\n', '\\r', '\\t', "\\'", '\\\\', "'\n b"]) expect(all).toContain(needle);
  });
});
