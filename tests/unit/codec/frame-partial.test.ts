import { describe, expect, it } from 'vitest';
import { decodeFrame, frameFields } from '../../../src/codec';

const ids = (bytes: number[], opts = {}) =>
  decodeFrame(Uint8Array.from(bytes), 0, opts).violations.map((v) => v.id);

describe('decodeFrame() on a cut-off header', () => {
  it('reports what the first byte alone breaks', () => {
    expect(ids([0xc1])).toEqual(['reserved-bit-set']);
    expect(ids([0xc1], { extensionsRsv1: true })).toEqual([]);
    expect(ids([0x83])).toEqual(['reserved-opcode']);
    expect(ids([0x09])).toEqual(['control-frame-fragmented']);
    expect(ids([0x81])).toEqual([]);
  });

  it('reports a control frame announcing an extended length before the length arrives', () => {
    const r = decodeFrame(Uint8Array.of(0x89, 0x7e, 0x00));
    expect(r.incomplete).toBe(true);
    expect(r.violations.map((v) => [v.id, v.offset])).toEqual([['control-frame-too-long', 1]]);
  });

  it('judges MASK by role as soon as the second byte is there', () => {
    expect(ids([0x81, 0x7e], { role: 'server' })).toEqual(['unmasked-client-frame']);
    expect(ids([0x81, 0xfe], { role: 'client' })).toEqual(['masked-server-frame']);
  });
});

describe('decodeFrame() options', () => {
  it('leaves fields out on request, and frameFields() builds the same ones later', () => {
    const bytes = Uint8Array.of(0x81, 0x85, 0x37, 0xfa, 0x21, 0x3d, 0x7f, 0x9f, 0x4d, 0x51, 0x58);
    const full = decodeFrame(bytes);
    const bare = decodeFrame(bytes, 0, { fields: false });
    if (full.incomplete || bare.incomplete) throw new Error('complete frame expected');
    expect(bare.fields).toEqual([]);
    expect(frameFields(bare)).toEqual(full.fields);
  });

  it('says "byte" for a 1-byte payload', () => {
    const f = decodeFrame(Uint8Array.of(0x82, 0x01, 0x00));
    if (f.incomplete) throw new Error('complete frame expected');
    expect(f.fields.find((x) => x.name === 'payloadLength')?.meaning).toBe('payload is 1 byte');
  });

  it('refuses a negative offset as a programming error', () => {
    expect(() => decodeFrame(Uint8Array.of(0x81, 0x00), -1)).toThrow(RangeError);
  });
});
