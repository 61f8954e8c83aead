import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { answerRequest } from '../../../src/codec/handshake';
import { buildRequest, buildResponse, type ResponseOptions } from '../../../src/codec/handshake-build';
import { parseRequest, parseResponse } from '../../../src/codec/handshake-http';
import { type ResponseExpectations, validateResponse } from '../../../src/codec/handshake-response';

const KEY = 'dGhlIHNhbXBsZSBub25jZQ==';
const ACCEPT = 's3pPLMBiTxaQ9kYGzzhZRbK+xOo=';
const SENT: ResponseExpectations = {
  key: KEY,
  offeredProtocols: ['chat', 'superchat'],
  offeredExtensions: 'permessage-deflate; client_max_window_bits',
};

function check(options: ResponseOptions, sent = SENT) {
  return validateResponse(parseResponse(buildResponse({ accept: ACCEPT, ...options })), sent);
}

describe('validateResponse()', () => {
  it('passes the RFC example, every check in RFC order', async () => {
    const v = await check({ protocol: 'chat', extensions: 'permessage-deflate; client_max_window_bits=10' });
    expect(v.checks.map((c) => [c.id, c.status])).toEqual([
      ['response-syntax', 'pass'],
      ['status-line', 'pass'],
      ['accept-format', 'pass'],
      ['protocol-single', 'pass'],
      ['response-extensions-syntax', 'pass'],
      ['response-upgrade', 'pass'],
      ['response-connection', 'pass'],
      ['accept-match', 'pass'],
      ['extensions-offered', 'pass'],
      ['protocol-offered', 'pass'],
    ]);
    expect(v.ok).toBe(true);
    expect(v.expected?.accept).toBe(ACCEPT);
    expect(v.agreed.protocol).toBe('chat');
    expect(v.agreed.permessageDeflate?.clientMaxWindowBits).toBe(10);
  });

  it.each<[string, ResponseOptions, string]>([
    ['a wrong accept', { accept: 'AAAAAAAAAAAAAAAAAAAAAAAAAAA=' }, 'accept-match'],
    ['a missing accept', { accept: null }, 'accept-format'],
    ['an accept of the wrong length', { accept: 'c2hvcnQ=' }, 'accept-format'],
    ['a missing Upgrade', { upgrade: null }, 'response-upgrade'],
    ['Connection: keep-alive', { connection: 'keep-alive' }, 'response-connection'],
    ['a subprotocol the client did not offer', { protocol: 'mqtt' }, 'protocol-offered'],
    ['two subprotocols', { protocol: 'chat, superchat' }, 'protocol-single'],
    ['an extension the client did not offer', { extensions: 'x-webkit-deflate-frame' }, 'extensions-offered'],
    [
      'a permessage-deflate window larger than allowed',
      { extensions: 'permessage-deflate; client_max_window_bits=16' },
      'extensions-offered',
    ],
    ['a broken extension header', { extensions: 'permessage-deflate; =' }, 'response-extensions-syntax'],
  ])('fails the connection on %s', async (_name, options, id) => {
    const v = await check(options);
    expect(v.ok).toBe(false);
    expect(v.failedAt?.id).toBe(id);
  });

  it('fails client_max_window_bits when the client did not offer it (RFC 7692 §7.1.2.2)', async () => {
    const v = await check(
      { extensions: 'permessage-deflate; client_max_window_bits=10' },
      { ...SENT, offeredExtensions: 'permessage-deflate' },
    );
    expect(v.failedAt?.id).toBe('extensions-offered');
    expect(v.failedAt?.detail).toMatch(/client_max_window_bits/);
  });

  it('stops at a non-101 status and skips the rest', async () => {
    const v = await validateResponse(
      parseResponse('HTTP/1.1 426 Upgrade Required\r\nSec-WebSocket-Version: 13\r\n\r\n'),
      SENT,
    );
    expect(v.failedAt?.id).toBe('status-line');
    expect(v.failedAt?.detail).toMatch(/426 Upgrade Required/);
    expect(v.checks.slice(2).every((c) => c.status === 'skip')).toBe(true);
  });

  it('fails accept-match when there was no key to compare with', async () => {
    const v = await check({}, { ...SENT, key: null });
    expect(v.failedAt?.id).toBe('accept-match');
  });

  it('never throws, whatever the text, and always lists every check', async () => {
    const line = fc.oneof(
      fc.string(),
      fc.constantFrom(
        'HTTP/1.1 101 Switching Protocols',
        'Upgrade: websocket',
        'Connection: Upgrade',
        `Sec-WebSocket-Accept: ${ACCEPT}`,
        'Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits=9',
        'Sec-WebSocket-Protocol: chat',
        '',
      ),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(line, { maxLength: 8 }), fc.option(fc.string()), async (lines, key) => {
        const v = await validateResponse(parseResponse(lines.join('\r\n')), { ...SENT, key });
        expect(v.checks).toHaveLength(10);
        expect(v.ok).toBe(v.failedAt === null);
      }),
      { numRuns: 200 },
    );
  });

  it('accepts extensions passed as parsed offers', async () => {
    const v = await validateResponse(
      parseResponse(buildResponse({ accept: ACCEPT, extensions: 'permessage-deflate' })),
      {
        key: KEY,
        offeredExtensions: [{ name: 'permessage-deflate', params: [] }],
      },
    );
    expect(v.ok).toBe(true);
  });
});

describe('answerRequest()', () => {
  it('answers a good request with a 101 that its own client accepts', async () => {
    const request = parseRequest(
      buildRequest({
        host: 'a',
        key: KEY,
        protocols: ['chat'],
        extensions: 'permessage-deflate; client_max_window_bits',
      }),
    );
    const answer = await answerRequest(request, { protocols: ['chat'], permessageDeflate: {} });
    expect(answer.text).toBe(
      'HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n' +
        `Sec-WebSocket-Accept: ${ACCEPT}\r\nSec-WebSocket-Protocol: chat\r\nSec-WebSocket-Extensions: permessage-deflate\r\n\r\n`,
    );
    const v = await validateResponse(parseResponse(answer.text), {
      key: KEY,
      offeredProtocols: answer.request.offer.protocols,
      offeredExtensions: answer.request.offer.extensions,
    });
    expect(v.ok).toBe(true);
  });

  it('answers a bad request with the reply of validateRequest and computes nothing', async () => {
    const answer = await answerRequest(parseRequest(buildRequest({ host: 'a', key: KEY, version: '7' })));
    expect(answer.accept).toBeNull();
    expect(answer.text.startsWith('HTTP/1.1 426 Upgrade Required\r\n')).toBe(true);
  });

  it('sends no Sec-WebSocket-Protocol when it speaks none of the offered ones', async () => {
    const answer = await answerRequest(
      parseRequest(buildRequest({ host: 'a', key: KEY, protocols: ['mqtt'] })),
      {
        protocols: ['chat'],
      },
    );
    expect(answer.protocol).toBeNull();
    expect(answer.text).not.toMatch(/Sec-WebSocket-Protocol/);
  });
});
