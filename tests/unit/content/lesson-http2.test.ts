import { describe, expect, it } from 'vitest';
import { checkAnswer } from '../../../src/content/lessons/exercises/check';
import {
  acceptStatus,
  connectSetting,
  extendedConnectProblem,
  hpackField,
} from '../../../src/content/lessons/exercises/http2';

const SEEDS = Array.from({ length: 200 }, (_, i) => i * 104729 + 3);

// RFC 7541 Appendix A, entries 1–14 (names only).
const STATIC_NAMES = [
  ':authority',
  ':method',
  ':method',
  ':path',
  ':path',
  ':scheme',
  ':scheme',
  ':status',
  ':status',
  ':status',
  ':status',
  ':status',
  ':status',
  ':status',
];

describe('lesson 14: WebSockets over HTTP/2 and HTTP/3', () => {
  it('connectSetting says yes exactly when a 6-byte entry reads 00 08 00 00 00 01 (RFC 8441 §3)', () => {
    const seen = new Set<string>();
    for (const seed of SEEDS) {
      const ex = connectSetting(seed);
      const b = ex.shown![0]!.bytes;
      expect(b.length % 6).toBe(0);
      let enabled = false;
      for (let i = 0; i < b.length; i += 6) {
        if (b[i] === 0 && b[i + 1] === 8)
          enabled = b[i + 2] === 0 && b[i + 3] === 0 && b[i + 4] === 0 && b[i + 5] === 1;
      }
      expect(ex.answer, `seed ${seed}`).toBe(enabled ? 'yes' : 'no');
      seen.add(ex.answer);
      const wrong = checkAnswer(ex, enabled ? 'no' : 'yes');
      expect(wrong).toMatchObject({ correct: false, message: expect.stringMatching(/00 08/) });
    }
    expect([...seen].sort()).toEqual(['no', 'yes']);
  });

  it('extendedConnectProblem accepts the request of RFC 8441 §5 and names each defect', () => {
    const rfc = [
      { name: ':method', value: 'CONNECT' },
      { name: ':protocol', value: 'websocket' },
      { name: ':scheme', value: 'https' },
      { name: ':path', value: '/chat' },
      { name: ':authority', value: 'server.example.com' },
      { name: 'sec-websocket-protocol', value: 'chat, superchat' },
      { name: 'sec-websocket-extensions', value: 'permessage-deflate' },
      { name: 'sec-websocket-version', value: '13' },
      { name: 'origin', value: 'http://www.example.com' },
    ];
    expect(extendedConnectProblem(rfc)).toBe('valid');
    const without = (n: string) => rfc.filter((f) => f.name !== n);
    expect(extendedConnectProblem(without(':protocol'))).toBe('protocol');
    expect(extendedConnectProblem(without(':path'))).toBe('path');
    expect(extendedConnectProblem(without(':scheme'))).toBe('path');
    expect(extendedConnectProblem([{ name: ':method', value: 'GET' }, ...without(':method')])).toBe('method');
    expect(
      extendedConnectProblem([...rfc, { name: 'sec-websocket-key', value: 'dGhlIHNhbXBsZSBub25jZQ==' }]),
    ).toBe('key');
    expect(extendedConnectProblem([...rfc, { name: 'connection', value: 'Upgrade' }])).toBe('connection');
  });

  it('hpackField: the answer is the header the bytes encode, read by an independent reader of RFC 7541 §6.2.2', () => {
    const text = new TextDecoder();
    for (const seed of SEEDS) {
      const ex = hpackField(seed);
      const b = ex.shown![0]!.bytes;
      expect(b[0]! >> 4, 'literal without indexing').toBe(0);
      let at = 1;
      let name: string;
      if (b[0] === 0) {
        name = text.decode(b.subarray(at + 1, at + 1 + b[at]!));
        at += 1 + b[at]!;
      } else name = STATIC_NAMES[b[0]! - 1]!;
      const value = text.decode(b.subarray(at + 1, at + 1 + b[at]!));
      expect(at + 1 + b[at]!).toBe(b.length);
      expect(ex.answer, `seed ${seed}`).toBe(`${name}: ${value}`);
      expect(checkAnswer(ex, `${name}: ${value.slice(1)}`)).toMatchObject({
        correct: false,
        message: expect.stringMatching(/length/),
      });
    }
  });

  it('hpackField explains the off-by-one static table index (RFC 7541 §2.3.1)', () => {
    const ex = SEEDS.map(hpackField).find((e) => e.answer.startsWith(':authority: '));
    expect(ex).toBeDefined();
    const value = ex!.answer.slice(':authority: '.length);
    expect(checkAnswer(ex!, `:method: ${value}`)).toMatchObject({
      correct: false,
      message: expect.stringMatching(/counts from 1/),
    });
  });

  it('acceptStatus: 200 accepts, and 101 is explained as the HTTP/1.1 upgrade', () => {
    const ex = acceptStatus(5);
    expect(checkAnswer(ex, '200')).toMatchObject({ correct: true });
    expect(checkAnswer(ex, '101')).toMatchObject({
      correct: false,
      message: expect.stringMatching(/HTTP\/1\.1/),
    });
  });
});
