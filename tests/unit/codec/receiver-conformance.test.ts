/**
 * createReceiver() against the rules of RFC 6455 §5 and §7, case by case in the spirit of the Autobahn
 * testsuite (sections 1–7 and the small sizes of 9). Each case runs three ways: the whole stream in one
 * push, one byte at a time, and cut in three uneven pieces; all three must give the same events. A failure is
 * written `fail:CODE id@offset`: the close code, the violation, and the stream offset of the offending byte, each
 * worked out by hand from RFC 6455 §5.2 (masked client frames: 2 header bytes, 4 key bytes, then the payload; MASK
 * and the length live in byte 1 of a frame) rather than read from the code under test.
 */
import { describe, expect, it } from 'vitest';
import { createReceiver, type ReceiverOptions, type Role } from '../../../src/codec/index';
import { bytesOf, cat, oneByteAtATime, pushCut, summary, summaryAt, wire, type WireFrame } from './wire';

interface Case {
  name: string;
  frames: (WireFrame | Uint8Array)[];
  expect: string[];
  role?: Role;
  opts?: Partial<ReceiverOptions>;
}

const T = 1; // text
const B = 2; // binary
const C = 8; // close
const PING = 9;
const PONG = 10;
const asBytes = (f: WireFrame | Uint8Array) => (f instanceof Uint8Array ? f : wire(f));
const repeat = (byte: number, n: number) => new Uint8Array(n).fill(byte);
const closePayload = (code: number, reason: Uint8Array | string = '') =>
  cat(Uint8Array.of(code >> 8, code & 0xff), bytesOf(reason));

function runAll(c: Case) {
  const role = c.role ?? 'server';
  const bytes = cat(...c.frames.map(asBytes));
  const make = () => createReceiver({ role, ...c.opts });
  const whole = summaryAt(make().push(bytes));
  const bytewise = summaryAt(oneByteAtATime(make(), bytes));
  const third = Math.floor(bytes.length / 3);
  const pieces = summaryAt(pushCut(make(), bytes, [1, third, 2 * third + 1]));
  return { whole, bytewise, pieces };
}

function check(c: Case) {
  const { whole, bytewise, pieces } = runAll(c);
  expect(whole).toEqual(c.expect);
  expect(bytewise).toEqual(c.expect);
  expect(pieces).toEqual(c.expect);
}

const sizes = [0, 1, 125, 126, 127, 128, 65_535, 65_536, 65_537];

const framing: Case[] = [
  ...sizes.map((n) => ({
    name: `1.1 text of ${n} bytes`,
    frames: [{ opcode: T, payload: 'x'.repeat(n) }],
    expect: [`text:${'x'.repeat(n)}`],
  })),
  ...sizes.map((n) => ({
    name: `1.2 binary of ${n} bytes`,
    frames: [{ opcode: B, payload: repeat(0xfe, n) }],
    expect: [`binary:${n}`],
  })),
  {
    name: '1.x text from a server (unmasked) to a client',
    role: 'client',
    frames: [{ opcode: T, payload: 'hi', mask: false }],
    expect: ['text:hi'],
  },
  {
    name: '1.x non-minimal 16-bit length for 5 bytes is still read (a warning, not a failure)',
    frames: [{ opcode: T, payload: 'Hello', len: '16' }],
    expect: ['text:Hello'],
  },
];

const pings: Case[] = [
  { name: '2.1 ping, empty', frames: [{ opcode: PING }], expect: ['ping:'] },
  {
    name: '2.2 ping with text payload',
    frames: [{ opcode: PING, payload: 'Hello' }],
    expect: ['ping:48656c6c6f'],
  },
  {
    name: '2.3 ping with binary payload',
    frames: [{ opcode: PING, payload: [0, 0xff, 0xfe] }],
    expect: ['ping:00fffe'],
  },
  {
    name: '2.4 ping with 125-byte payload',
    frames: [{ opcode: PING, payload: repeat(0xfe, 125) }],
    expect: [`ping:${'fe'.repeat(125)}`],
  },
  {
    name: '2.5 ping with 126-byte payload → 1002',
    frames: [{ opcode: PING, payload: repeat(0xfe, 126) }],
    expect: ['fail:1002 control-frame-too-long@1'],
  },
  { name: '2.6 pong, unsolicited', frames: [{ opcode: PONG, payload: 'x' }], expect: ['pong:78'] },
  {
    name: '2.7 ten pings',
    frames: Array.from({ length: 10 }, () => ({ opcode: PING, payload: 'p' })),
    expect: Array(10).fill('ping:70'),
  },
  {
    name: '2.8 fragmented ping → 1002',
    frames: [
      { opcode: PING, fin: false, payload: 'a' },
      { opcode: 0, payload: 'b' },
    ],
    expect: ['fail:1002 control-frame-fragmented@0'],
  },
  {
    name: '2.9 close with 126-byte payload → 1002',
    frames: [{ opcode: C, payload: closePayload(1000, 'x'.repeat(124)) }],
    expect: ['fail:1002 control-frame-too-long@1'],
  },
];

