import { describe, expect, it } from 'vitest';
import { MaskingState, WINDOW_ROWS } from '../../../src/views/Masking/masking.svelte';

const hex = (b: Uint8Array | null) =>
  b ? Array.from(b, (x) => x.toString(16).padStart(2, '0')).join(' ') : null;

describe('MaskingState', () => {
  it('masks the seed’s "Hello" with 12 34 56 78 through applyMask', () => {
    const m = new MaskingState();
    expect(hex(m.result)).toBe('5a 51 3a 14 7d');
    expect(m.rows.map((r) => [r.index, r.keyIndex, r.keyByte, r.input, r.output])).toEqual([
      [0, 0, 0x12, 0x48, 0x5a],
      [1, 1, 0x34, 0x65, 0x51],
      [2, 2, 0x56, 0x6c, 0x3a],
      [3, 3, 0x78, 0x6c, 0x14],
      [4, 0, 0x12, 0x6f, 0x7d],
    ]);
  });

  it('stepBit() and stepByte() move the cursor and stop at both ends', () => {
    const m = new MaskingState();
    m.stepBit(-1);
    expect(m.position).toBe(0);
    m.stepBit(1);
    m.stepBit(1);
    expect([m.byteIndex, m.bitsDone]).toEqual([0, 2]);
    m.stepByte(1);
    expect([m.byteIndex, m.bitsDone]).toEqual([1, 0]);
    m.stepByte(-1);
    expect([m.byteIndex, m.bitsDone]).toEqual([0, 0]);
    m.finish();
    expect(m.done).toBe(true);
    expect([m.byteIndex, m.bitsDone]).toEqual([4, 8]);
    m.stepByte(1);
    expect(m.position).toBe(40);
  });

  it('swap() unmasks with the same operation and gives the original back', () => {
    const m = new MaskingState();
    m.swap();
    expect(m.unmasking).toBe(true);
    expect(m.payloadInput).toBe('5a 51 3a 14 7d');
    expect(hex(m.result)).toBe('48 65 6c 6c 6f');
  });

  it('explains bad keys and bad hex instead of masking', () => {
    const m = new MaskingState();
    m.keyInput = '12 34 56';
    expect(m.key).toEqual({ ok: false, error: 'Masking key: 4 bytes are needed, this is 3' });
    expect(m.result).toBeNull();
    m.keyInput = '12345678';
    m.setPayload('hex', '4');
    expect(m.payload.ok).toBe(false);
    expect(m.bytes.length).toBe(0);
  });

  it('shows a window of rows around the cursor of a large payload', () => {
    const m = new MaskingState();
    m.setPayload('hex', '00'.repeat(100_000));
    m.goTo(70_000);
    expect(m.rows).toHaveLength(WINDOW_ROWS);
    expect(m.rows[0]?.index).toBe(70_000 - (70_000 % WINDOW_ROWS));
    expect(m.current?.keyIndex).toBe(70_000 % 4);
    expect(m.result?.length).toBe(100_000);
  });

  it('setMode() converts between text and hex; loadParams() reads payload and key', () => {
    const m = new MaskingState();
    m.setMode('hex');
    expect(m.payloadInput).toBe('48 65 6c 6c 6f');
    m.setMode('text');
    expect(m.payloadInput).toBe('Hello');
    m.loadParams(new URLSearchParams({ payload: '7f9f4d5158', key: '37fa213d' }));
    expect(hex(m.result)).toBe('48 65 6c 6c 6f');
  });
});
