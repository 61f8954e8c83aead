import { describe, expect, it } from 'vitest';
import { decodeSharedState, LINK_TOTAL_LIMIT } from '../../../src/views/Builder/share-state';

/** A link's state as the Builder writes it (`#/builder?s=`): binary frames of generated (`n`) payloads. */
const linkOf = (lengths: number[]) =>
  JSON.stringify({
    r: 'c',
    i: 0,
    f: lengths.map((n) => ({ b: 0x82, m: 1, k: '37fa213d', l: 'auto', p: ['n', n] })),
  });

describe('decodeSharedState() checks a link against limits before anything is built', () => {
  it('refuses eight frames of 16 MiB generated payloads, saying how much was asked and what is allowed', () => {
    const read = decodeSharedState(linkOf(Array.from({ length: 8 }, () => 1 << 24)));
    expect(read).toEqual({
      ok: false,
      error:
        'The link asks for 128 MiB of payload in total; a link may ask for at most 16 MiB, so nothing was built.',
    });
  });

  it('accepts one frame of exactly the limit, and several frames that add up to it', () => {
    expect(decodeSharedState(linkOf([LINK_TOTAL_LIMIT])).ok).toBe(true);
    expect(decodeSharedState(linkOf([LINK_TOTAL_LIMIT / 2, LINK_TOTAL_LIMIT / 2])).ok).toBe(true);
    expect(decodeSharedState(linkOf([LINK_TOTAL_LIMIT / 2, LINK_TOTAL_LIMIT / 2 + 1])).ok).toBe(false);
  });
});
