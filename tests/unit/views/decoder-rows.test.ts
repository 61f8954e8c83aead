import { describe, expect, it } from 'vitest';
import { encodeFrame } from '../../../src/codec/frame';
import { decodeStream } from '../../../src/codec/stream';
import {
  frameSearchText,
  listMessages,
  listRows,
  NO_FILTER,
  framePayloadKinds,
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

describe('framePayloadKinds()', () => {
  it('gives continuation frames the kind of the message they continue, per direction (RFC 6455 §5.4)', () => {
    const KEY2 = new Uint8Array([1, 2, 3, 4]);
    const s = decodeStream(
      new Uint8Array([
        // server: a binary message in two fragments, a ping between them
        ...encodeFrame({ opcode: 2, fin: false, payload: new Uint8Array([0xff, 0xfe]) }),
        ...encodeFrame({ opcode: 9, payload: enc.encode('ok') }),
        // client: a text message in two fragments, interleaved with the server's
        ...encodeFrame({ opcode: 1, fin: false, payload: enc.encode('Hel'), mask: KEY2 }),
        ...encodeFrame({ opcode: 0, payload: new Uint8Array([0x80, 0x81]) }),
        ...encodeFrame({ opcode: 0, payload: enc.encode('lo'), mask: KEY2 }),
        ...encodeFrame({ opcode: 8, payload: new Uint8Array([0x03, 0xe8]) }),
      ]),
    );
    expect(s.failure).toBeNull();
    expect(framePayloadKinds(s)).toEqual(['binary', 'text', 'text', 'binary', 'text', 'binary']);
  });

  it('reads the continuation frames of a compressed text message as binary (the bytes are deflate data)', () => {
    // RFC 7692 §7.2.3.1: "Hello" compressed is f2 48 cd c9 c9 07 00; split after 3 bytes, RSV1 on the first only.
    const s = decodeStream(
      new Uint8Array([0x41, 0x03, 0xf2, 0x48, 0xcd, 0x80, 0x04, 0xc9, 0xc9, 0x07, 0x00]),
      {
        permessageDeflate: {},
      },
    );
    expect(s.messages[0]?.text).toBe('Hello');
    expect(framePayloadKinds(s)).toEqual(['binary', 'binary']);
  });
});
