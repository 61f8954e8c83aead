/** The Origin rule of `server/origin.ts` (RFC 6455 §10.2), both sides. */
import { describe, expect, it } from 'vitest';
import { checkOrigin, normalizeOrigin, parseOriginList } from '../../../server/origin';

const ok = (origin: string | undefined, host?: string, allowed: string[] = []) =>
  checkOrigin(origin, host, allowed).ok;

describe('checkOrigin()', () => {
  it('allows a request without Origin: a non-browser client (RFC 6455 §4.1)', () => {
    expect(ok(undefined)).toBe(true);
  });

  it('allows loopback pages on any port, and refuses names that only contain “localhost”', () => {
    for (const o of [
      'http://localhost:5173',
      'https://127.0.0.1',
      'http://127.1.2.3:8080',
      'http://[::1]:4173',
      'http://app.localhost',
    ])
      expect(ok(o, 'x')).toBe(true);
    for (const o of ['http://localhost.evil.example', 'http://128.0.0.1', 'ftp://127.0.0.1'])
      expect(ok(o, 'x')).toBe(false);
  });

  it('allows the server’s own pages by IP address, not by host name (DNS rebinding)', () => {
    expect(ok('http://192.168.1.20:4173', '192.168.1.20:4173')).toBe(true);
    expect(ok('http://192.168.1.20:4173', '192.168.1.20:5173')).toBe(false);
    expect(ok('http://evil.example:4173', 'evil.example:4173')).toBe(false);
  });

  it('allows listed origins exactly, after normalising, and any with *', () => {
    expect(ok('https://Framescope.Example:443', 'h', ['https://framescope.example'])).toBe(true);
    expect(ok('https://framescope.example.evil', 'h', ['https://framescope.example'])).toBe(false);
    expect(ok('http://framescope.example', 'h', ['https://framescope.example'])).toBe(false);
    expect(ok('https://anything.example', 'h', ['*'])).toBe(true);
  });

  it('refuses Origin: null (sandboxed frames, file:// pages) unless listed, and says why', () => {
    const verdict = checkOrigin('null', 'h', []);
    expect(verdict).toEqual({ ok: false, reason: expect.stringContaining('Origin null is not allowed') });
    expect(ok('null', 'h', ['null'])).toBe(true);
  });
});

describe('parseOriginList()', () => {
  it('splits on commas, trims, normalises and keeps *', () => {
    expect(parseOriginList(' https://A.example/ , *,, null ')).toEqual(['https://a.example', '*', 'null']);
    expect(parseOriginList(undefined)).toEqual([]);
    expect(normalizeOrigin('http://x.example:80')).toBe('http://x.example');
  });
});
