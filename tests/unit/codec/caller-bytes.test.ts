/**
 * Never touch the caller's bytes: every public function of src/codec, src/capture and src/subprotocol that takes
 * bytes is called with a plain Uint8Array, a Node Buffer (whose `slice` is a view, not a copy) and a Uint8Array
 * view into the middle of a larger buffer. The input (and the memory around a view) must be unchanged, and the
 * result the same as for the plain array.
 */
import { readFileSync } from 'node:fs';
import { constants, deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { importCapture, sniffPacket } from '../../../src/capture';
import {
  applyMask,
  createInflater,
  createReceiver,
  createUtf8Validator,
  decodeFrame,
  decodeStream,
  encodeFrame,
  encodeMessage,
  parseClosePayload,
  streamFrameDetail,
  toHex,
  validateUtf8,
  bytesToBase64,
  formatHexDump,
} from '../../../src/codec';
import { DECODERS, interpretMessages } from '../../../src/subprotocol';
import { readCbor } from '../../../src/subprotocol/cbor';
import { parseJson } from '../../../src/subprotocol/json';
import { readMsgpack } from '../../../src/subprotocol/msgpack';
import { readProtobuf } from '../../../src/subprotocol/protobuf';

// RFC 6455 §5.7: masked "Hello", then a masked ping "Hello", then a masked close 1000 (key 37 fa 21 3d).
const HELLO = [0x81, 0x85, 0x37, 0xfa, 0x21, 0x3d, 0x7f, 0x9f, 0x4d, 0x51, 0x58];
const PING = [0x89, 0x85, 0x37, 0xfa, 0x21, 0x3d, 0x7f, 0x9f, 0x4d, 0x51, 0x58];
const CLOSE = [0x88, 0x82, 0x37, 0xfa, 0x21, 0x3d, 0x34, 0x12];
const STREAM = [...HELLO, ...PING, ...CLOSE];
const KEY = [0x37, 0xfa, 0x21, 0x3d];
const deflated = (text: string) => {
  const d = deflateRawSync(Buffer.from(text), { finishFlush: constants.Z_SYNC_FLUSH });
  return [...d.subarray(0, d.length - 4)];
};
const fixture = (name: string) => [
  ...readFileSync(new URL(`../../fixtures/capture/${name}`, import.meta.url)),
];

/** Results compared as plain data: every byte array (Buffer, view or not) becomes its hex. */
function plain(value: unknown, seen = new Set<unknown>()): unknown {
  if (ArrayBuffer.isView(value))
    return `bytes:${toHex(new Uint8Array(value.buffer, value.byteOffset, value.byteLength), '')}`;
  if (value instanceof ArrayBuffer) return `buffer:${value.byteLength}`;
  if (typeof value === 'function') return 'function';
  if (value === null || typeof value !== 'object') return value;
  if (seen.has(value)) return 'cycle';
  seen.add(value);
  if (Array.isArray(value)) return value.map((v) => plain(v, seen));
  if (value instanceof Map) return [...value].map(([k, v]) => [plain(k, seen), plain(v, seen)]);
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v, seen)]));
}

type Call = (bytes: Uint8Array) => unknown;

