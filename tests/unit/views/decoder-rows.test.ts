import { describe, expect, it } from 'vitest';
import { encodeFrame } from '../../../src/codec/frame';
import { decodeStream } from '../../../src/codec/stream';
import {
  frameSearchText,
  listMessages,
  listRows,
  NO_FILTER,
  preview,
} from '../../../src/views/Decoder/decoder-rows';

const enc = new TextEncoder();
const KEY = new Uint8Array([9, 8, 7, 6]);
const stream = decodeStream(
  new Uint8Array([
    ...encodeFrame({ opcode: 1, fin: false, payload: enc.encode('Hello '), mask: KEY }),
    ...encodeFrame({ opcode: 9, payload: enc.encode('are you there') }),
    ...encodeFrame({ opcode: 0, payload: enc.encode('World'), mask: KEY }),
    ...encodeFrame({ opcode: 2, payload: new Uint8Array([1, 2, 3]) }),
    ...encodeFrame({ opcode: 8, payload: new Uint8Array([0x03, 0xe8, 0x62, 0x79, 0x65]) }),
    0x81,
  ]),
);

describe('listRows()', () => {
  it('lists every span, frames and the rest, when nothing is filtered', () => {
    expect(listRows(stream, NO_FILTER)).toEqual([
      { kind: 'frame', frame: 0 },
      { kind: 'frame', frame: 1 },
      { kind: 'frame', frame: 2 },
      { kind: 'frame', frame: 3 },
      { kind: 'frame', frame: 4 },
      { kind: 'span', span: 5 },
    ]);
  });

  it('filters by opcode and by direction', () => {
    expect(listRows(stream, { ...NO_FILTER, opcode: 'continuation' })).toEqual([{ kind: 'frame', frame: 2 }]);
    expect(
      listRows(stream, { ...NO_FILTER, direction: 'client-to-server' }).map(
        (r) => r.kind === 'frame' && r.frame,
      ),
    ).toEqual([0, 2]);
    expect(listRows(stream, { ...NO_FILTER, opcode: 'reserved' })).toEqual([]);
  });

  it('finds frames by their message’s text, case-insensitively, and control frames by their own', () => {
    const hits = (search: string) =>
      listRows(stream, { ...NO_FILTER, search }).map((r) => r.kind === 'frame' && r.frame);
    expect(hits('WORLD')).toEqual([0, 2]);
    expect(hits('you there')).toEqual([1]);
    expect(hits('bye')).toEqual([4]);
    expect(hits('nothing like this')).toEqual([]);
  });
});

describe('frameSearchText() and listMessages()', () => {
  it('uses the whole message text for each of its fragments', () => {
    expect(frameSearchText(stream, stream.frames[0]!)).toBe('Hello World');
    expect(frameSearchText(stream, stream.frames[3]!)).toBe('');
  });

  it('filters messages by direction, kind and text', () => {
    expect(listMessages(stream, NO_FILTER)).toEqual([0, 1]);
    expect(listMessages(stream, { ...NO_FILTER, opcode: 'binary' })).toEqual([1]);
    expect(listMessages(stream, { ...NO_FILTER, direction: 'server-to-client' })).toEqual([1]);
    expect(listMessages(stream, { ...NO_FILTER, search: 'hello' })).toEqual([0]);
  });
});

describe('preview()', () => {
  it('shows text on one line and binary as hex, cut to the width', () => {
    expect(preview(enc.encode('a\nb'), true)).toBe('a b');
    expect(preview(new Uint8Array([0, 255]), false)).toBe('00 ff');
    expect(preview(enc.encode('x'.repeat(100)), true, 10)).toBe('xxxxxxxxxx…');
  });
});