const reservedBits: Case[] = [
  ...[0b100, 0b010, 0b001, 0b111].map((rsv) => ({
    name: `3.x text with RSV ${rsv.toString(2).padStart(3, '0')} and no extension → 1002, after a good message`,
    frames: [{ opcode: T, payload: 'ok' }, { opcode: T, payload: 'Hello', rsv }, { opcode: PING }],
    expect: ['text:ok', 'fail:1002 reserved-bit-set@8'],
  })),
  {
    name: '3.x ping with RSV3 → 1002',
    frames: [{ opcode: PING, rsv: 0b001 }],
    expect: ['fail:1002 reserved-bit-set@0'],
  },
  {
    name: '3.x binary with RSV2 → 1002',
    frames: [{ opcode: B, rsv: 0b010, payload: [1] }],
    expect: ['fail:1002 reserved-bit-set@0'],
  },
  {
    name: '3.x close with RSV1 → 1002',
    frames: [{ opcode: C, rsv: 0b100 }],
    expect: ['fail:1002 reserved-bit-set@0'],
  },
  {
    name: '3.x with permessage-deflate: RSV1 on a ping → 1002',
    opts: { permessageDeflate: {} },
    frames: [{ opcode: PING, rsv: 0b100 }],
    expect: ['fail:1002 rsv1-on-control-frame@0'],
  },
  {
    name: '3.x with permessage-deflate: RSV1 on a continuation → 1002',
    opts: { permessageDeflate: {} },
    frames: [
      { opcode: T, fin: false, payload: 'a' },
      { opcode: 0, rsv: 0b100, payload: 'b' },
    ],
    expect: ['fail:1002 rsv1-on-continuation@7'],
  },
  {
    name: '3.x with permessage-deflate: RSV2 is still reserved → 1002',
    opts: { permessageDeflate: {} },
    frames: [{ opcode: T, rsv: 0b010, payload: 'a' }],
    expect: ['fail:1002 reserved-bit-set@0'],
  },
  {
    name: '3.x with permessage-deflate: uncompressed messages (RSV1 = 0) still pass',
    opts: { permessageDeflate: {} },
    frames: [{ opcode: T, payload: 'plain' }],
    expect: ['text:plain'],
  },
];

const opcodes: Case[] = [3, 4, 5, 6, 7, 0xb, 0xc, 0xd, 0xe, 0xf].map((op) => ({
  name: `4.x reserved opcode 0x${op.toString(16)} → 1002 after a good message, nothing after`,
  frames: [{ opcode: T, payload: 'ok' }, { opcode: op, payload: 'x' }, { opcode: PING }],
  expect: ['text:ok', 'fail:1002 reserved-opcode@8'],
}));

