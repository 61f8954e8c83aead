/**
 * The Builder's compressed messages split into fragments (RFC 7692 §6.1, §7.2.3.1): the message is deflated once,
 * its compressed bytes shared out between the first frame (RSV1 = 1) and continuations (RSV1 = 0), and one deflater
 * serves the whole sequence, rebuilt from the first frame on every edit.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createDeflater, createReceiver, encodeMessage } from '../../../src/codec';
import type { ReceiverEvent } from '../../../src/codec';
import { BuilderState } from '../../../src/views/Builder/builder.svelte';
import { toHex } from '../../../src/views/Builder/hex-input';

const hexOf = (s: BuilderState) => toHex(s.sequenceBytes, '');
const frameHex = (s: BuilderState) => s.built.map((b) => (b.bytes ? toHex(b.bytes, '') : 'error'));
const utf8 = (text: string) => new TextEncoder().encode(text);

/** What a client (the server's peer) with permessage-deflate makes of the Builder's whole sequence. */
function received(bytes: Uint8Array): ReceiverEvent[] {
  return createReceiver({ role: 'client', permessageDeflate: {}, frameEvents: false }).push(bytes);
}
const texts = (events: ReceiverEvent[]) =>
  events.map((e) => (e.type === 'message' ? `${e.frames} frames: ${e.text}` : e.type));

/** A server sequence with permessage-deflate and one compressed text message. */
function compressed(text: string): BuilderState {
  const s = new BuilderState();
  s.setRole('server');
  s.setDeflate(true);
  s.setPayload({ kind: 'text', text });
  s.setFlag('compress', true);
  return s;
}

describe('Builder: RFC 7692 §7.2.3.1 fragmented compressed "Hello"', () => {
  it('the preset writes exactly 41 03 f2 48 cd, 80 04 c9 c9 07 00, with no violation', () => {
    const s = new BuilderState();
    expect(s.loadPreset('rfc7692-fragmented')).toBe(true);
    expect(frameHex(s)).toEqual(['4103f248cd', '8004c9c90700']);
    expect(s.built.map((b) => b.frame?.rsv1)).toEqual([true, false]);
    expect(s.built.flatMap((b) => b.frame?.violations ?? [])).toEqual([]);
    expect(s.verdict.events.map((e) => e.text)).toEqual([
      'text message “Hello” (5 bytes, 2 frames), inflated from 7 bytes',
    ]);
    expect(s.built.map((b) => b.part)).toEqual([
      { first: 0, start: 0, end: 3, total: 7, inflated: 5 },
      { first: 0, start: 3, end: 7, total: 7, inflated: 5 },
    ]);
  });

  it('Split on a compressed "Hello" halves its 7 compressed bytes; the length bits then move the cut to 3', () => {
    const s = compressed('Hello');
    expect(s.canSplit).toBe(true);
    s.splitPayload();
    expect(frameHex(s)).toEqual(['4104f248cdc9', '8003c90700']);
    expect(s.selected).toBe(1);
    s.select(0);
    s.toggleBit(15); // Payload len 4 = 0000100 → 0000101 = 5
    expect(frameHex(s)).toEqual(['4105f248cdc9c9', '80020700']);
    s.setPayloadLength(3);
    expect(hexOf(s)).toBe('4103f248cd' + '8004c9c90700');
  });

  it('Fragment on a compressed frame splits it too (compressed bytes cannot be extended by hand)', () => {
    const s = compressed('Hello');
    s.addContinuation();
    expect(frameHex(s)).toEqual(['4104f248cdc9', '8003c90700']);
    expect(s.draft.payload).toEqual({ kind: 'deflated' });
  });

  it('the share link carries the cut and the continuation', () => {
    const a = new BuilderState();
    a.loadPreset('rfc7692-fragmented');
    const b = new BuilderState();
    expect(b.loadParams(new URLSearchParams(a.toParams()))).toBe(true);
    expect(hexOf(b)).toBe('4103f248cd8004c9c90700');
  });

  it('removing a compressed continuation gives its bytes back: the message is one frame again', () => {
    const s = new BuilderState();
    s.loadPreset('rfc7692-fragmented');
    s.removeFrame(1);
    expect(hexOf(s)).toBe('c107f248cdc9c90700');
  });

  it('a continuation switched to hex keeps the bytes it carried', () => {
    const s = new BuilderState();
    s.loadPreset('rfc7692-fragmented');
    s.select(1);
    s.setPayloadKind('hex');
    expect(s.draft.payload).toEqual({ kind: 'hex', hex: 'c9 c9 07 00' });
    expect(hexOf(s)).toBe('4103f248cd8004c9c90700');
  });
});

