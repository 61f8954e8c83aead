import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildRequest, buildResponse } from '../../../src/codec/handshake-build';
import {
  headerTokens,
  headerValues,
  parseRequest,
  parseResponse,
  splitHandshakeText,
} from '../../../src/codec/handshake-http';

const RFC_REQUEST =
  'GET /chat HTTP/1.1\r\n' +
  'Host: server.example.com\r\n' +
  'Upgrade: websocket\r\n' +
  'Connection: Upgrade\r\n' +
  'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n' +
  'Origin: http://example.com\r\n' +
  'Sec-WebSocket-Protocol: chat, superchat\r\n' +
  'Sec-WebSocket-Version: 13\r\n' +
  '\r\n';

describe('buildRequest()', () => {
  it('writes the RFC 6455 §1.2 example exactly', () => {
    expect(
      buildRequest({
        path: '/chat',
        host: 'server.example.com',
        key: 'dGhlIHNhbXBsZSBub25jZQ==',
        origin: 'http://example.com',
        protocols: ['chat', 'superchat'],
      }),
    ).toBe(RFC_REQUEST);
  });

  it('leaves out headers set to null or empty', () => {
    const text = buildRequest({ host: 'a', key: 'k', upgrade: null, connection: '', version: null });
    expect(text).toBe('GET / HTTP/1.1\r\nHost: a\r\nSec-WebSocket-Key: k\r\n\r\n');
  });
});

describe('buildResponse()', () => {
  it('writes the RFC 6455 §1.2 example exactly', () => {
    expect(buildResponse({ accept: 's3pPLMBiTxaQ9kYGzzhZRbK+xOo=', protocol: 'chat' })).toBe(
      'HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n' +
        'Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\nSec-WebSocket-Protocol: chat\r\n\r\n',
    );
  });

  it('writes an error reply without upgrade headers', () => {
    expect(buildResponse({ status: 400, reason: 'Bad Request' })).toBe('HTTP/1.1 400 Bad Request\r\n\r\n');
  });
});

describe('parseRequest()', () => {
  it('reads the request line and every header', () => {
    const req = parseRequest(RFC_REQUEST);
    expect([req.method, req.target, req.httpVersion]).toEqual(['GET', '/chat', 'HTTP/1.1']);
    expect(req.headers.map((h) => h.name)).toEqual([
      'Host',
      'Upgrade',
      'Connection',
      'Sec-WebSocket-Key',
      'Origin',
      'Sec-WebSocket-Protocol',
      'Sec-WebSocket-Version',
    ]);
    expect(req.headers[3]).toEqual({ name: 'Sec-WebSocket-Key', value: 'dGhlIHNhbXBsZSBub25jZQ==', line: 5 });
    expect(req.problems).toEqual([]);
  });

  it('accepts bare \\n line ends with a warning', () => {
    const req = parseRequest(RFC_REQUEST.replace(/\r\n/g, '\n'));
    expect(req.headers).toHaveLength(7);
    expect(req.problems).toEqual([
      expect.objectContaining({ severity: 'warning', message: expect.stringMatching(/CRLF/) }),
    ]);
  });

  it('matches header names case-insensitively and joins repeated headers', () => {
    const req = parseRequest(
      'GET / HTTP/1.1\r\nconnection: keep-alive\r\nCONNECTION: Upgrade\r\nsec-websocket-protocol: a,b\r\nSec-WebSocket-Protocol: c\r\n\r\n',
    );
    expect(headerValues(req, 'Connection')).toEqual(['keep-alive', 'Upgrade']);
    expect(headerTokens(req, 'sec-websocket-protocol')).toEqual(['a', 'b', 'c']);
  });

  it('reports lines it cannot read and goes on', () => {
    const req = parseRequest(
      'GET / HTTP/1.1\r\nHost: a\r\nthis is not a header\r\nBad Name: x\r\nUpgrade: websocket\r\n\r\n',
    );
    expect(req.headers.map((h) => h.name)).toEqual(['Host', 'Upgrade']);
    expect(req.problems.map((p) => p.line)).toEqual([3, 4]);
    expect(req.problems.every((p) => p.severity === 'error')).toBe(true);
  });

  it('reads headers copied without a request line, and says so', () => {
    const req = parseRequest('Host: a\nUpgrade: websocket\n');
    expect(req.method).toBeNull();
    expect(req.headers).toHaveLength(2);
    expect(req.problems[1]?.message).toMatch(/No request line/);
  });

  it('joins folded header lines with a warning', () => {
    const req = parseRequest('GET / HTTP/1.1\r\nSec-WebSocket-Protocol: chat,\r\n  superchat\r\n\r\n');
    expect(headerTokens(req, 'sec-websocket-protocol')).toEqual(['chat', 'superchat']);
    expect(req.problems[0]?.severity).toBe('warning');
  });

  it('never throws and round-trips anything buildRequest writes', () => {
    const token = fc.stringMatching(/^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,12}$/);
    fc.assert(
      fc.property(
        fc.record({
          host: token,
          key: token,
          origin: token,
          path: token.map((t) => `/${t}`),
          protocols: fc.array(token, { maxLength: 4 }),
        }),
        (o) => {
          const req = parseRequest(buildRequest(o));
          expect(req.problems).toEqual([]);
          expect(req.target).toBe(o.path);
          expect(headerValues(req, 'host')).toEqual([o.host]);
          expect(headerTokens(req, 'sec-websocket-protocol')).toEqual(o.protocols);
        },
      ),
    );
    fc.assert(fc.property(fc.string(), (text) => void parseRequest(text)));
  });
});

describe('parseResponse()', () => {
  it('reads the status line', () => {
    const res = parseResponse('HTTP/1.1 426 Upgrade Required\r\nSec-WebSocket-Version: 13\r\n\r\n');
    expect([res.httpVersion, res.status, res.reason]).toEqual(['HTTP/1.1', 426, 'Upgrade Required']);
    expect(headerValues(res, 'sec-websocket-version')).toEqual(['13']);
  });

  it('reports a missing status line', () => {
    const res = parseResponse('Upgrade: websocket\r\n\r\n');
    expect(res.status).toBeNull();
    expect(res.problems[0]?.message).toMatch(/No status line/);
  });
});

describe('splitHandshakeText()', () => {
  it('separates a pasted request and response in either order', () => {
    const response = 'HTTP/1.1 101 Switching Protocols\nUpgrade: websocket\n';
    const both = splitHandshakeText(`\n${RFC_REQUEST.replace(/\r\n/g, '\n')}${response}`);
    expect(both.request?.startsWith('GET /chat HTTP/1.1\r\nHost')).toBe(true);
    expect(both.response?.startsWith('HTTP/1.1 101')).toBe(true);
    const reversed = splitHandshakeText(response + '\n' + RFC_REQUEST);
    expect(reversed.request?.startsWith('GET /chat')).toBe(true);
    expect(reversed.response).not.toContain('GET');
  });

  it('takes text with no start line as request headers', () => {
    expect(splitHandshakeText('Host: a')).toEqual({ request: 'Host: a', response: null });
    expect(splitHandshakeText('  ')).toEqual({ request: null, response: null });
  });
});
