import { deflateRawSync, inflateRawSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { base64, bool, int, list, nullable, obj, oneOf, optional, str } from '../../../src/lib/link-schema';
import {
  decodeLink,
  encodeLink,
  LINK_VERSION,
  MAX_LINK_CHARS,
  MAX_LINK_JSON,
} from '../../../src/lib/share-link';

const schema = obj({
  text: str(10_000),
  n: int(0, 1000),
  flag: optional(bool(), false),
  mode: oneOf(['a', 'b'] as const),
  data: base64(4096),
  items: list(int(0, 255), 64),
  note: nullable(str(20)),
});
const sample = { text: 'Hello', n: 3, flag: true, mode: 'b', data: 'SGVsbG8=', items: [1, 2], note: null };

/** A token made by Node's zlib, a second DEFLATE implementation, from any JSON text. */
const zlibToken = (json: string, version = LINK_VERSION) =>
  `${version}.${deflateRawSync(Buffer.from(json)).toString('base64url')}`;

describe('encodeLink() / decodeLink()', () => {
  it('writes "1." and base64url of raw DEFLATE that zlib inflates back to the JSON', async () => {
    const token = await encodeLink(sample);
    expect(token).toMatch(/^1\.[A-Za-z0-9_-]+$/);
    const json = inflateRawSync(Buffer.from(token.slice(2), 'base64url')).toString();
    expect(JSON.parse(json)).toEqual(sample);
  });

  it('reads a link deflated by zlib', async () => {
    expect(await decodeLink(zlibToken(JSON.stringify(sample)), schema)).toEqual({ ok: true, value: sample });
  });

  it('round-trips any state the schema accepts', async () => {
    const arb = fc.record({
      text: fc.string({ maxLength: 300, unit: 'binary' }),
      n: fc.integer({ min: 0, max: 1000 }),
      flag: fc.boolean(),
      mode: fc.constantFrom('a' as const, 'b' as const),
      data: fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b).toString('base64')),
      items: fc.array(fc.integer({ min: 0, max: 255 }), { maxLength: 64 }),
      note: fc.option(fc.string({ maxLength: 20 }), { nil: null }),
    });
    await fc.assert(
      fc.asyncProperty(arb, async (state) => {
        expect(await decodeLink(await encodeLink(state), schema)).toEqual({ ok: true, value: state });
      }),
      { numRuns: 150 },
    );
  });

  it('ignores fields it does not know and fills in optional ones', async () => {
    const { flag: _flag, ...rest } = sample;
    const read = await decodeLink(await encodeLink({ ...rest, extra: '<script>alert(1)</script>' }), schema);
    expect(read).toEqual({ ok: true, value: { ...rest, flag: false } });
  });

  it('never throws on random text, truncations or bit flips, and says what is wrong', async () => {
    const good = await encodeLink(sample);
    const inputs = fc.oneof(
      fc.string({ maxLength: 400 }),
      fc.string({ maxLength: 400 }).map((s) => `1.${s}`),
      fc.integer({ min: 0, max: good.length - 1 }).map((k) => good.slice(0, k)),
      fc
        .tuple(fc.integer({ min: 2, max: good.length - 1 }), fc.constantFrom(...'AZaz09-_'))
        .map(([i, c]) => good.slice(0, i) + c + good.slice(i + 1)),
    );
    await fc.assert(
      fc.asyncProperty(inputs, async (token) => {
        const read = await decodeLink(token, schema);
        if (!read.ok) expect(read.error).toMatch(/^The link/);
      }),
      { numRuns: 300 },
    );
  });
});

