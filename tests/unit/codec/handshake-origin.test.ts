/** answerRequest() with an Origin allowlist: RFC 6455 §4.2.2 (4) and §10.2 (403 Forbidden for an unaccepted origin). */
import { describe, expect, it } from 'vitest';
import { answerRequest, buildRequest, originCheck, parseRequest } from '../../../src/codec';

const request = (origin: string | null) =>
  parseRequest(buildRequest({ host: 'server.example.com', key: 'dGhlIHNhbXBsZSBub25jZQ==', origin }));

describe('answerRequest() with allowedOrigins', () => {
  it('refuses a page from another origin with 403 Forbidden, before computing the accept value', async () => {
    const answer = await answerRequest(request('http://example.com'), {
      allowedOrigins: ['https://chat.example.com'],
    });
    expect(answer.text).toMatch(/^HTTP\/1\.1 403 Forbidden\r\n/);
    expect(answer.accept).toBeNull();
    expect(answer.request.ok).toBe(false);
    expect(answer.request.failedAt?.id).toBe('origin-allowed');
    expect(answer.request.failedAt?.detail).toContain('“http://example.com” is not one the server accepts');
  });

  it('accepts a listed origin, compared in lowercase as §4.2.2 (4) says', async () => {
    const answer = await answerRequest(request('HTTPS://Chat.Example.com'), {
      allowedOrigins: ['https://chat.example.com'],
    });
    expect(answer.text).toMatch(/^HTTP\/1\.1 101 /);
    expect(answer.accept?.accept).toBe('s3pPLMBiTxaQ9kYGzzhZRbK+xOo=');
    expect(answer.request.checks.at(-1)).toMatchObject({ id: 'origin-allowed', status: 'pass' });
  });

  it('lets a client without Origin through (not a browser page), and checks nothing without a list', async () => {
    const noOrigin = await answerRequest(request(null), { allowedOrigins: ['https://chat.example.com'] });
    expect(noOrigin.text).toMatch(/^HTTP\/1\.1 101 /);
    const unchecked = await answerRequest(request('http://evil.example'));
    expect(unchecked.text).toMatch(/^HTTP\/1\.1 101 /);
    expect(unchecked.request.checks.some((c) => c.id === 'origin-allowed')).toBe(false);
  });

  it('originCheck() says which rule decided', () => {
    expect(originCheck(request(null), ['https://a.example']).detail).toContain('No Origin');
    expect(originCheck(request('https://a.example'), ['https://a.example']).status).toBe('pass');
  });
});
