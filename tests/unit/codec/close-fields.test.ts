import { describe, expect, it } from 'vitest';
import { closePayloadFields } from '../../../src/codec';

describe('closePayloadFields()', () => {
  it('makes the status code (bytes 2–3) and the reason fields of their own (RFC 6455 §5.5.1, §7.4)', () => {
    // 88 05 03 e8 62 79 65: 0x03e8 = 1000, "Normal Closure" in RFC 6455 §7.4.1; the reason is "bye".
    const fields = closePayloadFields(2, new Uint8Array([0x03, 0xe8, 0x62, 0x79, 0x65]));
    expect(fields.map((f) => [f.name, f.bitOffset / 8, f.bitLength / 8, f.display])).toEqual([
      ['closeCode', 2, 2, '1000'],
      ['closeReason', 4, 3, '“bye”'],
    ]);
    expect(fields[0]?.meaning).toMatch(/^Normal Closure: /);
    expect(fields[0]?.rfc).toBe('RFC 6455 §7.4');
  });

  it('counts from the payload of a masked frame (6-byte header) and says when a code may not be sent', () => {
    // 1005 "MUST NOT be set as a status code in a Close control frame by an endpoint" (RFC 6455 §7.4.1).
    const [code, ...rest] = closePayloadFields(6, new Uint8Array([0x03, 0xed]));
    expect(code?.bitOffset).toBe(48);
    expect(code?.value).toBe(1005);
    expect(code?.meaning).toMatch(/No Status Rcvd|No Status Received/);
    expect(code?.meaning).toMatch(/\(.+\)$/);
    expect(rest).toEqual([]);
  });

  it('has no fields for an empty or one-byte payload (no status code)', () => {
    expect(closePayloadFields(2, new Uint8Array(0))).toEqual([]);
    expect(closePayloadFields(2, new Uint8Array([0x03]))).toEqual([]);
  });
});
