/** The redaction rule of `server/redact.ts`, both sides of each part of it. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { credentialRule, redactHead, redactProtocol } from '../../../server/redact';

describe('credentialRule()', () => {
  it.each([
    [
      'a JWT (RFC 7519 §3.1 example)',
      'eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9.eyJpc3MiOiJqb2UifQ.dBjftJeZ4CVP',
      'looks like a JWT',
    ],
    [
      'a Kubernetes bearer token',
      'base64url.bearer.authorization.k8s.io.ZXhhbXBsZS10b2tlbg',
      'names a credential',
    ],
    ['token.<value>', 'token.c2VjcmV0LXZhbHVl', 'names a credential'],
    ['Bearer-<value>', 'Bearer-abcdefgh12', 'names a credential'],
    ['16 random bytes, base64url', 'q3Bm9Xz0T2aLk7RwY1sNcA', 'long and random-looking'],
    ['a hex string', '9f86d081884c7d659a2feaa0c55ad015', 'long and random-looking'],
    ['a UUID', '123e4567-e89b-12d3-a456-426614174000', 'long and random-looking'],
  ])('redacts %s', (_what, token, rule) => {
    expect(credentialRule(token)).toBe(rule);
  });

  it.each([
    'graphql-transport-ws',
    'graphql-ws',
    'mqtt',
    'mqttv3.1',
    'v12.stomp',
    'wamp.2.json',
    'com.example.chat.v2.json',
    'actioncable-v1-json',
    'access_token',
    'auth.v1',
    'token.short',
    'eyJ-not-a-jwt',
    'messagepack',
    'ABCDEFGHIJKLMNOPQRSTUVWXYZ',
  ])('keeps the protocol name %s', (token) => {
    expect(credentialRule(token)).toBeNull();
  });
});

describe('redactHead()', () => {
  const head =
    'GET /echo HTTP/1.1\r\nHost: a\r\ncookie:  sid=1 \r\nAUTHORIZATION: Basic dXNlcjpwYXNz\r\n' +
    'Proxy-Authorization: Bearer xyz\r\nSec-WebSocket-Protocol: mqtt, token.c2VjcmV0LXZhbHVl ,v12.stomp\r\n' +
    'X-Api-Key: not-in-the-rule\r\n\r\n';

  it('replaces Cookie, Authorization and Proxy-Authorization values whatever their case, keeping spacing', () => {
    const { text } = redactHead(head);
    expect(text).toContain('\r\ncookie:  [redacted: 5 bytes] \r\n');
    expect(text).toContain('\r\nAUTHORIZATION: [redacted: 18 bytes]\r\n');
    expect(text).toContain('\r\nProxy-Authorization: [redacted: 10 bytes]\r\n');
  });

  it('replaces only the credential-looking tokens of Sec-WebSocket-Protocol, keeping commas and spaces', () => {
    const { text, redacted } = redactHead(head);
    expect(text).toContain('\r\nSec-WebSocket-Protocol: mqtt, [redacted: 22 bytes] ,v12.stomp\r\n');
    expect(redacted.map((r) => r.header)).toEqual([
      'cookie',
      'AUTHORIZATION',
      'Proxy-Authorization',
      'Sec-WebSocket-Protocol',
    ]);
  });

  it('leaves the request line, other headers and the final blank line alone', () => {
    const { text } = redactHead(head);
    expect(text.startsWith('GET /echo HTTP/1.1\r\nHost: a\r\n')).toBe(true);
    expect(text).toContain('X-Api-Key: not-in-the-rule\r\n');
    expect(text.endsWith('\r\n\r\n')).toBe(true);
  });

  it('returns a head without credentials unchanged', () => {
    const plain = 'GET / HTTP/1.1\r\nHost: a\r\nSec-WebSocket-Protocol: chat\r\n\r\n';
    expect(redactHead(plain)).toEqual({ text: plain, redacted: [] });
  });
});

describe('redactProtocol()', () => {
  it('hides a credential chosen as the subprotocol, and keeps a name', () => {
    expect(redactProtocol('q3Bm9Xz0T2aLk7RwY1sNcA')).toBe('[redacted: 22 bytes]');
    expect(redactProtocol('chat')).toBe('chat');
    expect(redactProtocol(null)).toBeNull();
  });
});

describe('redactHead() on any text (fast-check)', () => {
  it('never throws, keeps every line, and leaves no Cookie or Authorization value behind', () => {
    const line = fc.oneof(
      fc.string(),
      fc
        .tuple(fc.constantFrom('Cookie', 'authorization', 'Sec-WebSocket-Protocol', 'X-Other'), fc.string())
        .map(([name, value]) => `${name}: ${value.replace(/\r\n/g, '')}`),
    );
    fc.assert(
      fc.property(fc.array(line, { maxLength: 8 }), (lines) => {
        const head = `GET / HTTP/1.1\r\n${lines.map((l) => l.replace(/\r\n/g, ' ')).join('\r\n')}\r\n\r\n`;
        const { text, redacted } = redactHead(head);
        expect(text.split('\r\n')).toHaveLength(head.split('\r\n').length);
        for (const l of text.split('\r\n').slice(1)) {
          const m = /^(cookie|authorization)(:[ \t]*)(.*?)[ \t]*$/i.exec(l);
          if (m && m[3]) expect(m[3]).toMatch(/^\[redacted: \d+ bytes\]$/);
        }
        expect(redacted.every((r) => r.bytes > 0)).toBe(true);
      }),
    );
  });
});