const fragmentation: Case[] = [
  {
    name: '5.1 ping in 2 fragments → 1002',
    frames: [
      { opcode: PING, fin: false, payload: 'a' },
      { opcode: 0, payload: 'b' },
    ],
    expect: ['fail:1002 control-frame-fragmented@0'],
  },
  {
    name: '5.2 pong in 2 fragments → 1002',
    frames: [
      { opcode: PONG, fin: false, payload: 'a' },
      { opcode: 0, payload: 'b' },
    ],
    expect: ['fail:1002 control-frame-fragmented@0'],
  },
  {
    name: '5.3 text in 2 fragments',
    frames: [
      { opcode: T, fin: false, payload: 'frag' },
      { opcode: 0, payload: 'ment' },
    ],
    expect: ['text:fragment'],
  },
  {
    name: '5.6 text in 2 fragments, ping between',
    frames: [
      { opcode: T, fin: false, payload: 'Hel' },
      { opcode: PING, payload: 'p' },
      { opcode: 0, payload: 'lo' },
    ],
    expect: ['ping:70', 'text:Hello'],
  },
  {
    name: '5.8 text in 3 fragments, pong and ping between',
    frames: [
      { opcode: T, fin: false, payload: 'a' },
      { opcode: PONG },
      { opcode: 0, fin: false, payload: 'b' },
      { opcode: PING },
      { opcode: 0, payload: 'c' },
    ],
    expect: ['pong:', 'ping:', 'text:abc'],
  },
  {
    name: '5.9 continuation with nothing to continue → 1002',
    frames: [
      { opcode: 0, payload: 'x' },
      { opcode: T, payload: 'y' },
    ],
    expect: ['fail:1002 unexpected-continuation@0'],
  },
  {
    name: '5.10 final continuation with nothing to continue → 1002',
    frames: [{ opcode: 0, fin: true }],
    expect: ['fail:1002 unexpected-continuation@0'],
  },
  {
    name: '5.11 continuation after a finished message → 1002',
    frames: [
      { opcode: T, payload: 'done' },
      { opcode: 0, payload: 'x' },
    ],
    expect: ['text:done', 'fail:1002 unexpected-continuation@10'],
  },
  {
    name: '5.15 new text while a text is unfinished → 1002',
    frames: [
      { opcode: T, fin: false, payload: 'a' },
      { opcode: T, payload: 'b' },
    ],
    expect: ['fail:1002 expected-continuation@7'],
  },
  {
    name: '5.16 new binary while a text is unfinished → 1002',
    frames: [
      { opcode: T, fin: false, payload: 'a' },
      { opcode: B, payload: [1] },
    ],
    expect: ['fail:1002 expected-continuation@7'],
  },
  {
    name: '5.19 text in 5 fragments (some empty) with pings between',
    frames: [
      { opcode: T, fin: false },
      { opcode: PING, payload: '1' },
      { opcode: 0, fin: false, payload: 'He' },
      { opcode: 0, fin: false },
      { opcode: PING, payload: '2' },
      { opcode: 0, payload: 'y' },
    ],
    expect: ['ping:31', 'ping:32', 'text:Hey'],
  },
  {
    name: '5.x binary in 100 one-byte fragments',
    frames: [
      { opcode: B, fin: false, payload: [0] },
      ...Array.from({ length: 98 }, () => ({ opcode: 0, fin: false, payload: [1] })),
      { opcode: 0, payload: [2] },
    ],
    expect: ['binary:100'],
  },
  { name: '5.x empty text message', frames: [{ opcode: T }], expect: ['text:'] },
  {
    name: '5.x empty fragmented message',
    frames: [{ opcode: T, fin: false }, { opcode: 0 }],
    expect: ['text:'],
  },
];

