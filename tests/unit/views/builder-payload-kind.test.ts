import { describe, expect, it } from 'vitest';
import { BuilderState } from '../../../src/views/Builder/builder.svelte';

describe('BuilderState.setPayloadKind', () => {
  it('close code + reason makes the frame a close frame and says so', () => {
    const s = new BuilderState();
    expect(s.draft.opcode).toBe(0x1);
    const note = s.setPayloadKind('close');
    expect(note).toMatch(/^Opcode set to 0x8 \(close\)/);
    expect(s.draft.opcode).toBe(0x8);
    expect(s.current.bytes?.[0]).toBe(0x88);
  });

  it('a close code 1005 is then judged as a close frame', () => {
    const s = new BuilderState();
    s.setPayloadKind('close');
    s.setPayload({ kind: 'close', code: 1005, reason: '' });
    expect(s.current.frame?.violations.map((v) => v.id)).toContain('close-code-invalid');
  });

  it('leaves a close frame alone and returns no note', () => {
    const s = new BuilderState();
    s.setOpcode(0x8);
    expect(s.setPayloadKind('close')).toBeNull();
    expect(s.draft.opcode).toBe(0x8);
  });

  it('other kinds do not touch the opcode', () => {
    const s = new BuilderState();
    expect(s.setPayloadKind('hex')).toBeNull();
    expect(s.draft.opcode).toBe(0x1);
  });
});
