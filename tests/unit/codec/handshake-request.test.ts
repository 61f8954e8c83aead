import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildRequest, type RequestOptions } from '../../../src/codec/handshake-build';
import { parseRequest } from '../../../src/codec/handshake-http';
import { chooseSubprotocol, validateRequest } from '../../../src/codec/handshake-request';

const GOOD: RequestOptions = {
  path: '/chat',
  host: 'server.example.com',
  key: 'dGhlIHNhbXBsZSBub25jZQ==',
  origin: 'http://example.com',
  protocols: ['chat', 'superchat'],
  extensions: 'permessage-deflate; client_max_window_bits',
};

function check(options: Partial<RequestOptions>) {
  return validateRequest(parseRequest(buildRequest({ ...GOOD, ...options })));
}

describe('validateRequest()', () => {
  it('passes the RFC example, every check in RFC order', () => {
    const v = check({});
    expect(v.ok).toBe(true);
    expect(v.reply).toBeNull();
    expect(v.checks.map((c) => c.id)).toEqual([
      'request-syntax',
      'request-target',
      'origin',
      'protocol-tokens',
      'request-extensions-syntax',
      'method',
      'host',
      'request-upgrade',
      'request-connection',
      'key',
      'version',
    ]);
    expect(v.checks.every((c) => c.status === 'pass')).toBe(true);
    expect(v.checks.every((c) => /^RFC 6455 §4\.[124]/.test(c.rfc))).toBe(true);
    expect(v.offer).toEqual({
      key: 'dGhlIHNhbXBsZSBub25jZQ==',
      protocols: ['chat', 'superchat'],
      extensions: [{ name: 'permessage-deflate', params: [{ name: 'client_max_window_bits', value: true }] }],
    });
  });

  it.each<[string, Partial<RequestOptions>]>([
    ['Upgrade in capitals', { upgrade: 'WebSocket' }],
    ['Connection with several tokens', { connection: 'keep-alive, Upgrade' }],
    ['Connection in lower case', { connection: 'upgrade' }],
    ['no subprotocols or extensions', { protocols: [], extensions: null }],
    ['an absolute URI', { path: 'ws://server.example.com/chat?x=1' }],
  ])('accepts %s', (_name, options) => {
    const v = check(options);
    expect(v.failedAt).toBeNull();
    expect(v.ok).toBe(true);
  });

  it.each<[string, Partial<RequestOptions>, string, number]>([
    ['a POST', { method: 'POST' }, 'method', 400],
    ['a missing Host', { host: null }, 'host', 400],
    ['a missing Upgrade', { upgrade: null }, 'request-upgrade', 400],
    ['Upgrade: h2c', { upgrade: 'h2c' }, 'request-upgrade', 400],
    ['Connection without Upgrade', { connection: 'keep-alive' }, 'request-connection', 400],
    ['a missing key', { key: null }, 'key', 400],
    ['a key of 9 bytes', { key: 'c2hvcnQta2V5' }, 'key', 400],
    ['a key that is not Base64', { key: 'not base64 at all!!!!!!=' }, 'key', 400],
    ['version 8', { version: '8' }, 'version', 426],
    ['a missing version', { version: null }, 'version', 400],
    ['a subprotocol that is not a token', { protocols: ['chat room'] }, 'protocol-tokens', 400],
    ['a subprotocol offered twice', { protocols: ['chat', 'chat'] }, 'protocol-tokens', 400],
    [
      'an extension with a bad parameter',
      { extensions: 'permessage-deflate; x="1 0"' },
      'request-extensions-syntax',
      400,
    ],
    ['a target with a fragment', { path: '/chat#top' }, 'request-target', 400],
  ])('stops at %s', (_name, options, id, status) => {
    const v = check(options);
    expect(v.ok).toBe(false);
    expect(v.failedAt?.id).toBe(id);
    expect(v.checks.find((c) => c.id === id)?.status).toBe('fail');
    expect(v.reply?.status).toBe(status);
    expect(v.reply?.text.startsWith(`HTTP/1.1 ${status} `)).toBe(true);
  });

  it('answers an unsupported version with 426 and Sec-WebSocket-Version: 13 (§4.4)', () => {
    expect(check({ version: '8' }).reply?.text).toMatch(/\r\nSec-WebSocket-Version: 13\r\n/);
  });

  it('only warns when Origin is missing', () => {
    const v = check({ origin: null });
    expect(v.ok).toBe(true);
    expect(v.checks.find((c) => c.id === 'origin')?.status).toBe('warn');
  });

  it('fails a key sent twice', () => {
    const v = validateRequest(
      parseRequest(
        buildRequest({ ...GOOD, extraHeaders: [['Sec-WebSocket-Key', 'AAAAAAAAAAAAAAAAAAAAAA==']] }),
      ),
    );
    expect(v.failedAt?.id).toBe('key');
    expect(v.failedAt?.detail).toMatch(/2 times/);
  });

  it('fails HTTP/1.0 and unreadable text', () => {
    expect(
      validateRequest(parseRequest(buildRequest(GOOD).replace('HTTP/1.1', 'HTTP/1.0'))).failedAt?.id,
    ).toBe('method');
    expect(validateRequest(parseRequest('hello')).failedAt?.id).toBe('request-syntax');
  });

  it('never throws, whatever the text, and answers every refusal with 400 or 426', () => {
    const line = fc.oneof(
      fc.string(),
      fc.constantFrom(
        'GET /chat HTTP/1.1',
        'Host: a',
        'Upgrade: websocket',
        'Connection: Upgrade',
        'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==',
        'Sec-WebSocket-Version: 13',
        'Sec-WebSocket-Version: 8',
        'Sec-WebSocket-Extensions: permessage-deflate; x="',
        '',
      ),
    );
    fc.assert(
      fc.property(fc.array(line, { maxLength: 10 }), (lines) => {
        const v = validateRequest(parseRequest(lines.join('\n')));
        expect(v.checks).toHaveLength(11);
        expect(v.reply === null).toBe(v.ok);
        if (!v.ok) expect([400, 426]).toContain(v.reply?.status);
        if (v.reply?.status === 426) expect(v.failedAt?.id).toBe('version');
      }),
      { numRuns: 300 },
    );
  });

  it('names the values it saw in each failing detail', () => {
    expect(check({ key: 'c2hvcnQta2V5' }).failedAt?.detail).toBe(
      '“c2hvcnQta2V5” decodes to 9 bytes, not 16.',
    );
    expect(check({ method: 'POST' }).failedAt?.detail).toMatch(/POST/);
  });
});

describe('chooseSubprotocol()', () => {
  it("picks the client's most preferred protocol the server speaks", () => {
    expect(chooseSubprotocol(['chat', 'superchat'], ['superchat', 'chat'])).toBe('chat');
    expect(chooseSubprotocol(['mqtt'], ['chat'])).toBeNull();
    expect(chooseSubprotocol([], ['chat'])).toBeNull();
  });
});
