import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { importCapture } from '../../../src/capture';
import { parseHex } from '../../../src/codec/hex';
import { looksLikePythonBytes } from '../../../src/codec/hex-python';
import { isWhitespace } from '../../../src/codec/hex-source';
import { TEXT_ADVERSARIES } from '../../../bench/parsers-inputs';
import { growth } from '../support/growth';

const repeatTo = (unit: string) => (size: number) =>
  unit.repeat(Math.ceil(size / unit.length)).slice(0, size);
const encoder = new TextEncoder();
const importText = (text: string) => importCapture('paste.txt', encoder.encode(text));

/** Pieces of text that made a parser rescan or backtrack: whitespace of every kind, prefixes, brackets, openers. */
const HOSTILE_ATOMS = [
  ' ',
  '\n',
  '\t',
  '\r\n',
  '\u00a0',
  '\u2009',
  '0x',
  '\\x',
  '{',
  '}',
  '[',
  ']',
  '=',
  '"',
  "'",
  "b'",
  'b"',
  '(',
  ')',
  'bytes',
  'bytearray',
  '/*',
  '*/',
  '//',
  '#',
  ',',
  '81',
  '8',
  'zz',
  '0000',
  '0000  ',
  '|',
  '>',
  '*',
  'Frame (1 bytes):',
  '41 ',
  '\u2028',
];

describe('isWhitespace()', () => {
  it('agrees with JavaScript’s \\s on every UTF-16 code unit', () => {
    const differ: number[] = [];
    for (let c = 0; c < 0x10000; c++)
      if (isWhitespace(c) !== /\s/.test(String.fromCharCode(c))) differ.push(c);
    expect(differ).toEqual([]);
  });
});

describe('the text parsers run in time linear in their input', () => {
  it('looksLikePythonBytes() on 400,000 spaces (a regex with two optional space runs was quadratic)', () => {
    const g = growth((t) => looksLikePythonBytes(t), repeatTo(' '), 50_000);
    expect(g, JSON.stringify(g)).toMatchObject({ linear: true });
  });

  it.each(TEXT_ADVERSARIES.map((a) => [a.name, a] as const))(
    'parseHex() on %s grows linearly from 25 KB to 200 KB',
    (_name, adversary) => {
      const g = growth(
        (t) => parseHex(t),
        (n) => adversary.make(n),
        25_000,
      );
      expect(g, JSON.stringify(g)).toMatchObject({ linear: true });
    },
  );

  it.each(TEXT_ADVERSARIES.map((a) => [a.name, a] as const))(
    'importCapture() of a text file of %s grows linearly from 25 KB to 200 KB',
    (_name, adversary) => {
      const g = growth(importText, (n) => adversary.make(n), 25_000);
      expect(g, JSON.stringify(g)).toMatchObject({ linear: true });
    },
  );

  it('random text made of hostile pieces never grows worse than linearly in parseHex()', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...HOSTILE_ATOMS), { minLength: 1, maxLength: 6 }), (atoms) => {
        const g = growth((t) => parseHex(t), repeatTo(atoms.join('')), 10_000);
        expect(g, `${JSON.stringify(atoms)}: ${JSON.stringify(g)}`).toMatchObject({ linear: true });
      }),
      { numRuns: 40, seed: 13 },
    );
  });

  it('random text with one hostile piece repeated inside ordinary hex never grows worse than linearly', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...HOSTILE_ATOMS),
        fc.constantFrom('81 05 ', '0000  81 05   ..\n', "b'A"),
        (atom, around) => {
          const make = (n: number) => around + atom.repeat(Math.ceil(n / atom.length)) + around;
          const g = growth((t) => parseHex(t), make, 10_000);
          expect(g, `${JSON.stringify([atom, around])}: ${JSON.stringify(g)}`).toMatchObject({
            linear: true,
          });
        },
      ),
      { numRuns: 30, seed: 14 },
    );
  });
});
