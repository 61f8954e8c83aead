import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  acceptSteps,
  base64ToBytes,
  bytesToBase64,
  computeAccept,
  generateKey,
  hashBackend,
  WEBSOCKET_GUID,
} from '../../../src/codec/handshake-accept';

describe('computeAccept()', () => {
  it('gives the RFC 6455 §1.3 example value', async () => {
    expect(await computeAccept('dGhlIHNhbXBsZSBub25jZQ==')).toBe('s3pPLMBiTxaQ9kYGzzhZRbK+xOo=');
  });

  it('gives the same value with the @noble/hashes fallback', async () => {
    expect(await computeAccept('dGhlIHNhbXBsZSBub25jZQ==', { prefer: 'noble-hashes' })).toBe(
      's3pPLMBiTxaQ9kYGzzhZRbK+xOo=',
    );
  });

  it('ignores whitespace around the key, as §4.1 says', async () => {
    expect(await computeAccept('  dGhlIHNhbXBsZSBub25jZQ== ')).toBe('s3pPLMBiTxaQ9kYGzzhZRbK+xOo=');
  });

  it('agrees between WebCrypto and @noble/hashes on any key', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 80 }), async (key) => {
        expect(await computeAccept(key, { prefer: 'noble-hashes' })).toBe(await computeAccept(key));
      }),
      { numRuns: 100 },
    );
  });
});

describe('acceptSteps()', () => {
  it('keeps every intermediate value of the §4.2.2 example', async () => {
    const steps = await acceptSteps('dGhlIHNhbXBsZSBub25jZQ==');
    expect(steps.concatenated).toBe('dGhlIHNhbXBsZSBub25jZQ==258EAFA5-E914-47DA-95CA-C5AB0DC85B11');
    expect(steps.guid).toBe(WEBSOCKET_GUID);
    expect(steps.concatenatedBytes.length).toBe(60);
    expect(steps.concatenatedBytes[0]).toBe(0x64);
    expect(steps.digestHex).toBe('b3 7a 4f 2c c0 62 4f 16 90 f6 46 06 cf 38 59 45 b2 be c4 ea');
    expect(steps.accept).toBe('s3pPLMBiTxaQ9kYGzzhZRbK+xOo=');
    expect(steps.hash.backend).toBe('webcrypto');
  });

  it('reports the fallback and why when asked for it', async () => {
    const steps = await acceptSteps('dGhlIHNhbXBsZSBub25jZQ==', { prefer: 'noble-hashes' });
    expect(steps.hash.backend).toBe('noble-hashes');
    expect(steps.hash.reason).toMatch(/requested/);
  });
});

describe('hashBackend()', () => {
  it('chooses WebCrypto when crypto.subtle exists (Node 20)', () => {
    expect(hashBackend().backend).toBe('webcrypto');
  });
});

describe('generateKey()', () => {
  it('makes 24-character Base64 keys of 16 bytes that differ', () => {
    const keys = new Set(Array.from({ length: 50 }, generateKey));
    expect(keys.size).toBe(50);
    for (const key of keys) {
      expect(key).toHaveLength(24);
      expect(base64ToBytes(key)?.length).toBe(16);
    }
  });
});

describe('base64ToBytes()', () => {
  it('round-trips with bytesToBase64', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        expect(base64ToBytes(bytesToBase64(bytes))).toEqual(bytes);
      }),
    );
  });

  it.each(['abc', 'a===', 'dGhl IHNh', 'dGhl-A==', 'dGhlIA=', '====', 'dGhlIHNhbXBsZSBub25jZQ'])(
    'rejects %j',
    (text) => {
      expect(base64ToBytes(text)).toBeNull();
    },
  );
});
