import { describe, expect, it } from 'vitest';
import { presentFromSearch, readTheme, searchWithPresent } from '../../../src/lib/display.svelte';

describe('presentFromSearch()', () => {
  it('reads ?present with or without a value, and off values', () => {
    expect(presentFromSearch('?present')).toBe(true);
    expect(presentFromSearch('?present=1')).toBe(true);
    expect(presentFromSearch('?a=b&present')).toBe(true);
    expect(presentFromSearch('')).toBe(false);
    expect(presentFromSearch('?present=0')).toBe(false);
    expect(presentFromSearch('?present=false')).toBe(false);
    expect(presentFromSearch('?presenter')).toBe(false);
  });
});

describe('searchWithPresent()', () => {
  it('adds and removes present, keeping other parameters', () => {
    expect(searchWithPresent('', true)).toBe('?present');
    expect(searchWithPresent('?present', false)).toBe('');
    expect(searchWithPresent('?a=b', true)).toBe('?present&a=b');
    expect(searchWithPresent('?a=b&present=1', false)).toBe('?a=b');
    expect(presentFromSearch(searchWithPresent('?a=b', true))).toBe(true);
  });
});

describe('readTheme()', () => {
  it('accepts only the three known themes', () => {
    expect(readTheme('dark')).toBe('dark');
    expect(readTheme('light')).toBe('light');
    expect(readTheme(null)).toBe('system');
    expect(readTheme('<script>')).toBe('system');
  });
});