const euro = [0xe2, 0x82, 0xac];
const utf8: Case[] = [
  {
    name: '6.x valid multi-byte text',
    frames: [{ opcode: T, payload: 'κόσμε €😀' }],
    expect: ['text:κόσμε €😀'],
  },
  {
    name: '6.x a code point left unfinished at the end of a fragmented message → 1007',
    frames: [
      { opcode: T, fin: false, payload: [0xf0, 0x9f] },
      { opcode: 0, fin: false, payload: [0x98] },
      { opcode: 0, payload: [0x80, ...euro.slice(0, 1)] },
    ],
    expect: ['fail:1007 invalid-utf8@22'],
  },
  {
    name: '6.x "😀€" split at every fragment boundary is valid',
    frames: [
      { opcode: T, fin: false, payload: [0xf0, 0x9f] },
      { opcode: 0, fin: false, payload: [0x98, 0x80, 0xe2] },
      { opcode: 0, payload: [0x82, 0xac] },
    ],
    expect: ['text:😀€'],
  },
  // [what, bytes after an 'a', stream offset of the first byte that cannot continue a valid sequence (Unicode
  // §3.9 Table 3-7; the payload starts at byte 6), or of the lead byte of a sequence the message cuts off].
  ...(
    [
      ['lone continuation byte', [0x80], 7],
      ['overlong 2-byte NUL', [0xc0, 0x80], 7],
      ['overlong 3-byte', [0xe0, 0x80, 0xaf], 8],
      ['UTF-16 surrogate', [0xed, 0xa0, 0x80], 8],
      ['above U+10FFFF', [0xf4, 0x90, 0x80, 0x80], 8],
      ['0xFF', [0xff], 7],
      ['truncated 3-byte at the end', [0x61, 0xe2, 0x82], 8],
    ] as const
  ).map(([what, bad, at]) => ({
    name: `6.x invalid UTF-8: ${what} → 1007`,
    frames: [{ opcode: T, payload: [0x61, ...bad] }],
    expect: [`fail:1007 invalid-utf8@${at}`],
  })),
  {
    name: '6.x invalid UTF-8 in a non-final fragment fails before the rest arrives',
    frames: [{ opcode: T, fin: false, payload: [0x61, 0xc0, 0x80] }],
    expect: ['fail:1007 invalid-utf8@7'],
  },
  {
    name: '6.x invalid continuation arriving in a later fragment → 1007, the ping after it is not delivered',
    frames: [
      { opcode: T, fin: false, payload: [0xe2, 0x82] },
      { opcode: 0, fin: false, payload: [0x41] },
      { opcode: PING },
    ],
    expect: ['fail:1007 invalid-utf8@14'],
  },
  {
    name: '6.x binary messages are not UTF-8 checked',
    frames: [{ opcode: B, payload: [0xc0, 0x80, 0xff] }],
    expect: ['binary:3'],
  },
];

const invalidCodes = [0, 999, 1004, 1005, 1006, 1015, 1016, 1100, 2000, 2999, 5000, 65535];
const validCodes = [
  1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 1012, 1013, 1014, 3000, 3999, 4000, 4999,
];
const close: Case[] = [
  { name: '7.1 close, empty payload', frames: [{ opcode: C }], expect: ['close::'] },
  {
    name: '7.1 nothing is delivered after a close',
    frames: [{ opcode: C }, { opcode: T, payload: 'late' }, { opcode: PING }],
    expect: ['close::'],
  },
  {
    name: '7.3 close with a 1-byte payload → 1002',
    frames: [{ opcode: C, payload: [0x03] }],
    expect: ['fail:1002 close-payload-one-byte@6'],
  },
  {
    name: '7.3 close 1000 with reason',
    frames: [{ opcode: C, payload: closePayload(1000, 'Goodbye') }],
    expect: ['close:1000:Goodbye'],
  },
  {
    name: '7.3 close with a 123-byte reason',
    frames: [{ opcode: C, payload: closePayload(1000, 'r'.repeat(123)) }],
    expect: [`close:1000:${'r'.repeat(123)}`],
  },
  {
    name: '7.5 close reason that is invalid UTF-8 → 1007',
    frames: [{ opcode: C, payload: closePayload(1000, Uint8Array.of(0xce, 0xba, 0xe1, 0xbd)) }],
    expect: ['fail:1007 close-reason-invalid-utf8@10'],
  },
  ...validCodes.map((code) => ({
    name: `7.7 close code ${code} is valid`,
    frames: [{ opcode: C, payload: closePayload(code) }],
    expect: [`close:${code}:`],
  })),
  ...invalidCodes.map((code) => ({
    name: `7.9 close code ${code} is invalid → 1002`,
    frames: [{ opcode: C, payload: closePayload(code) }],
    expect: ['fail:1002 close-code-invalid@6'],
  })),
  {
    name: '7.x close between fragments ends the stream',
    frames: [
      { opcode: T, fin: false, payload: 'a' },
      { opcode: C, payload: closePayload(1001) },
      { opcode: 0, payload: 'b' },
    ],
    expect: ['close:1001:'],
  },
];

