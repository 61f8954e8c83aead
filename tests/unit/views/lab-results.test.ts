import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findLabCase, LAB_CASES } from '../../../src/content/lab/cases';
import {
  allowedAlternative,
  browserName,
  diffRuns,
  differencesFromRfc,
  labFile,
  parseLabFile,
  type LabFile,
  type LabResult,
} from '../../../src/views/Lab/lab-results';

/** A result in which the browser failed the connection with `code` on the wire. */
function failed(id: string, code: number | null, reason = ''): LabResult {
  return {
    id,
    page: {
      opened: true,
      messages: [],
      previews: [],
      error: true,
      close: { code: 1006, reason: '', wasClean: false },
      closeMs: 12,
    },
    wire: {
      close: code === null ? null : { code, reason },
      pongs: [],
      other: [],
      serverFrames: 2,
      tcpClosed: true,
      extensions: null,
    },
    timedOut: false,
  };
}

const file = (browser: string, results: LabResult[]): LabFile => ({ ...labFile(browser, '', results) });

describe('differencesFromRfc()', () => {
  it('says what differs from the section the case cites: 1002 where RFC 6455 §8.1 asks for 1007', () => {
    const c = findLabCase('invalid-utf8')!;
    expect(differencesFromRfc(c, failed(c.id, 1002, 'Invalid UTF-8 in text frame'), 'Chromium')).toEqual([
      'Chromium sends close 1002 “Invalid UTF-8 in text frame”; RFC 6455 §8.1 asks for close 1007.',
    ]);
    expect(differencesFromRfc(c, failed(c.id, 1007), 'Chromium')).toEqual([]);
  });

  it('accepts the alternative a case allows, and says why', () => {
    const c = findLabCase('non-minimal-length-16')!;
    const r = failed(c.id, 1002);
    expect(differencesFromRfc(c, r, 'X')).toEqual([]);
    expect(allowedAlternative(c, r)).toMatch(/§10\.7/);
    expect(differencesFromRfc(c, failed(c.id, 1007), 'X')).toContain(
      'X sends close 1007; RFC 6455 §5.2 asks for close 1000.',
    );
  });

  it('reports a page that saw a message it should not have, and a case that timed out', () => {
    const c = findLabCase('rsv2-set')!;
    const r = failed(c.id, 1002);
    r.page.messages = ['text:4'];
    r.timedOut = true;
    expect(differencesFromRfc(c, r, 'B')).toEqual([
      'B did not finish the case in time.',
      'The page gets text:4; expected no message.',
    ]);
  });
});

describe('diffRuns()', () => {
  it('lists each changed case with both runs side by side, and nothing when they agree', () => {
    const a = file('Chromium 156', [failed('rsv2-set', 1002), failed('invalid-utf8', 1002)]);
    const b = file('Chromium 157', [failed('rsv2-set', 1002), failed('invalid-utf8', 1007)]);
    expect(diffRuns(a, a)).toEqual([]);
    const diff = diffRuns(a, b);
    expect(diff).toHaveLength(1);
    expect(diff[0]).toMatch(
      /^invalid-utf8:\n {2}Chromium 156: .*wire: close 1002\n {2}Chromium 157: .*wire: close 1007$/,
    );
  });

  it('ignores timing and previews, and counts a missing case as a change', () => {
    const r = failed('rsv2-set', 1002);
    const slower = { ...r, page: { ...r.page, closeMs: 900, previews: ['x'] } };
    expect(diffRuns(file('a', [r]), file('b', [slower]))).toEqual([]);
    expect(diffRuns(file('a', [r]), file('b', []))[0]).toMatch(/b: not run/);
  });
});

describe('parseLabFile()', () => {
  it('reads the committed Chromium table, one result per case', () => {
    const text = readFileSync(new URL('../../../src/content/lab/chromium-156.json', import.meta.url), 'utf8');
    const parsed = parseLabFile(text);
    if ('error' in parsed) throw new Error(parsed.error);
    expect(parsed.browser).toMatch(/^Chromium 156\./);
    expect(parsed.results.map((r) => r.id)).toEqual(LAB_CASES.map((c) => c.id));
  });

  it('round-trips a results file through JSON', () => {
    const f = file('Firefox 140.0', [failed('rsv2-set', 1002), failed('tcp-reset-mid-frame', null)]);
    expect(parseLabFile(JSON.stringify(f))).toEqual(f);
  });

  it('refuses what is not a results file, in words', () => {
    expect(parseLabFile('{')).toMatchObject({ error: expect.stringMatching(/^This is not JSON/) });
    expect(parseLabFile('[]')).toMatchObject({
      error: expect.stringMatching(/not a Framescope Lab results file/),
    });
    expect(parseLabFile('{"format":"framescope-lab","version":2,"results":[]}')).toMatchObject({
      error: 'Lab results version 2 is not supported (1 is).',
    });
    const bad = file('x', [failed('rsv2-set', 1002)]) as unknown as {
      results: { page: { close: unknown } }[];
    };
    bad.results[0]!.page.close = 'closed';
    expect(parseLabFile(JSON.stringify(bad))).toMatchObject({
      error: expect.stringMatching(/^Result 1 is not/),
    });
  });
});

describe('browserName()', () => {
  it('names browsers from their user agent strings', () => {
    expect(browserName('Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0')).toBe(
      'Firefox 140.0',
    );
    expect(
      browserName(
        'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.2 Safari/605.1.15',
      ),
    ).toBe('Safari 18.2');
    expect(
      browserName(
        'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/156.0.8078.129 Safari/537.36',
      ),
    ).toBe('Chromium 156.0.8078.129');
  });
});

describe('parseLabFile() on anything', () => {
  const result = fc.record({
    id: fc.constantFrom(...LAB_CASES.map((c) => c.id)),
    page: fc.record({
      opened: fc.boolean(),
      messages: fc.array(fc.string()),
      previews: fc.array(fc.string()),
      error: fc.boolean(),
      close: fc.option(fc.record({ code: fc.integer(), reason: fc.string(), wasClean: fc.boolean() })),
      closeMs: fc.option(fc.nat()),
    }),
    wire: fc.option(
      fc.record({
        close: fc.option(fc.record({ code: fc.option(fc.integer()), reason: fc.string() })),
        pongs: fc.array(fc.string()),
        other: fc.array(fc.string()),
        serverFrames: fc.nat(),
        tcpClosed: fc.boolean(),
        extensions: fc.option(fc.string()),
      }),
    ),
    timedOut: fc.boolean(),
  });

  it('round-trips any well-formed results file', () => {
    fc.assert(
      fc.property(fc.array(result, { maxLength: 5 }), fc.string(), (results, browser) => {
        const f = file(browser, results as LabResult[]);
        expect(parseLabFile(JSON.stringify(f))).toEqual(f);
      }),
    );
  });

  it('never throws: any JSON value, any text, or a results file with any field replaced, gives a file or an error', () => {
    const valid = JSON.stringify(file('x', [failed('rsv2-set', 1002)]));
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.jsonValue().map((v) => JSON.stringify(v)),
          fc
            .jsonValue()
            .map((v) => valid.replace('"wasClean":false', `"wasClean":${JSON.stringify(v) ?? 'null'}`)),
          fc.jsonValue().map((v) => valid.replace('"pongs":[]', `"pongs":${JSON.stringify(v) ?? 'null'}`)),
        ),
        (text) => {
          const out = parseLabFile(text);
          expect('error' in out ? typeof out.error : out.format).toMatch(/^(string|framescope-lab)$/);
        },
      ),
    );
  });
});
