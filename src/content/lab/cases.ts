/**
 * The browser-reaction Lab's cases, one table: what the server sends (built with the codec's `encodeFrame`), and what
 * RFC 6455 (and RFC 7692, and the WHATWG WebSockets standard for the page's events) asks of the client.
 */
import { encodeClosePayload } from '../../codec/close';
import { encodeFrame } from '../../codec/frame-encode';
import { createDeflater } from '../../codec/permessage-deflate';
import { Opcode, type FrameSpec } from '../../codec/types';
import type { LabCase, LabEnding, LabExpectation, LabStep } from './types';

const text = (s: string) => new TextEncoder().encode(s);
/** One frame, even one the RFC forbids: breaking the rules is the point of the Lab. */
const frame = (spec: FrameSpec): LabStep => ({ frame: encodeFrame({ ...spec, allowInvalid: true }) });
/** A close frame with any 16-bit code, allowed on the wire or not, and a reason's raw bytes. */
const closeWith = (code: number, reason: Uint8Array = new Uint8Array(0)): LabStep => {
  const payload = new Uint8Array(2 + reason.length);
  payload[0] = code >> 8;
  payload[1] = code & 0xff;
  payload.set(reason, 2);
  return frame({ opcode: Opcode.Close, payload });
};
const goodbye = (): LabStep => frame({ opcode: Opcode.Close, payload: encodeClosePayload(1000, 'done') });

/** RFC 6455 §7.1.7: the client fails the connection, and may first send a close frame with the code. */
function fails(section: string, code: number, asks: string): LabExpectation {
  return { section, asks, wireClose: code, pongs: [], messages: [], pageCode: 1006, wasClean: false };
}

/** The client reads everything, then answers the server's close 1000 with its own. */
function accepts(section: string, asks: string, messages: string[], pongs: string[] = []): LabExpectation {
  return { section, asks, wireClose: 1000, pongs, messages, pageCode: 1000, wasClean: true };
}

const FAIL_1002 = 'The client must fail the connection; its close frame, if it sends one, carries 1002.';
/** The most common expectation: a protocol error, so the client fails with 1002. */
const protocolError = (section: string, rule: string) => fails(section, 1002, `${rule} ${FAIL_1002}`);
const SIXTEEN_MIB = 16 * 1024 * 1024;
/** RFC 6455 §10.7: an endpoint may drop a connection whose data violates the protocol. */
const MAY_FAIL_1002 = {
  why: 'failing the connection on data that breaks the protocol is allowed too (RFC 6455 §10.7, §7.1.7)',
  wireClose: 1002,
  messages: [],
  pageCode: 1006,
  wasClean: false,
};

/** What every case spells out; the builders below fill in the rest. */
type CaseFields = Pick<LabCase, 'id' | 'title' | 'sends' | 'steps' | 'expect'> & { deflate?: boolean };

/** A case whose server breaks a rule (or sends what a receiver may refuse), then answers the client's close. */
const breaks = (violation: LabCase['violation'], c: CaseFields): LabCase => ({
  group: 'violation',
  deflate: false,
  ending: 'answer',
  violation,
  ...c,
});

/** A case whose frames are valid but unusual, or whose connection ends in an unusual way. */
const edge = (c: CaseFields & { ending?: LabEnding }): LabCase => ({
  group: 'edge',
  deflate: false,
  ending: 'answer',
  violation: null,
  ...c,
});

/** A text frame with one reserved bit set on a connection with no extension. */
const reservedBit = (bit: 'rsv2' | 'rsv3'): LabCase =>
  breaks('reserved-bit-set', {
    id: `${bit}-set`,
    title: `${bit.toUpperCase()} set`,
    sends: `a text frame with ${bit.toUpperCase()} = 1`,
    steps: () => [frame({ opcode: Opcode.Text, [bit]: true, payload: text(bit) })],
    expect: protocolError('RFC 6455 §5.2', 'Reserved bits must be 0.'),
  });