const masking: Case[] = [
  {
    name: 'server receives an unmasked frame → 1002',
    frames: [{ opcode: T, payload: 'x', mask: false }],
    expect: ['fail:1002 unmasked-client-frame@1'],
  },
  {
    name: 'client receives a masked frame → 1002',
    role: 'client',
    frames: [{ opcode: T, payload: 'x' }],
    expect: ['fail:1002 masked-server-frame@1'],
  },
  {
    name: 'a masked frame with a zero key is still masked',
    frames: [{ opcode: T, payload: 'ok', mask: new Uint8Array(4) }],
    expect: ['text:ok'],
  },
];

const limits: Case[] = [
  {
    name: 'maxMessageSize: a frame over the limit → 1009',
    opts: { maxMessageSize: 10 },
    frames: [{ opcode: B, payload: repeat(1, 11) }],
    expect: ['fail:1009 message-too-big@1'],
  },
  {
    name: 'maxMessageSize: exactly the limit is fine',
    opts: { maxMessageSize: 10 },
    frames: [{ opcode: B, payload: repeat(1, 10) }],
    expect: ['binary:10'],
  },
  {
    name: 'maxMessageSize: fragments adding up over the limit → 1009',
    opts: { maxMessageSize: 10 },
    frames: [
      { opcode: T, fin: false, payload: 'x'.repeat(6) },
      { opcode: 0, payload: 'x'.repeat(6) },
    ],
    expect: ['fail:1009 message-too-big@13'],
  },
  {
    name: 'maxMessageSize does not count control frames',
    opts: { maxMessageSize: 3 },
    frames: [{ opcode: PING, payload: 'four' }],
    expect: ['ping:666f7572'],
  },
];

const sizes9: Case[] = [
  {
    name: '9.1 text of 64 KiB',
    frames: [{ opcode: T, payload: 'a'.repeat(65_536) }],
    expect: [`text:${'a'.repeat(65_536)}`],
  },
  {
    name: '9.2 binary of 256 KiB',
    frames: [{ opcode: B, payload: repeat(0x55, 262_144) }],
    expect: ['binary:262144'],
  },
  {
    name: '9.4 binary of 256 KiB in 64 KiB fragments',
    frames: [0, 1, 2, 3].map((i) => ({ opcode: i === 0 ? B : 0, fin: i === 3, payload: repeat(i, 65_536) })),
    expect: ['binary:262144'],
  },
];

describe.each([
  ['1 framing', framing],
  ['2 pings and pongs', pings],
  ['3 reserved bits', reservedBits],
  ['4 opcodes', opcodes],
  ['5 fragmentation', fragmentation],
  ['6 UTF-8', utf8],
  ['7 close', close],
  ['masking', masking],
  ['limits', limits],
  ['9 sizes', sizes9],
])('createReceiver() conformance: %s', (_, cases) => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => check(c));
});

