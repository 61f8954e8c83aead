/**
 * The usage example at the top of src/codec/index.ts, run through the public entry point. Expected bytes are the
 * RFC's own: RFC 6455 §5.7, "A single-frame masked text message".
 */
import { describe, expect, it } from 'vitest';
import { createReceiver, decodeFrame, decodeStream, encodeFrame, parseHex } from '../../../src/codec';
import type { ReceiverEvent } from '../../../src/codec';

const RFC_MASKED_HELLO = [0x81, 0x85, 0x37, 0xfa, 0x21, 0x3d, 0x7f, 0x9f, 0x4d, 0x51, 0x58];

describe('src/codec public API (the example in index.ts)', () => {
  it('encodeFrame() writes the RFC 6455 §5.7 masked "Hello"', () => {
    const bytes = encodeFrame({
      opcode: 0x1,
      payload: new TextEncoder().encode('Hello'),
      mask: Uint8Array.of(0x37, 0xfa, 0x21, 0x3d),
    });
    expect([...bytes]).toEqual(RFC_MASKED_HELLO);
  });

  it('decodeFrame() names the fields in wire order', () => {
    const frame = decodeFrame(Uint8Array.from(RFC_MASKED_HELLO));
    expect('incomplete' in frame && frame.incomplete).toBe(false);
    expect(frame.fields.map((f) => f.name)).toEqual([
      'fin',
      'rsv1',
      'rsv2',
      'rsv3',
      'opcode',
      'mask',
      'payloadLength',
      'maskingKey',
      'payload',
    ]);
  });

  it('createReceiver().write() hands out a frame event, then the message', () => {
    const pasted = parseHex('81 85 37 fa 21 3d 7f 9f 4d 51 58');
    expect(pasted.ok).toBe(true);
    if (!pasted.ok) return;
    const seen: ReceiverEvent['type'][] = [];
    createReceiver({ role: 'server' }).write(pasted.bytes, (e) => seen.push(e.type));
    expect(seen).toEqual(['frame', 'message']);
  });

  it('decodeStream() gives the message text', () => {
    expect(decodeStream(Uint8Array.from(RFC_MASKED_HELLO)).messages[0]?.text).toBe('Hello');
  });
});