/** A frame with the first reserved opcode of the data (0x3–0x7) or the control (0xB–0xF) range. */
const reservedOpcode = (kind: 'data' | 'control', opcode: number, range: string): LabCase =>
  breaks('reserved-opcode', {
    id: `reserved-opcode-${kind}`,
    title: `Reserved ${kind} opcode 0x${opcode.toString(16).toUpperCase()}`,
    sends: `a frame with opcode 0x${opcode.toString(16).toUpperCase()}`,
    steps: () => [frame({ opcode, payload: text('reserved') })],
    expect: protocolError('RFC 6455 §5.2', `Opcodes ${range} are reserved.`),
  });

/** “Hello” with its length 5 written in a longer form than needed, then a close 1000. */
const nonMinimalLength = (form: '16' | '64'): LabCase =>
  breaks('non-minimal-length', {
    id: `non-minimal-length-${form}`,
    title: `Non-minimal length (${form}-bit form)`,
    sends: `the text “Hello” with its length 5 written in the ${form}-bit form, then a close 1000`,
    steps: () => [frame({ opcode: Opcode.Text, length: form, payload: text('Hello') }), goodbye()],
    expect: {
      ...accepts(
        'RFC 6455 §5.2',
        'The sender must use the minimal length form; the RFC gives the receiver no rule of its own, so reading the message is within it, and so is failing the connection with 1002.',
        ['text:5'],
      ),
      alternative: MAY_FAIL_1002,
    },
  });

/** A close frame with a code that may not be on the wire. */
const badCloseCode = (code: number, title: string, about: string, section: string, rule: string): LabCase =>
  breaks('close-code-invalid', {
    id: `close-code-${code}`,
    title,
    sends: `a close frame with code ${code}, ${about}`,
    steps: () => [closeWith(code)],
    expect: protocolError(section, rule),
  });

