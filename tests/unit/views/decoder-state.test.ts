import { describe, expect, it } from 'vitest';
import { DecoderState } from '../../../src/views/Decoder/decoder-state.svelte';

describe('DecoderState', () => {
  it('decodes pasted hex and selects the first frame', () => {
    const s = new DecoderState();
    s.setText('81 05 48 65 6c 6c 6f');
    expect(s.inputError).toBeNull();
    expect(s.result?.messages[0]?.text).toBe('Hello');
    expect(s.selection).toEqual({ kind: 'frame', index: 0 });
    expect(s.rows).toEqual([{ kind: 'frame', frame: 0 }]);
  });

  it('selects the failing frame, or the span where a cut-off frame fails', () => {
    const s = new DecoderState();
    s.setText('81 05 48 65 6c 6c 6f a1 02 48 69 81 02 48 69');
    expect(s.selection).toEqual({ kind: 'frame', index: 1 });
    s.setText('81 02 48 69 89 7e 00 80 01');
    expect(s.result?.failure?.frame).toBeNull();
    expect(s.selection).toEqual({ kind: 'span', index: 1 });
  });

  it('turns bad input into a message with line and column, and clears it on good input', () => {
    const s = new DecoderState();
    s.setText('81 05\n48 zz');
    expect(s.inputError).toMatchObject({ line: 2, column: 4 });
    expect(s.result).toBeNull();
    s.setText('81 00');
    expect(s.inputError).toBeNull();
    expect(s.result?.frames).toHaveLength(1);
  });

  it('decodes a file’s raw bytes and follows the direction and compression options', () => {
    const s = new DecoderState();
    s.setFile('hello.bin', new Uint8Array([0xc1, 0x07, 0xf2, 0x48, 0xcd, 0xc9, 0xc9, 0x07, 0x00]));
    expect(s.file).toEqual({ name: 'hello.bin', size: 9 });
    expect(s.result?.failure?.violation.id).toBe('reserved-bit-set');
    s.deflate = 'on';
    s.run();
    expect(s.result?.messages[0]?.text).toBe('Hello');
    s.direction = 'client-to-server';
    s.run();
    expect(s.result?.failure?.violation.id).toBe('unmasked-client-frame');
  });

  it('empties the result for empty input, and selecting a message switches to the message list', () => {
    const s = new DecoderState();
    s.setText('81 00');
    s.select({ kind: 'message', index: 0 });
    expect(s.tab).toBe('messages');
    s.setText('   ');
    expect(s.result).toBeNull();
    expect(s.inputError).toBeNull();
  });
});