describe('decodeLink() refuses', () => {
  const refused = async (token: string) => {
    const read = await decodeLink(token, schema);
    expect(read.ok).toBe(false);
    return read.ok ? '' : read.error;
  };

  it('a link longer than the limit before decoding anything (1 MB of junk)', async () => {
    expect(await refused('1.' + 'A'.repeat(1_000_000))).toBe(
      `The link is 1,000,002 characters long; a Framescope link holds at most ${MAX_LINK_CHARS.toLocaleString('en')}, so it was not read.`,
    );
  });

  it('a link without a version tag, or of another version', async () => {
    expect(await refused(Buffer.from('{}').toString('base64url'))).toMatch(/no version tag/);
    expect(await refused(zlibToken(JSON.stringify(sample), 2))).toBe(
      'The link is version 2; this Framescope reads version 1 links (it was made by a newer one).',
    );
    expect(await refused(zlibToken(JSON.stringify(sample), 0))).toBe(
      'The link is version 0; this Framescope reads version 1 links.',
    );
  });

  it('script text and characters outside base64url', async () => {
    expect(await refused('1.<script>alert(1)</script>')).toBe(
      'The link is damaged: character 3 is not part of a Framescope link.',
    );
    expect(await refused('javascript:alert(1)')).toMatch(/no version tag/);
  });

  it('truncated base64 and truncated DEFLATE data', async () => {
    const good = zlibToken(JSON.stringify({ ...sample, text: 'x'.repeat(500) + 'y'.repeat(500) }));
    // One base64 character more than a multiple of 4 cannot be a whole byte.
    const body = good.slice(2);
    const cut = `1.${body.slice(0, 4 * Math.floor((body.length - 2) / 4) + 1)}`;
    expect(await refused(cut)).toBe('The link is cut short: its last characters are missing.');
    expect(await refused(good.slice(0, good.length - 4))).toBe(
      'The link is cut short or damaged: its compressed data does not unpack.',
    );
  });

  it('a deflate bomb, stopped at the limit without inflating it whole', async () => {
    // 16 MiB of spaces deflate (zlib, level 9) to about 16 KB: under the length limit, 64 times the JSON limit.
    const bomb = `${LINK_VERSION}.${deflateRawSync(Buffer.alloc(16 << 20, 0x20), { level: 9 }).toString('base64url')}`;
    expect(bomb.length).toBeLessThan(MAX_LINK_CHARS);
    expect(await refused(bomb)).toBe(
      `The link unpacks to more than ${MAX_LINK_JSON / 1024} KiB, more than any Framescope state, so it was not read.`,
    );
  });

  it('what is not JSON, or not UTF-8', async () => {
    expect(await refused(zlibToken('{"text":'))).toMatch(/not a Framescope state/);
    expect(
      await refused(`1.${deflateRawSync(Buffer.from([0x22, 0xff, 0x22])).toString('base64url')}`),
    ).toMatch(/not a Framescope state/);
  });

  it('every field out of type or range, naming the field', async () => {
    const bad = async (patch: Record<string, unknown>) =>
      refused(zlibToken(JSON.stringify({ ...sample, ...patch })));
    expect(await bad({ text: 5 })).toBe('The link’s text must be text.');
    expect(await bad({ text: 'x'.repeat(10_001) })).toBe(
      'The link’s text is 10,001 characters long (at most 10,000).',
    );
    expect(await bad({ n: 1.5 })).toBe('The link’s n must be a whole number.');
    expect(await bad({ n: 1001 })).toBe('The link’s n must be from 0 to 1,000.');
    expect(await bad({ flag: 'yes' })).toBe('The link’s flag must be true or false.');
    expect(await bad({ mode: 'c' })).toBe('The link’s mode must be one of a, b.');
    expect(await bad({ data: 'SGVsbG8' })).toBe(
      'The link’s data is cut short (Base64 comes in groups of 4 characters).',
    );
    expect(await bad({ data: 'A'.repeat(8192) })).toMatch(/^The link’s data is 8,192 characters long/);
    expect(await bad({ data: '<b>' })).toBe('The link’s data has characters it may not have.');
    expect(await bad({ items: {} })).toBe('The link’s items must be a list.');
    expect(await bad({ items: Array(65).fill(0) })).toBe('The link’s items has 65 items (at most 64).');
    expect(await bad({ items: [1, 256] })).toBe('The link’s items[1] must be from 0 to 255.');
    expect(await bad({ note: 3 })).toBe('The link’s note must be text.');
    expect(await refused(zlibToken('[1]'))).toBe('The link’s state must be an object.');
  });
});