export const LAB_CASES: readonly LabCase[] = [
  breaks('reserved-bit-set', {
    id: 'rsv1-without-extension',
    title: 'RSV1 without compression',
    sends: 'a text frame with RSV1 = 1 on a connection that negotiated no extension',
    steps: () => [frame({ opcode: Opcode.Text, rsv1: true, payload: text('rsv1') })],
    expect: protocolError('RFC 6455 §5.2', 'No extension gives RSV1 a meaning here.'),
  }),
  reservedBit('rsv2'),
  reservedBit('rsv3'),
  reservedOpcode('data', 0x3, '0x3–0x7'),
  reservedOpcode('control', 0xb, '0xB–0xF'),
  breaks('masked-server-frame', {
    id: 'masked-server-frame',
    title: 'Masked server frame',
    sends: 'a text frame masked with the key 01 02 03 04',
    steps: () => [
      frame({ opcode: Opcode.Text, mask: new Uint8Array([1, 2, 3, 4]), payload: text('masked') }),
    ],
    expect: protocolError('RFC 6455 §5.1', 'A client must close the connection on a masked frame.'),
  }),
  breaks('control-frame-fragmented', {
    id: 'fragmented-ping',
    title: 'Fragmented control frame',
    sends: 'a ping with FIN = 0',
    steps: () => [frame({ opcode: Opcode.Ping, fin: false, payload: text('ping') })],
    expect: protocolError('RFC 6455 §5.5', 'Control frames must not be fragmented.'),
  }),
  breaks('control-frame-too-long', {
    id: 'ping-126-bytes',
    title: 'Oversized control frame',
    sends: 'a ping with a 126-byte payload (16-bit length)',
    steps: () => [frame({ opcode: Opcode.Ping, payload: new Uint8Array(126).fill(0x2a) })],
    expect: protocolError('RFC 6455 §5.5', 'Control frames carry at most 125 bytes.'),
  }),
  nonMinimalLength('16'),
  nonMinimalLength('64'),
  breaks('length-top-bit-set', {
    id: 'length-top-bit',
    title: '64-bit length with its top bit set',
    sends: 'a binary frame header whose 64-bit length has its most significant bit set',
    steps: () => {
      // The codec writes a 64-bit length of 5; setting the top bit of its first byte is the violation.
      const bytes = encodeFrame({
        opcode: Opcode.Binary,
        length: '64',
        payload: text('Hello'),
        allowInvalid: true,
      });
      bytes[2] = bytes[2]! | 0b1000_0000;
      return [{ frame: bytes }];
    },
    expect: protocolError('RFC 6455 §5.2', 'The most significant bit of a 64-bit length must be 0.'),
  }),
  breaks('unexpected-continuation', {
    id: 'unexpected-continuation',
    title: 'Continuation with nothing to continue',
    sends: 'a continuation frame (FIN = 1) with no message started',
    steps: () => [frame({ opcode: Opcode.Continuation, payload: text('orphan') })],
    expect: protocolError('RFC 6455 §5.4', 'A continuation must follow a frame with FIN = 0.'),
  }),
  breaks('expected-continuation', {
    id: 'new-message-mid-fragment',
    title: 'New message inside a fragmented one',
    sends: 'a text frame with FIN = 0 (“Hel”), then another text frame (“lo”) instead of a continuation',
    steps: () => [
      frame({ opcode: Opcode.Text, fin: false, payload: text('Hel') }),
      frame({ opcode: Opcode.Text, payload: text('lo') }),
    ],
    expect: protocolError(
      'RFC 6455 §5.4',
      'Fragments of a message must not be interleaved with other messages.',
    ),
  }),
  breaks('invalid-utf8', {
    id: 'invalid-utf8',
    title: 'Invalid UTF-8 in a text frame',
    sends: 'a text frame “bad ” c3 28 (c3 needs a continuation byte, 28 is not one)',
    steps: () => [
      frame({ opcode: Opcode.Text, payload: new Uint8Array([0x62, 0x61, 0x64, 0x20, 0xc3, 0x28]) }),
    ],
    expect: fails(
      'RFC 6455 §8.1',
      1007,
      'The client must fail the connection with 1007 (invalid frame payload data).',
    ),
  }),
  breaks('invalid-utf8', {
    id: 'invalid-utf8-split',
    title: 'Invalid UTF-8 split across frames',
    sends: 'a text frame ending in ce (a valid start of κ), then a continuation starting with 28',
    steps: () => [
      frame({ opcode: Opcode.Text, fin: false, payload: new Uint8Array([0x61, 0x62, 0xce]) }),
      frame({ opcode: Opcode.Continuation, payload: new Uint8Array([0x28, 0x63]) }),
    ],
    expect: fails(
      'RFC 6455 §8.1',
      1007,
      'Each frame alone could be valid; the message is not. The client must fail the connection with 1007.',
    ),
  }),
  breaks('invalid-utf8', {
    id: 'invalid-utf8-fail-fast',
    title: 'Invalid UTF-8 before the message ends',
    sends:
      'a text frame with FIN = 0 holding “ab” ff, then (only if the client has not closed within 3 s) the final fragment',
    steps: () => [
      frame({ opcode: Opcode.Text, fin: false, payload: new Uint8Array([0x61, 0x62, 0xff]) }),
      { pauseMs: 3000 },
      frame({ opcode: Opcode.Continuation, payload: text('cd') }),
    ],
    expect: fails(
      'RFC 6455 §8.1',
      1007,
      'ff is never valid UTF-8, so the message is invalid whatever follows: the client must fail with 1007 (a strict client does so before the final fragment).',
    ),
  }),
  breaks('close-payload-one-byte', {
    id: 'close-one-byte',
    title: 'Close frame with a 1-byte payload',
    sends: 'a close frame whose payload is the single byte 03',
    steps: () => [frame({ opcode: Opcode.Close, payload: new Uint8Array([0x03]) })],
    expect: protocolError('RFC 6455 §5.5.1', 'A close payload is empty or starts with a 2-byte code.'),
  }),
  badCloseCode(
    1005,
    'Close code 1005 on the wire',
    'which is reserved for reporting “no status” inside an endpoint',
    'RFC 6455 §7.4.1',
    '1005 must never be sent in a close frame.',
  ),
  badCloseCode(
    2999,
    'Close code 2999 (reserved)',
    'in the range 1016–2999 reserved for future versions of the protocol',
    'RFC 6455 §7.4.2',
    'Codes 1016–2999 are not defined.',
  ),
  badCloseCode(
    1004,
    'Close code 1004 (reserved)',
    'reserved by RFC 6455 with no meaning yet',
    'RFC 6455 §7.4.1',
    '1004 is reserved and must not be sent.',
  ),
  badCloseCode(
    5000,
    'Close code 5000 (out of range)',
    'above the private range 4000–4999',
    'RFC 6455 §7.4.2',
    'No range defines codes from 5000 up.',
  ),
  breaks('control-frame-too-long', {
    id: 'close-126-bytes',
    title: 'Oversized close frame',
    sends: 'a close frame with code 1000 and a 124-byte reason: 126 bytes of payload',
    steps: () => [closeWith(1000, new Uint8Array(124).fill(0x61))],
    expect: protocolError('RFC 6455 §5.5', 'A close frame is a control frame: at most 125 bytes.'),
  }),
  breaks('close-reason-invalid-utf8', {
    id: 'close-reason-invalid-utf8',
    title: 'Close reason not UTF-8',
    sends: 'a close frame with code 1000 and the reason bytes 61 ff',
    steps: () => [closeWith(1000, new Uint8Array([0x61, 0xff]))],
    expect: fails(
      'RFC 6455 §5.5.1',
      1007,
      'The reason is UTF-8 text; invalid UTF-8 fails the connection with 1007 (§8.1).',
    ),
  }),
  breaks(null, {
    id: 'data-after-close',
    title: 'Data after the close frame',
    sends: 'a close 1000, then a text frame “late”',
    steps: () => [goodbye(), frame({ opcode: Opcode.Text, payload: text('late') })],
    expect: {
      ...accepts(
        'RFC 6455 §5.5.1',
        'After a close frame the server must send no more data; the client echoes the close and the late message never reaches the page.',
        [],
      ),
      alternative: {
        why: 'the server broke a MUST after the closing handshake began, so failing the connection then is allowed too (RFC 6455 §10.7)',
        wireClose: 1000,
        messages: [],
        pageCode: 1006,
        wasClean: false,
      },
    },
  }),
  breaks('rsv1-on-control-frame', {
    id: 'compressed-ping',
    title: 'Compressed control frame',
    sends: 'a ping with RSV1 = 1 on a connection that negotiated permessage-deflate',
    steps: () => [frame({ opcode: Opcode.Ping, rsv1: true, payload: text('ping') })],
    deflate: true,
    expect: protocolError('RFC 7692 §6.1', 'Control frames are never compressed.'),
  }),
  breaks('rsv1-on-continuation', {
    id: 'rsv1-on-continuation',
    title: 'RSV1 on a continuation frame',
    sends: 'a compressed text frame with FIN = 0, then a continuation with RSV1 = 1',
    steps: () => [
      frame({
        opcode: Opcode.Text,
        fin: false,
        rsv1: true,
        payload: createDeflater(null, 'server').deflate(text('Hello')),
      }),
      frame({ opcode: Opcode.Continuation, rsv1: true, payload: new Uint8Array(0) }),
    ],
    deflate: true,
    expect: protocolError('RFC 7692 §6.1', 'Only the first frame of a compressed message has RSV1.'),
  }),
  breaks('inflate-failed', {
    id: 'bad-deflate-block',
    title: 'Bad DEFLATE block',
    sends: 'a text frame with RSV1 = 1 whose payload 07 00 starts a DEFLATE block of the reserved type 11',
    steps: () => [frame({ opcode: Opcode.Text, rsv1: true, payload: new Uint8Array([0x07, 0x00]) })],
    deflate: true,
    expect: fails(
      'RFC 7692 §7.2.2',
      1007,
      'Compressed data that does not inflate fails the connection; the payload is not what its type says, so 1007.',
    ),
  }),
  edge({
    id: 'close-no-status',
    title: 'Close with no status code',
    sends: 'a close frame with an empty payload',
    steps: () => [frame({ opcode: Opcode.Close, payload: new Uint8Array(0) })],
    expect: {
      section: 'RFC 6455 §7.1.5',
      asks: 'An empty close is valid; the page reports code 1005 (no status received) and the client answers with a close frame.',
      wireClose: 'any',
      pongs: [],
      messages: [],
      pageCode: 1005,
      wasClean: true,
    },
  }),
  edge({
    id: 'unsolicited-pong',
    title: 'Unsolicited pong',
    sends: 'a pong nobody asked for, a text frame “still open”, then a close 1000',
    steps: () => [
      frame({ opcode: Opcode.Pong, payload: text('unsolicited') }),
      frame({ opcode: Opcode.Text, payload: text('still open') }),
      goodbye(),
    ],
    expect: accepts('RFC 6455 §5.5.3', 'A pong may be sent unsolicited; no response is expected.', [
      'text:10',
    ]),
  }),
  edge({
    id: 'ping-mid-fragment',
    title: 'Ping inside a fragmented message',
    sends: 'a text frame “Hel” (FIN = 0), a ping “between”, a continuation “lo”, then a close 1000',
    steps: () => [
      frame({ opcode: Opcode.Text, fin: false, payload: text('Hel') }),
      frame({ opcode: Opcode.Ping, payload: text('between') }),
      frame({ opcode: Opcode.Continuation, payload: text('lo') }),
      goodbye(),
    ],
    expect: accepts(
      'RFC 6455 §5.4, §5.5.2',
      'Control frames may come between fragments; the client answers the ping with a pong carrying the same data, and the page gets “Hello”.',
      ['text:5'],
      ['between'],
    ),
  }),
  edge({
    id: 'empty-text',
    title: 'A 0-byte text message',
    sends: 'a text frame with no payload, then a close 1000',
    steps: () => [frame({ opcode: Opcode.Text, payload: new Uint8Array(0) }), goodbye()],
    expect: accepts('RFC 6455 §5.6', 'An empty message is a message: the page gets an empty string.', [
      'text:0',
    ]),
  }),
  edge({
    id: 'empty-binary',
    title: 'A 0-byte binary message',
    sends: 'a binary frame with no payload, then a close 1000',
    steps: () => [frame({ opcode: Opcode.Binary, payload: new Uint8Array(0) }), goodbye()],
    expect: accepts('RFC 6455 §5.6', 'An empty message is a message: the page gets 0 bytes.', ['binary:0']),
  }),
  edge({
    id: 'sixteen-mib',
    title: 'A 16 MiB message',
    sends: 'one binary frame of 16 MiB (64-bit length), then a close 1000',
    steps: () => {
      const payload = new Uint8Array(SIXTEEN_MIB);
      for (let i = 0; i < payload.length; i++) payload[i] = i & 0xff;
      return [frame({ opcode: Opcode.Binary, payload }), goodbye()];
    },
    expect: accepts(
      'RFC 6455 §5.2',
      'Lengths up to 2^63 − 1 are valid; a client may refuse what it cannot hold with 1009, but 16 MiB is ordinary.',
      [`binary:${SIXTEEN_MIB}`],
    ),
  }),
  edge({
    id: 'close-then-silent',
    title: 'Server close, then silence',
    sends: 'a close 1000, then nothing: it neither answers the client’s close nor closes TCP',
    steps: () => [goodbye()],
    ending: 'silent',
    expect: accepts(
      'RFC 6455 §7.1.1',
      'The client answers the close; it should wait for the server to close TCP, but may close it itself after a reasonable time.',
      [],
    ),
  }),
  edge({
    id: 'tcp-fin-no-close',
    title: 'TCP closed without a close frame',
    sends: 'a text frame “bye”, then a TCP FIN with no close frame',
    steps: () => [frame({ opcode: Opcode.Text, payload: text('bye') })],
    ending: 'fin',
    expect: {
      section: 'RFC 6455 §7.1.5',
      asks: 'The message is delivered; the connection closed without a closing handshake, so the close code is 1006 and it was not clean.',
      wireClose: 'none',
      pongs: [],
      messages: ['text:3'],
      pageCode: 1006,
      wasClean: false,
    },
  }),
  edge({
    id: 'tcp-reset-mid-frame',
    title: 'TCP reset in the middle of a frame',
    sends: 'the first 20 bytes of a 100-byte binary frame, then a TCP reset',
    steps: () => [
      { frame: encodeFrame({ opcode: Opcode.Binary, payload: new Uint8Array(100) }).subarray(0, 20) },
    ],
    ending: 'reset',
    expect: {
      section: 'RFC 6455 §7.1.5',
      asks: 'Nothing can be delivered; the connection closed without a closing handshake: code 1006, not clean.',
      wireClose: 'none',
      pongs: [],
      messages: [],
      pageCode: 1006,
      wasClean: false,
    },
  }),
];

/** The case with this id, if any. */
export function findLabCase(id: string): LabCase | undefined {
  return LAB_CASES.find((c) => c.id === id);
}
