import { describe, expect, it } from 'vitest';
import { excerptAround } from '../../../src/views/Decoder/input-excerpt';

describe('excerptAround()', () => {
  it('splits the line around the offending characters', () => {
    expect(excerptAround('81 05\n48 6 6c\n6f', 9, 1)).toEqual({ before: '48 ', bad: '6', after: ' 6c' });
  });
  it('cuts a long line to the radius, with an ellipsis where it goes on', () => {
    const text = `${'ab '.repeat(20)}zz${' cd'.repeat(20)}`;
    const r = excerptAround(text, 60, 2, 6);
    expect(r).toEqual({ before: '…ab ab ', bad: 'zz', after: ' cd cd…' });
  });
  it('stays inside the text at its ends', () => {
    expect(excerptAround('5', 0, 1)).toEqual({ before: '', bad: '5', after: '' });
    expect(excerptAround('81 0', 3, 5)).toEqual({ before: '81 ', bad: '0', after: '' });
  });
});
