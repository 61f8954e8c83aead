import { describe, expect, it } from 'vitest';
import { BuilderState } from '../../../src/views/Builder/builder.svelte';
import { asC, asJavaScript } from '../../../src/views/Builder/export-formats';
import { buildFrame, defaultDraft, resizePayload } from '../../../src/views/Builder/frame-draft';
import { parseHexInput, toHex } from '../../../src/views/Builder/hex-input';
import { decodeSharedState, encodeSharedState } from '../../../src/views/Builder/share-state';

const hexOf = (s: BuilderState) => toHex(s.sequenceBytes, '');
const ids = (s: BuilderState) => s.current.frame?.violations.map((v) => v.id) ?? [];

describe('BuilderState compression (RFC 7692)', () => {
  const compressedHello = () => {
    const s = new BuilderState();
    s.setRole('server');
    s.setDeflate(true);
    s.setFlag('compress', true);
    return s;
  };

  it('compresses "Hello" as RFC 7692 §7.2.3.1 shows, with RSV1 and no violation', () => {
    const s = compressedHello();
    expect(hexOf(s)).toBe('c107f248cdc9c90700');
    expect(ids(s)).toEqual([]);
    expect(s.verdict.events.map((e) => e.text)).toEqual([
      'text message “Hello” (5 bytes, 1 frame), inflated from 7 bytes',
    ]);
  });

  it('a second compressed "Hello" shares the window (§7.2.3.2)', () => {
    const s = compressedHello();
    s.insertControl(0x9);
    s.setOpcode(0x1);
    s.setPayload({ kind: 'text', text: 'Hello' });
    s.setFlag('compress', true);
    expect(hexOf(s)).toBe('c107f248cdc9c90700' + 'c105f200110000');
    expect(s.verdict.failure).toBeNull();
  });

  it('without the extension, the compress flag is ignored; RSV1 alone is a violation', () => {
    const s = compressedHello();
    s.setDeflate(false);
    expect(hexOf(s)).toBe('810548656c6c6f');
    s.toggleBit(1);
    expect(ids(s)).toEqual(['reserved-bit-set']);
  });

  it('clearing the RSV1 bit of a compressed frame stops compressing it', () => {
    const s = compressedHello();
    s.toggleBit(1);
    expect(hexOf(s)).toBe('810548656c6c6f');
    expect(s.draft.compress).toBe(false);
  });

  it('the share link carries the extension and the flag', () => {
    const s = compressedHello();
    const t = new BuilderState();
    t.loadParams(new URLSearchParams(s.toParams()));
    expect(hexOf(t)).toBe('c107f248cdc9c90700');
  });
});

describe('share links', () => {
  it('toParams() and loadParams() restore the whole state', () => {
    const a = new BuilderState();
    a.loadPreset('seed-fragmented');
    a.select(2);
    a.setFlag('rsv1', true);
    a.setKey(new Uint8Array([1, 2, 3, 4]));
    a.setLengthForm('16');
    const b = new BuilderState();
    expect(b.loadParams(new URLSearchParams(a.toParams()))).toBe(true);
    expect(hexOf(b)).toBe(hexOf(a));
    expect(b.selected).toBe(2);
    expect(b.role).toBe('server');
  });

  it('loadParams() explains a damaged link and keeps the default frame', () => {
    const s = new BuilderState();
    expect(s.loadParams(new URLSearchParams({ s: '{"f":[{"b":999}]}' }))).toBe(false);
    expect(s.linkError).toMatch(/frame 1: bad first byte/);
    expect(s.loadParams(new URLSearchParams({ s: 'not json' }))).toBe(false);
    expect(s.linkError).toMatch(/not valid JSON/);
    expect(s.loadParams(new URLSearchParams({ preset: 'zzz' }))).toBe(false);
    expect(hexOf(s)).toBe('818512345678' + '5a513a147d');
  });

  it('a big file payload travels as its length only', () => {
    const draft = {
      ...defaultDraft('server'),
      payload: { kind: 'file' as const, name: 'x.bin', bytes: new Uint8Array(5000) },
    };
    const read = decodeSharedState(
      encodeSharedState({ role: 'server', frames: [draft], selected: 0, deflate: false }),
    );
    expect(read.ok && read.state.frames[0]?.payload).toEqual({ kind: 'fill', length: 5000 });
  });
});

describe('helpers', () => {
  it('parseHexInput() accepts spaced, 0x-prefixed and compact hex and explains bad input', () => {
    expect(parseHexInput('81 05, 0x48:65 6C')).toEqual({
      ok: true,
      bytes: new Uint8Array([0x81, 5, 0x48, 0x65, 0x6c]),
    });
    expect(parseHexInput('8')).toMatchObject({
      ok: false,
      error: expect.stringMatching(/has 1 hex digit.*at column 1$/),
    });
    expect(parseHexInput('zz')).toMatchObject({
      ok: false,
      error: expect.stringMatching(/"z" is not a hex digit.*at column 1$/),
    });
  });

  it('resizePayload() falls back to hex when cutting text would split a character', () => {
    expect(resizePayload({ kind: 'text', text: 'é' }, 1)).toEqual({ kind: 'hex', hex: 'c3' });
  });

  it('buildFrame() never changes the key it was given', () => {
    const draft = defaultDraft('client', new Uint8Array([1, 2, 3, 4]));
    buildFrame(draft, 'client');
    expect([...draft.key]).toEqual([1, 2, 3, 4]);
  });

  it('asJavaScript() and asC() list every byte', () => {
    const bytes = new Uint8Array([0x89, 0x00]);
    expect(asJavaScript(bytes)).toBe('const frame = new Uint8Array([\n  0x89, 0x00,\n]);');
    expect(asC(bytes)).toBe('static const unsigned char frame[2] = {\n  0x89, 0x00\n};');
  });
});
