/**
 * The Live tap decoder reads each frame once (its direction's receiver), and builds the field detail only when
 * it is looked at. decodeFrame and frameFields are wrapped to count their calls.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { TapMessage } from '../../../src/lib/tap-protocol';

const calls = vi.hoisted(() => ({ decodeFrame: 0, frameFields: 0 }));

vi.mock('../../../src/codec/frame', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../src/codec/frame')>();
  return {
    ...real,
    decodeFrame: (...args: Parameters<typeof real.decodeFrame>) => {
      calls.decodeFrame++;
      return real.decodeFrame(...args);
    },
  };
});
vi.mock('../../../src/codec/frame-fields', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../src/codec/frame-fields')>();
  return {
    ...real,
    frameFields: (...args: Parameters<typeof real.frameFields>) => {
      calls.frameFields++;
      return real.frameFields(...args);
    },
  };
});

const { TapDecoder } = await import('../../../src/views/Live/wire');

const b64 = (bytes: number[]) => Buffer.from(bytes).toString('base64');
const frameMessage = (from: 'client' | 'server', bytes: number[], seq = 0): TapMessage => ({
  v: 1,
  type: 'frame',
  t: 1,
  from,
  seq,
  bytes: b64(bytes),
});

// RFC 6455 §5.7: a single-frame masked text message ("Hello") and the unmasked one.
const MASKED_HELLO = [0x81, 0x85, 0x37, 0xfa, 0x21, 0x3d, 0x7f, 0x9f, 0x4d, 0x51, 0x58];
const UNMASKED_HELLO = [0x81, 0x05, 0x48, 0x65, 0x6c, 0x6c, 0x6f];

describe('TapDecoder reads each frame once', () => {
  beforeEach(() => {
    calls.decodeFrame = 0;
    calls.frameFields = 0;
  });

  it('a valid frame is read by the receiver alone; its fields are built when first read, once', () => {
    const decoder = new TapDecoder();
    const client = decoder.accept(frameMessage('client', MASKED_HELLO))!;
    const server = decoder.accept(frameMessage('server', UNMASKED_HELLO))!;
    expect(calls.decodeFrame).toBe(0);
    expect(calls.frameFields).toBe(0);
    expect(client.violations).toEqual([]);
    expect(client.summary).toBe('text · FIN · masked · 5 B · “Hello”');
    expect(server.summary).toBe('text · FIN · 5 B · “Hello”');
    const frame = client.frame;
    if (frame.incomplete) throw new Error('complete frame expected');
    expect(new TextDecoder().decode(frame.payload)).toBe('Hello');
    expect([...frame.maskedPayload]).toEqual(MASKED_HELLO.slice(6));
    expect(frame.totalLength).toBe(11);
    expect(frame.fields.map((f) => [f.name, f.display])).toEqual([
      ['fin', '1'],
      ['rsv1', '0'],
      ['rsv2', '0'],
      ['rsv3', '0'],
      ['opcode', '0x1 (text)'],
      ['mask', '1'],
      ['payloadLength', '5'],
      ['maskingKey', '37 fa 21 3d'],
      ['payload', '5 bytes'],
    ]);
    expect(frame.fields).toBe(frame.fields);
    expect(calls.frameFields).toBe(1);
  });

  it('a frame the receiver fails in its header is shown from its bytes, with the violation', () => {
    const decoder = new TapDecoder();
    // RFC 6455 §5.1: a server must not mask; a client receiving a masked frame fails with 1002.
    const wire = decoder.accept(frameMessage('server', MASKED_HELLO))!;
    expect(calls.decodeFrame).toBe(1);
    expect(wire.violations.map((v) => [v.id, v.closeCode, v.offset])).toEqual([
      ['masked-server-frame', 1002, 1],
    ]);
    expect(wire.frame.fields.length).toBeGreaterThan(0);
  });

  it('after a close, later frames are still shown (read from their bytes)', () => {
    const decoder = new TapDecoder();
    decoder.accept(frameMessage('server', [0x88, 0x02, 0x03, 0xe8]));
    const after = decoder.accept(frameMessage('server', UNMASKED_HELLO, 1))!;
    expect(after.summary).toBe('text · FIN · 5 B · “Hello”');
  });
});