/** [name, input bytes, call] for every public function that reads bytes. */
const CALLS: [string, number[], Call][] = [
  ['codec decodeStream', STREAM, (b) => decodeStream(b)],
  [
    'codec decodeStream (deflate)',
    (() => {
      const p = deflated('Hello, compressed');
      return [0xc1, 0x80 | p.length, ...KEY, ...p.map((x, i) => x ^ (KEY[i & 3] as number))];
    })(),
    (b) => decodeStream(b, { permessageDeflate: {} }),
  ],
  ['codec decodeFrame', HELLO, (b) => decodeFrame(b, 0)],
  [
    'codec streamFrameDetail',
    STREAM,
    (b) => {
      const r = decodeStream(b);
      return r.frames.map((f) => streamFrameDetail(b, r, f));
    },
  ],
  ['codec receiver push', STREAM, (b) => createReceiver({ role: 'server' }).push(b)],
  ['codec applyMask', [0x7f, 0x9f, 0x4d, 0x51, 0x58], (b) => applyMask(b, Uint8Array.from(KEY))],
  ['codec applyMask (key as the view)', KEY, (k) => applyMask(Uint8Array.from([1, 2, 3, 4, 5]), k)],
  ['codec validateUtf8', [...Buffer.from('héllo wörld')], (b) => validateUtf8(b)],
  [
    'codec createUtf8Validator',
    [...Buffer.from('héllo')],
    (b) => {
      const v = createUtf8Validator();
      return [v.write(b), v.complete];
    },
  ],
  ['codec parseClosePayload', [0x03, 0xe8, ...Buffer.from('bye')], (b) => parseClosePayload(b)],
  [
    'codec createInflater',
    deflated('Hello, inflater'),
    (b) => createInflater({}, 'client').inflate(b, true, 1 << 20),
  ],
  [
    'codec encodeFrame (payload)',
    [...Buffer.from('Hello')],
    (b) => encodeFrame({ opcode: 1, payload: b, mask: Uint8Array.from(KEY) }),
  ],
  [
    'codec encodeFrame (key)',
    KEY,
    (k) => encodeFrame({ opcode: 1, payload: Uint8Array.from([1, 2, 3]), mask: k }),
  ],
  [
    'codec encodeMessage',
    [...Buffer.from('Hello, fragments')],
    (b) => encodeMessage({ opcode: 1, data: b, fragmentSize: 4, mask: Uint8Array.from(KEY) }),
  ],
  ['codec toHex', STREAM, (b) => toHex(b)],
  ['codec formatHexDump', STREAM, (b) => formatHexDump(b)],
  ['codec bytesToBase64', STREAM, (b) => bytesToBase64(b)],
  ['capture importCapture (pcap)', fixture('chromium-ws-plain.pcap'), (b) => importCapture('a.pcap', b)],
  [
    'capture importCapture (pcapng)',
    fixture('chromium-ws-deflate.pcapng'),
    (b) => importCapture('a.pcapng', b),
  ],
  ['capture importCapture (HAR)', fixture('chromium-devtools.har'), (b) => importCapture('a.har', b)],
  [
    'capture importCapture (hex text)',
    [...Buffer.from(toHex(Uint8Array.from(STREAM)))],
    (b) => importCapture('a.txt', b),
  ],
  [
    'capture sniffPacket',
    fixture('chromium-ws-plain.pcap').slice(24 + 16, 24 + 16 + 74),
    (b) => sniffPacket(b),
  ],
  ['subprotocol readCbor', [0xa1, 0x61, 0x61, 0x01], (b) => readCbor(b)],
  ['subprotocol readMsgpack', [0x81, 0xa1, 0x61, 0x01], (b) => readMsgpack(b)],
  ['subprotocol readProtobuf', [0x08, 0x96, 0x01, 0x12, 0x02, 0x68, 0x69], (b) => readProtobuf(b, 0)],
  ['subprotocol parseJson', [...Buffer.from('{"a":[1,"x"]}')], (b) => parseJson(b)],
  [
    'subprotocol interpretMessages and every decoder',
    [...Buffer.from('{"type":"next","id":"1","payload":{}}')],
    (b) => {
      const messages = [{ direction: 'c2s' as const, opcode: 1 as const, data: b }];
      return [
        interpretMessages({ subprotocol: null, messages }),
        DECODERS.map((d) => [d.sniff(messages), d.decode(messages)]),
      ];
    },
  ],
];
describe('public functions never write into the caller’s bytes', () => {
  it.each(CALLS)(
    '%s: a Buffer and a view into a larger buffer are left unchanged, with the same result',
    (_name, input, call) => {
      const expected = plain(call(Uint8Array.from(input)));

      const buffer = Buffer.from(input);
      const fromBuffer = plain(call(buffer));
      expect([...buffer]).toEqual(input);
      expect(fromBuffer).toEqual(expected);

      const big = new Uint8Array(input.length + 64).fill(0xa5);
      big.set(input, 32);
      const view = big.subarray(32, 32 + input.length);
      const fromView = plain(call(view));
      expect([...big.subarray(0, 32), ...big.subarray(32 + input.length)].every((x) => x === 0xa5)).toBe(
        true,
      );
      expect([...view]).toEqual(input);
      expect(fromView).toEqual(expected);
    },
  );

  it('decodeStream() decodes RFC 6455 §5.7’s masked “Hello” from a Buffer twice (it used to unmask in place)', () => {
    const buf = Buffer.from(HELLO);
    expect(decodeStream(buf).messages[0]?.text).toBe('Hello');
    expect(decodeStream(buf).messages[0]?.text).toBe('Hello');
  });
});