describe('Builder: fragmented compressed messages round-trip through createReceiver', () => {
  const text = 'Hello, Hello, Hello: a compressed message in several fragments ✓';

  it('matches encodeMessage() with the same fragment size, and inflates back to the text', () => {
    const s = compressed(text);
    const total = s.current.part?.total ?? 0;
    s.splitPayload();
    const expected = encodeMessage({
      opcode: 1,
      data: utf8(text),
      deflater: createDeflater({}, 'server'),
      fragmentSize: Math.ceil(total / 2),
    });
    expect(frameHex(s)).toEqual(expected.map((f) => toHex(f, '')));
    expect(s.built.map((b) => b.frame?.rsv1)).toEqual([true, false]);
    expect(texts(received(s.sequenceBytes))).toEqual([`2 frames: ${text}`]);
  });

  it('any splits of any text, with a ping in between, inflate back to the text', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', maxLength: 200 }),
        fc.array(fc.nat(), { maxLength: 5 }),
        fc.boolean(),
        (message, splits, ping) => {
          const s = compressed(message);
          for (const at of splits) {
            s.select(at % s.frames.length);
            s.splitPayload();
          }
          const fragments = s.frames.length;
          const pinged = ping && fragments > 1;
          if (pinged) {
            s.select(0);
            s.insertControl(0x9);
          }
          expect(s.built.filter((b) => b.frame?.rsv1)).toHaveLength(1);
          expect(texts(received(s.sequenceBytes))).toEqual([
            ...(pinged ? ['ping'] : []),
            `${fragments} frames: ${message}`,
          ]);
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('Builder: one deflater over the whole sequence (context takeover)', () => {
  /** Two compressed messages: "Hello" whole, then `second` in two fragments. */
  function twoMessages(second: string): BuilderState {
    const s = compressed('Hello');
    s.insertControl(0x9);
    s.setOpcode(0x1);
    s.setPayload({ kind: 'text', text: second });
    s.setFlag('compress', true);
    s.splitPayload();
    return s;
  }

  /** The compressed payloads a sender with one deflater writes for these messages, in order. */
  function reference(...messages: string[]): string[] {
    const deflater = createDeflater({}, 'server');
    return messages.map((m) => toHex(deflater.deflate(utf8(m)), ''));
  }
  /** The compressed payload of each message of the Builder's sequence, its fragments joined. */
  const payloads = (s: BuilderState) => {
    const out: string[] = [];
    s.built.forEach((b, i) => {
      const hex = b.frame ? toHex(b.frame.payload, '') : 'error';
      if (b.part?.first === i) out.push(hex);
      else if (b.part) out[out.length - 1] += hex;
    });
    return out;
  };

  it('the second "Hello" uses the window of the first (§7.2.3.2) and still inflates when fragmented', () => {
    const s = twoMessages('Hello');
    expect(frameHex(s)).toEqual(['c107f248cdc9c90700', '4103f20011', '80020000']);
    expect(texts(received(s.sequenceBytes))).toEqual(['1 frames: Hello', '2 frames: Hello']);
  });

  it('editing the first message rebuilds the later compressed message from the new window', () => {
    const s = twoMessages('Hello again, Hello');
    const before = frameHex(s)[1];
    s.select(0);
    s.setPayload({ kind: 'text', text: 'Goodbye' });
    expect(payloads(s)).toEqual(reference('Goodbye', 'Hello again, Hello'));
    expect(s.built.map((b) => b.frame?.rsv1)).toEqual([true, true, false]);
    expect(frameHex(s)[1]).not.toBe(before);
    expect(texts(received(s.sequenceBytes))).toEqual(['1 frames: Goodbye', '2 frames: Hello again, Hello']);
  });

  it('turning compression off on the first message gives the second a fresh window', () => {
    const s = twoMessages('Hello');
    s.select(0);
    s.setFlag('compress', false);
    // The cut stays at 3 bytes: the second message is now RFC 7692 §7.2.3.1's fragmented "Hello".
    expect(frameHex(s)).toEqual(['810548656c6c6f', '4103f248cd', '8004c9c90700']);
    expect(texts(received(s.sequenceBytes))).toEqual(['1 frames: Hello', '2 frames: Hello']);
  });
});
