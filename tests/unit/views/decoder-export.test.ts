import { describe, expect, it } from 'vitest';
import { parseHex } from '../../../src/codec/hex';
import { decodeStream } from '../../../src/codec/stream';
import { framesJson, messagesText, readShareOptions } from '../../../src/views/Decoder/decoder-export';

function hex(text: string): Uint8Array {
  const r = parseHex(text);
  if (!r.ok) throw new Error(r.error);
  return r.bytes;
}

describe('framesJson()', () => {
  it('writes frames with hex payloads and keys, the closes and the failure, as parseable JSON', () => {
    const r = decodeStream(hex('81 85 12 34 56 78 5a 51 3a 14 7d 88 02 03 e8 82 7e 00 01 00'));
    const out = JSON.parse(framesJson(r));
    expect(out.frames[0]).toMatchObject({
      opcodeName: 'text',
      maskingKey: '12345678',
      payload: '48656c6c6f',
      message: 0,
    });
    expect(out.closes).toEqual([{ direction: 'server-to-client', frame: 1, code: 1000, reason: '' }]);
    expect(out.frames[2]).toMatchObject({ afterClose: true });
  });
});

describe('messagesText()', () => {
  it('writes one heading per message with its frames, then its text or hex', () => {
    const r = decodeStream(hex('01 05 48 65 6c 6c 6f 00 04 20 57 6f 72 80 02 6c 64 82 02 00 ff'));
    expect(messagesText(r)).toBe(
      '# message 1 · server → client · text · 11 bytes · frames 1, 2, 3\nHello World\n\n' +
        '# message 2 · server → client · binary · 2 bytes · frame 4\n00 ff\n',
    );
  });
});

describe('readShareOptions() (older `?hex=` links)', () => {
  it('reads the options, and falls back to the defaults for unknown values', () => {
    expect(readShareOptions(new URLSearchParams('hex=810548656c6c6f&dir=c2s&deflate=auto'))).toEqual({
      direction: 'client-to-server',
      deflate: 'auto',
    });
    expect(readShareOptions(new URLSearchParams('dir=s2c&deflate=on'))).toEqual({
      direction: 'server-to-client',
      deflate: 'on',
    });
    expect(readShareOptions(new URLSearchParams('dir=sideways&deflate=maybe'))).toEqual({
      direction: 'auto',
      deflate: 'off',
    });
  });
});
