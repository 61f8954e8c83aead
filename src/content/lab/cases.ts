/**
 * The browser-reaction Lab's cases, one table: what the server sends (built with the codec's `encodeFrame`), and what
 * RFC 6455 (and RFC 7692, and the WHATWG WebSockets standard for the page's events) asks of the client.
 */
import { encodeClosePayload } from '../../codec/close';
import { encodeFrame } from '../../codec/frame-encode';
import { createDeflater } from '../../codec/permessage-deflate';
import { Opcode, type FrameSpec } from '../../codec/types';
import type { LabCase, LabExpectation, LabStep } from './types';

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
const SIXTEEN_MIB = 16 * 1024 * 1024;
/** RFC 6455 §10.7: an endpoint may drop a connection whose data violates the protocol. */
const MAY_FAIL_1002 = {
  why: 'failing the connection on data that breaks the protocol is allowed too (RFC 6455 §10.7, §7.1.7)',
  wireClose: 1002,
  messages: [],
  pageCode: 1006,
  wasClean: false,
};

export const LAB_CASES: readonly LabCase[] = [
  {
    id: 'rsv1-without-extension',
    title: 'RSV1 without compression',
    group: 'violation',
    deflate: false,
    sends: 'a text frame with RSV1 = 1 on a connection that negotiated no extension',
    steps: () => [frame({ opcode: Opcode.Text, rsv1: true, payload: text('rsv1') })],
    ending: 'answer',
    violation: 'reserved-bit-set',
    expect: fails('RFC 6455 §5.2', 1002, `No extension gives RSV1 a meaning here. ${FAIL_1002}`),
  },
  {
    id: 'rsv2-set',
    title: 'RSV2 set',
    group: 'violation',
    deflate: false,
    sends: 'a text frame with RSV2 = 1',
    steps: () => [frame({ opcode: Opcode.Text, rsv2: true, payload: text('rsv2') })],
    ending: 'answer',
    violation: 'reserved-bit-set',
    expect: fails('RFC 6455 §5.2', 1002, `Reserved bits must be 0. ${FAIL_1002}`),
  },
  {
    id: 'rsv3-set',
    title: 'RSV3 set',
    group: 'violation',
    deflate: false,
    sends: 'a text frame with RSV3 = 1',
    steps: () => [frame({ opcode: Opcode.Text, rsv3: true, payload: text('rsv3') })],
    ending: 'answer',
    violation: 'reserved-bit-set',
    expect: fails('RFC 6455 §5.2', 1002, `Reserved bits must be 0. ${FAIL_1002}`),
  },
  {
    id: 'reserved-opcode-data',
    title: 'Reserved data opcode 0x3',
    group: 'violation',
    deflate: false,
    sends: 'a frame with opcode 0x3',
    steps: () => [frame({ opcode: 0x3, payload: text('reserved') })],
    ending: 'answer',
    violation: 'reserved-opcode',
    expect: fails('RFC 6455 §5.2', 1002, `Opcodes 0x3–0x7 are reserved. ${FAIL_1002}`),
  },
  {
    id: 'reserved-opcode-control',
    title: 'Reserved control opcode 0xB',
    group: 'violation',
    deflate: false,
    sends: 'a frame with opcode 0xB',
    steps: () => [frame({ opcode: 0xb, payload: text('reserved') })],
    ending: 'answer',
    violation: 'reserved-opcode',
    expect: fails('RFC 6455 §5.2', 1002, `Opcodes 0xB–0xF are reserved. ${FAIL_1002}`),
  },
  {
    id: 'masked-server-frame',
    title: 'Masked server frame',
    group: 'violation',
    deflate: false,
    sends: 'a text frame masked with the key 01 02 03 04',
    steps: () => [
      frame({ opcode: Opcode.Text, mask: new Uint8Array([1, 2, 3, 4]), payload: text('masked') }),
    ],
    ending: 'answer',
    violation: 'masked-server-frame',
    expect: fails(
      'RFC 6455 §5.1',
      1002,
      `A client must close the connection on a masked frame. ${FAIL_1002}`,
    ),
  },
  {
    id: 'fragmented-ping',
    title: 'Fragmented control frame',
    group: 'violation',
    deflate: false,
    sends: 'a ping with FIN = 0',
    steps: () => [frame({ opcode: Opcode.Ping, fin: false, payload: text('ping') })],
    ending: 'answer',
    violation: 'control-frame-fragmented',
    expect: fails('RFC 6455 §5.5', 1002, `Control frames must not be fragmented. ${FAIL_1002}`),
  },
  {
    id: 'ping-126-bytes',
    title: 'Oversized control frame',
    group: 'violation',
    deflate: false,
    sends: 'a ping with a 126-byte payload (16-bit length)',
    steps: () => [frame({ opcode: Opcode.Ping, payload: new Uint8Array(126).fill(0x2a) })],
    ending: 'answer',
    violation: 'control-frame-too-long',
    expect: fails('RFC 6455 §5.5', 1002, `Control frames carry at most 125 bytes. ${FAIL_1002}`),
  },
  {
    id: 'non-minimal-length-16',
    title: 'Non-minimal length (16-bit form)',
    group: 'violation',
    deflate: false,
    sends: 'the text “Hello” with its length 5 written in the 16-bit form, then a close 1000',
    steps: () => [frame({ opcode: Opcode.Text, length: '16', payload: text('Hello') }), goodbye()],
    ending: 'answer',
    violation: 'non-minimal-length',
    expect: {
      ...accepts(
        'RFC 6455 §5.2',
        'The sender must use the minimal length form; the RFC gives the receiver no rule of its own, so reading the message is within it, and so is failing the connection with 1002.',
        ['text:5'],
      ),
      alternative: MAY_FAIL_1002,
    },
  },
  {
    id: 'non-minimal-length-64',
    title: 'Non-minimal length (64-bit form)',
    group: 'violation',
    deflate: false,
    sends: 'the text “Hello” with its length 5 written in the 64-bit form, then a close 1000',
    steps: () => [frame({ opcode: Opcode.Text, length: '64', payload: text('Hello') }), goodbye()],
    ending: 'answer',
    violation: 'non-minimal-length',
    expect: {
      ...accepts(
        'RFC 6455 §5.2',
        'The sender must use the minimal length form; the RFC gives the receiver no rule of its own, so reading the message is within it, and so is failing the connection with 1002.',
        ['text:5'],
      ),
      alternative: MAY_FAIL_1002,
    },
  },
  {
    id: 'length-top-bit',
    title: '64-bit length with its top bit set',
    group: 'violation',
    deflate: false,
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
    ending: 'answer',
    violation: 'length-top-bit-set',
    expect: fails(
      'RFC 6455 §5.2',
      1002,
      `The most significant bit of a 64-bit length must be 0. ${FAIL_1002}`,
    ),
  },
  {
    id: 'unexpected-continuation',
    title: 'Continuation with nothing to continue',
    group: 'violation',
    deflate: false,
    sends: 'a continuation frame (FIN = 1) with no message started',
    steps: () => [frame({ opcode: Opcode.Continuation, payload: text('orphan') })],
    ending: 'answer',
    violation: 'unexpected-continuation',
    expect: fails('RFC 6455 §5.4', 1002, `A continuation must follow a frame with FIN = 0. ${FAIL_1002}`),
  },
  {
    id: 'new-message-mid-fragment',
    title: 'New message inside a fragmented one',
    group: 'violation',
    deflate: false,
    sends: 'a text frame with FIN = 0 (“Hel”), then another text frame (“lo”) instead of a continuation',
    steps: () => [
      frame({ opcode: Opcode.Text, fin: false, payload: text('Hel') }),
      frame({ opcode: Opcode.Text, payload: text('lo') }),
    ],
    ending: 'answer',
    violation: 'expected-continuation',
    expect: fails(
      'RFC 6455 §5.4',
      1002,
      `Fragments of a message must not be interleaved with other messages. ${FAIL_1002}`,
    ),
  },
  {
    id: 'invalid-utf8',
    title: 'Invalid UTF-8 in a text frame',
    group: 'violation',
    deflate: false,
    sends: 'a text frame “bad ” c3 28 (c3 needs a continuation byte, 28 is not one)',
    steps: () => [
      frame({ opcode: Opcode.Text, payload: new Uint8Array([0x62, 0x61, 0x64, 0x20, 0xc3, 0x28]) }),
    ],
    ending: 'answer',
    violation: 'invalid-utf8',
    expect: fails(
      'RFC 6455 §8.1',
      1007,
      'The client must fail the connection with 1007 (invalid frame payload data).',
    ),
  },
  {
    id: 'invalid-utf8-split',
    title: 'Invalid UTF-8 split across frames',
    group: 'violation',
    deflate: false,
    sends: 'a text frame ending in ce (a valid start of κ), then a continuation starting with 28',
    steps: () => [
      frame({ opcode: Opcode.Text, fin: false, payload: new Uint8Array([0x61, 0x62, 0xce]) }),
      frame({ opcode: Opcode.Continuation, payload: new Uint8Array([0x28, 0x63]) }),
    ],
    ending: 'answer',
    violation: 'invalid-utf8',
    expect: fails(
      'RFC 6455 §8.1',
      1007,
      'Each frame alone could be valid; the message is not. The client must fail the connection with 1007.',
    ),
  },
  {
    id: 'invalid-utf8-fail-fast',
    title: 'Invalid UTF-8 before the message ends',
    group: 'violation',
    deflate: false,
    sends:
      'a text frame with FIN = 0 holding “ab” ff, then (only if the client has not closed within 3 s) the final fragment',
    steps: () => [
      frame({ opcode: Opcode.Text, fin: false, payload: new Uint8Array([0x61, 0x62, 0xff]) }),
      { pauseMs: 3000 },
      frame({ opcode: Opcode.Continuation, payload: text('cd') }),
    ],
    ending: 'answer',
    violation: 'invalid-utf8',
    expect: fails(
      'RFC 6455 §8.1',
      1007,
      'ff is never valid UTF-8, so the message is invalid whatever follows: the client must fail with 1007 (a strict client does so before the final fragment).',
    ),
  },
  {
    id: 'close-one-byte',
    title: 'Close frame with a 1-byte payload',
    group: 'violation',
    deflate: false,
    sends: 'a close frame whose payload is the single byte 03',
    steps: () => [frame({ opcode: Opcode.Close, payload: new Uint8Array([0x03]) })],
    ending: 'answer',
    violation: 'close-payload-one-byte',
    expect: fails(
      'RFC 6455 §5.5.1',
      1002,
      `A close payload is empty or starts with a 2-byte code. ${FAIL_1002}`,
    ),
  },
  {
    id: 'close-code-1005',
    title: 'Close code 1005 on the wire',
    group: 'violation',
    deflate: false,
    sends: 'a close frame with code 1005, which is reserved for reporting “no status” inside an endpoint',
    steps: () => [closeWith(1005)],
    ending: 'answer',
    violation: 'close-code-invalid',
    expect: fails('RFC 6455 §7.4.1', 1002, `1005 must never be sent in a close frame. ${FAIL_1002}`),
  },
  {
    id: 'close-code-2999',
    title: 'Close code 2999 (reserved)',
    group: 'violation',
    deflate: false,
    sends:
      'a close frame with code 2999, in the range 1016–2999 reserved for future versions of the protocol',
    steps: () => [closeWith(2999)],
    ending: 'answer',
    violation: 'close-code-invalid',
    expect: fails('RFC 6455 §7.4.2', 1002, `Codes 1016–2999 are not defined. ${FAIL_1002}`),
  },
  {
    id: 'close-code-1004',
    title: 'Close code 1004 (reserved)',
    group: 'violation',
    deflate: false,
    sends: 'a close frame with code 1004, reserved by RFC 6455 with no meaning yet',
    steps: () => [closeWith(1004)],
    ending: 'answer',
    violation: 'close-code-invalid',
    expect: fails('RFC 6455 §7.4.1', 1002, `1004 is reserved and must not be sent. ${FAIL_1002}`),
  },
  {
    id: 'close-code-5000',
    title: 'Close code 5000 (out of range)',
    group: 'violation',
    deflate: false,
    sends: 'a close frame with code 5000, above the private range 4000–4999',
    steps: () => [closeWith(5000)],
    ending: 'answer',
    violation: 'close-code-invalid',
    expect: fails('RFC 6455 §7.4.2', 1002, `No range defines codes from 5000 up. ${FAIL_1002}`),
  },
  {
    id: 'close-126-bytes',
    title: 'Oversized close frame',
    group: 'violation',
    deflate: false,
    sends: 'a close frame with code 1000 and a 124-byte reason: 126 bytes of payload',
    steps: () => [closeWith(1000, new Uint8Array(124).fill(0x61))],
    ending: 'answer',
    violation: 'control-frame-too-long',
    expect: fails('RFC 6455 §5.5', 1002, `A close frame is a control frame: at most 125 bytes. ${FAIL_1002}`),
  },
  {
    id: 'close-reason-invalid-utf8',
    title: 'Close reason not UTF-8',
    group: 'violation',
    deflate: false,
    sends: 'a close frame with code 1000 and the reason bytes 61 ff',
    steps: () => [closeWith(1000, new Uint8Array([0x61, 0xff]))],
    ending: 'answer',
    violation: 'close-reason-invalid-utf8',
    expect: fails(
      'RFC 6455 §5.5.1',
      1007,
      'The reason is UTF-8 text; invalid UTF-8 fails the connection with 1007 (§8.1).',
    ),
  },
  {
    id: 'data-after-close',
    title: 'Data after the close frame',
    group: 'violation',
    deflate: false,
    sends: 'a close 1000, then a text frame “late”',
    steps: () => [goodbye(), frame({ opcode: Opcode.Text, payload: text('late') })],
    ending: 'answer',
    violation: null,
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
  },
  {
    id: 'compressed-ping',
    title: 'Compressed control frame',
    group: 'violation',
    deflate: true,
    sends: 'a ping with RSV1 = 1 on a connection that negotiated permessage-deflate',
    steps: () => [frame({ opcode: Opcode.Ping, rsv1: true, payload: text('ping') })],
    ending: 'answer',
    violation: 'rsv1-on-control-frame',
    expect: fails('RFC 7692 §6.1', 1002, `Control frames are never compressed. ${FAIL_1002}`),
  },
  {
    id: 'rsv1-on-continuation',
    title: 'RSV1 on a continuation frame',
    group: 'violation',
    deflate: true,
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
    ending: 'answer',
    violation: 'rsv1-on-continuation',
    expect: fails(
      'RFC 7692 §6.1',
      1002,
      `Only the first frame of a compressed message has RSV1. ${FAIL_1002}`,
    ),
  },
  {
    id: 'bad-deflate-block',
    title: 'Bad DEFLATE block',
    group: 'violation',
    deflate: true,
    sends: 'a text frame with RSV1 = 1 whose payload 07 00 starts a DEFLATE block of the reserved type 11',
    steps: () => [frame({ opcode: Opcode.Text, rsv1: true, payload: new Uint8Array([0x07, 0x00]) })],
    ending: 'answer',
    violation: 'inflate-failed',
    expect: fails(
      'RFC 7692 §7.2.2',
      1007,
      'Compressed data that does not inflate fails the connection; the payload is not what its type says, so 1007.',
    ),
  },
  {
    id: 'close-no-status',
    title: 'Close with no status code',
    group: 'edge',
    deflate: false,
    sends: 'a close frame with an empty payload',
    steps: () => [frame({ opcode: Opcode.Close, payload: new Uint8Array(0) })],
    ending: 'answer',
    violation: null,
    expect: {
      section: 'RFC 6455 §7.1.5',
      asks: 'An empty close is valid; the page reports code 1005 (no status received) and the client answers with a close frame.',
      wireClose: 'any',
      pongs: [],
      messages: [],
      pageCode: 1005,
      wasClean: true,
    },
  },
  {
    id: 'unsolicited-pong',
    title: 'Unsolicited pong',
    group: 'edge',
    deflate: false,
    sends: 'a pong nobody asked for, a text frame “still open”, then a close 1000',
    steps: () => [
      frame({ opcode: Opcode.Pong, payload: text('unsolicited') }),
      frame({ opcode: Opcode.Text, payload: text('still open') }),
      goodbye(),
    ],
    ending: 'answer',
    violation: null,
    expect: accepts('RFC 6455 §5.5.3', 'A pong may be sent unsolicited; no response is expected.', [
      'text:10',
    ]),
  },
  {
    id: 'ping-mid-fragment',
    title: 'Ping inside a fragmented message',
    group: 'edge',
    deflate: false,
    sends: 'a text frame “Hel” (FIN = 0), a ping “between”, a continuation “lo”, then a close 1000',
    steps: () => [
      frame({ opcode: Opcode.Text, fin: false, payload: text('Hel') }),
      frame({ opcode: Opcode.Ping, payload: text('between') }),
      frame({ opcode: Opcode.Continuation, payload: text('lo') }),
      goodbye(),
    ],
    ending: 'answer',
    violation: null,
    expect: accepts(
      'RFC 6455 §5.4, §5.5.2',
      'Control frames may come between fragments; the client answers the ping with a pong carrying the same data, and the page gets “Hello”.',
      ['text:5'],
      ['between'],
    ),
  },
  {
    id: 'empty-text',
    title: 'A 0-byte text message',
    group: 'edge',
    deflate: false,
    sends: 'a text frame with no payload, then a close 1000',
    steps: () => [frame({ opcode: Opcode.Text, payload: new Uint8Array(0) }), goodbye()],
    ending: 'answer',
    violation: null,
    expect: accepts('RFC 6455 §5.6', 'An empty message is a message: the page gets an empty string.', [
      'text:0',
    ]),
  },
  {
    id: 'empty-binary',
    title: 'A 0-byte binary message',
    group: 'edge',
    deflate: false,
    sends: 'a binary frame with no payload, then a close 1000',
    steps: () => [frame({ opcode: Opcode.Binary, payload: new Uint8Array(0) }), goodbye()],
    ending: 'answer',
    violation: null,
    expect: accepts('RFC 6455 §5.6', 'An empty message is a message: the page gets 0 bytes.', ['binary:0']),
  },
  {
    id: 'sixteen-mib',
    title: 'A 16 MiB message',
    group: 'edge',
    deflate: false,
    sends: 'one binary frame of 16 MiB (64-bit length), then a close 1000',
    steps: () => {
      const payload = new Uint8Array(SIXTEEN_MIB);
      for (let i = 0; i < payload.length; i++) payload[i] = i & 0xff;
      return [frame({ opcode: Opcode.Binary, payload }), goodbye()];
    },
    ending: 'answer',
    violation: null,
    expect: accepts(
      'RFC 6455 §5.2',
      'Lengths up to 2^63 − 1 are valid; a client may refuse what it cannot hold with 1009, but 16 MiB is ordinary.',
      [`binary:${SIXTEEN_MIB}`],
    ),
  },
  {
    id: 'close-then-silent',
    title: 'Server close, then silence',
    group: 'edge',
    deflate: false,
    sends: 'a close 1000, then nothing: it neither answers the client’s close nor closes TCP',
    steps: () => [goodbye()],
    ending: 'silent',
    violation: null,
    expect: accepts(
      'RFC 6455 §7.1.1',
      'The client answers the close; it should wait for the server to close TCP, but may close it itself after a reasonable time.',
      [],
    ),
  },
  {
    id: 'tcp-fin-no-close',
    title: 'TCP closed without a close frame',
    group: 'edge',
    deflate: false,
    sends: 'a text frame “bye”, then a TCP FIN with no close frame',
    steps: () => [frame({ opcode: Opcode.Text, payload: text('bye') })],
    ending: 'fin',
    violation: null,
    expect: {
      section: 'RFC 6455 §7.1.5',
      asks: 'The message is delivered; the connection closed without a closing handshake, so the close code is 1006 and it was not clean.',
      wireClose: 'none',
      pongs: [],
      messages: ['text:3'],
      pageCode: 1006,
      wasClean: false,
    },
  },
  {
    id: 'tcp-reset-mid-frame',
    title: 'TCP reset in the middle of a frame',
    group: 'edge',
    deflate: false,
    sends: 'the first 20 bytes of a 100-byte binary frame, then a TCP reset',
    steps: () => [
      { frame: encodeFrame({ opcode: Opcode.Binary, payload: new Uint8Array(100) }).subarray(0, 20) },
    ],
    ending: 'reset',
    violation: null,
    expect: {
      section: 'RFC 6455 §7.1.5',
      asks: 'Nothing can be delivered; the connection closed without a closing handshake: code 1006, not clean.',
      wireClose: 'none',
      pongs: [],
      messages: [],
      pageCode: 1006,
      wasClean: false,
    },
  },
];

/** The case with this id, if any. */
export function findLabCase(id: string): LabCase | undefined {
  return LAB_CASES.find((c) => c.id === id);
}
