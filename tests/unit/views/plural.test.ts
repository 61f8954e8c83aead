import { describe, expect, it } from 'vitest';
import { byteRange, plural } from '../../../src/lib/plural';

describe('plural', () => {
  it('is singular for exactly one', () => {
    expect(plural(1, 'byte')).toBe('1 byte');
    expect(plural(1, 'TCP connection')).toBe('1 TCP connection');
  });
  it('is plural for zero, several and fractions', () => {
    expect(plural(0, 'frame')).toBe('0 frames');
    expect(plural(2, 'message')).toBe('2 messages');
    expect(plural(1.5, 'second')).toBe('1.5 seconds');
  });
  it('groups thousands and takes an irregular plural', () => {
    expect(plural(65536, 'byte')).toBe('65,536 bytes');
    expect(plural(3, 'child', 'children')).toBe('3 children');
  });
});

describe('byteRange', () => {
  it('names a single byte once', () => {
    expect(byteRange(2, 2)).toBe('byte 2');
    expect(byteRange(2, 5)).toBe('bytes 2–5');
  });
  it('says an empty range holds no bytes, never "bytes 2–1"', () => {
    // An empty payload after a 2-byte header: the field spans bytes 2 to 1.
    expect(byteRange(2, 1)).toBe('no bytes (would start at byte 2)');
  });
});