describe('createReceiver() conformance: details', () => {
  it('a 64-bit length with its top bit set fails with 1002 at once, without allocating', () => {
    const header = Uint8Array.of(0x82, 0xff, 0x80, 0, 0, 0, 0, 0, 0, 0, 0x37, 0xfa, 0x21, 0x3d);
    const rx = createReceiver({ role: 'server' });
    const events = rx.push(header);
    expect(summary(events)).toEqual(['fail:1002']);
    const fail = events.find((e) => e.type === 'fail');
    expect(fail?.type === 'fail' && fail.violation.id).toBe('length-top-bit-set');
    expect(rx.state).toBe('failed');
  });

  it('a claimed 2^62-byte payload never allocates: the receiver waits, and refuses it with 1009 under a limit', () => {
    const header = Uint8Array.of(0x82, 0xff, 0x40, 0, 0, 0, 0, 0, 0, 0, 0x37, 0xfa, 0x21, 0x3d);
    const before = process.memoryUsage().arrayBuffers;
    const rx = createReceiver({ role: 'server' });
    const events = rx.push(cat(header, new Uint8Array(1000)));
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(16 * 1024 * 1024);
    expect(summary(events).filter((s) => s.startsWith('fail') && s !== 'fail:1009')).toEqual([]);
    expect(summary(createReceiver({ role: 'server', maxMessageSize: 1 << 20 }).push(header))).toEqual([
      'fail:1009',
    ]);
  });

  it('a claimed 2^40-byte payload with no limit does not allocate up front', () => {
    const header = Uint8Array.of(0x82, 0xff, 0, 0, 1, 0, 0, 0, 0, 0, 0x37, 0xfa, 0x21, 0x3d);
    const before = process.memoryUsage().arrayBuffers;
    const rx = createReceiver({ role: 'server' });
    expect(rx.push(cat(header, new Uint8Array(100)))).toEqual([]);
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(16 * 1024 * 1024);
    expect(rx.state).toBe('open');
  });

  it('fails on invalid UTF-8 as soon as the bad byte arrives, mid-frame, and reports its stream offset', () => {
    const frame = wire({ opcode: T, payload: [0x61, 0x62, 0xff, 0x63, 0x64, 0x65] });
    const rx = createReceiver({ role: 'server' });
    expect(rx.push(frame.subarray(0, 7))).toEqual([]);
    const events = rx.push(frame.subarray(7, 9));
    expect(summary(events)).toEqual(['fail:1007']);
    expect(events.find((e) => e.type === 'fail')?.offset).toBe(8);
  });

  it('fails on invalid UTF-8 split across chunks of a later fragment before the final fragment arrives', () => {
    const first = wire({ opcode: T, fin: false, payload: [0xf0, 0x9f] });
    const second = wire({ opcode: 0, fin: false, payload: [0x98, 0x41] });
    const rx = createReceiver({ role: 'server' });
    expect(summary(rx.push(first))).toEqual([]);
    expect(summary(rx.push(second.subarray(0, 7)))).toEqual([]);
    const events = rx.push(second.subarray(7));
    expect(summary(events)).toEqual(['fail:1007']);
    expect(events.find((e) => e.type === 'fail')?.offset).toBe(first.length + 7);
  });

  it('nothing is delivered after a fail, whatever is pushed next', () => {
    const rx = createReceiver({ role: 'server' });
    expect(summary(rx.push(wire({ opcode: 3 })))).toEqual(['fail:1002']);
    expect(rx.push(wire({ opcode: T, payload: 'after' }))).toEqual([]);
    expect(rx.push(wire({ opcode: C }))).toEqual([]);
    expect(rx.state).toBe('failed');
  });

  it('counts bytesReceived and reports the fail offset of a reserved opcode at its frame', () => {
    const good = wire({ opcode: T, payload: 'ok' });
    const rx = createReceiver({ role: 'server' });
    const events = rx.push(cat(good, wire({ opcode: 5 })));
    expect(events.find((e) => e.type === 'fail')?.offset).toBe(good.length);
    expect(rx.bytesReceived).toBe(good.length + 6);
  });

  it('never mutates the pushed bytes', () => {
    const bytes = cat(wire({ opcode: T, payload: 'Hello' }), wire({ opcode: B, payload: repeat(7, 300) }));
    const copy = bytes.slice();
    createReceiver({ role: 'server' }).push(bytes);
    oneByteAtATime(createReceiver({ role: 'server' }), bytes);
    expect(bytes).toEqual(copy);
  });
});

describe('createReceiver() conformance: where a cut-off UTF-8 sequence is reported', () => {
  // validateUtf8 and decodeFrame report a sequence cut off by the end of the data at its lead byte;
  // the receiver must point at the same byte, inside the stream, and show that byte's value.
  it.each([
    ['in a single frame', [wire({ opcode: T, payload: [0x61, 0xe2, 0x82] })], 7],
    [
      'before an empty final fragment',
      [wire({ opcode: T, fin: false, payload: [0x61, 0xe2, 0x82] }), wire({ opcode: 0 })],
      7,
    ],
    [
      'split over two fragments',
      [wire({ opcode: T, fin: false, payload: [0x61, 0xe2] }), wire({ opcode: 0, payload: [0x82] })],
      7,
    ],
  ])('%s: at the lead byte 0xe2', (_, frames, leadOffset) => {
    const bytes = cat(...frames);
    const events = createReceiver({ role: 'server' }).push(bytes);
    const fail = events.find((e) => e.type === 'fail');
    expect(fail?.type).toBe('fail');
    if (fail?.type !== 'fail') return;
    expect(fail.code).toBe(1007);
    expect(fail.offset).toBeLessThan(bytes.length);
    expect(fail.offset).toBe(leadOffset);
    expect(fail.violation.message).toMatch(/0xe2/);
  });
});
