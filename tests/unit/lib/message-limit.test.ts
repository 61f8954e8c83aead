import { describe, expect, it } from 'vitest';
import { DEFAULT_MAX_MESSAGE_SIZE } from '../../../src/codec/limits';
import { MAX_MESSAGE_MIB, messageLimitBytes } from '../../../src/lib/message-limit';

describe('messageLimitBytes() (the “Largest message (MiB)” field of the Decoder and Replay)', () => {
  it('turns MiB into bytes, 64 MiB being the codec’s default', () => {
    expect(messageLimitBytes(64)).toBe(DEFAULT_MAX_MESSAGE_SIZE);
    expect(messageLimitBytes(1)).toBe(1_048_576);
  });

  it('keeps a typed value between 1 MiB and 2 GiB, and falls back to the default when unreadable', () => {
    expect(messageLimitBytes(0.25)).toBe(1_048_576);
    expect(messageLimitBytes(1e9)).toBe(MAX_MESSAGE_MIB * 1_048_576);
    expect(messageLimitBytes(Number.NaN)).toBe(DEFAULT_MAX_MESSAGE_SIZE);
    expect(messageLimitBytes(0)).toBe(DEFAULT_MAX_MESSAGE_SIZE);
    expect(messageLimitBytes(-3)).toBe(DEFAULT_MAX_MESSAGE_SIZE);
  });
});
