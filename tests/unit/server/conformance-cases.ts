/** Autobahn-style cases 1–6 (framing, pings, RSV bits, opcodes, fragmentation, UTF-8), run by conformance.test.ts. */
import {
  binary,
  closeFrame,
  cont,
  frame,
  ping,
  pong,
  text,
  type ConformanceCase,
} from './conformance-harness';

export const bye = closeFrame(1000, 'bye');
export const byeBack = { close: 1000, reason: 'bye' };
export const hex = (h: string) => Buffer.from(h.replace(/\s/g, ''), 'hex');
export const fill = (n: number, byte = 0x2a) => Buffer.alloc(n, byte);
export const kosme = hex('cebae1bdb9cf83cebcceb5'); // κόσμε
export const failed = (code: number) => ({ close: code });

export const framing: ConformanceCase[] = [
  ...[0, 125, 126, 127, 128, 65535, 65536].map((n) => ({
    id: `1.1 (${n})`,
    what: `text of ${n} bytes is echoed`,
    send: [text(fill(n)), bye],
    expect: [{ text: fill(n) }, byeBack],
  })),
  ...[0, 125, 126, 65535, 65536].map((n) => ({
    id: `1.2 (${n})`,
    what: `binary of ${n} bytes is echoed`,
    send: [binary(fill(n, 0xfe)), bye],
    expect: [{ binary: fill(n, 0xfe) }, byeBack],
  })),
  {
    id: '1.1.8',
    what: '65536-byte text written in chops of 997 bytes',
    send: [{ chop: text(fill(65536)), size: 997 }, bye],
    expect: [{ text: fill(65536) }, byeBack],
  },
  { id: '2.1', what: 'empty ping → empty pong', send: [ping(), bye], expect: [{ pong: '' }, byeBack] },
  {
    id: '2.3',
    what: 'binary ping → identical pong',
    send: [ping(hex('00fffefdfcfb00ff')), bye],
    expect: [{ pong: hex('00fffefdfcfb00ff') }, byeBack],
  },
  {
    id: '2.4',
    what: '125-byte ping → identical pong',
    send: [ping(fill(125, 0xfe)), bye],
    expect: [{ pong: fill(125, 0xfe) }, byeBack],
  },
  { id: '2.5', what: '126-byte ping → 1002', send: [ping(fill(126))], expect: [failed(1002)] },
  {
    id: '2.6',
    what: '125-byte ping written byte by byte',
    send: [{ chop: ping(fill(125, 0x11)), size: 1 }, bye],
    expect: [{ pong: fill(125, 0x11) }, byeBack],
  },
  { id: '2.7', what: 'unsolicited pong is ignored', send: [pong(), bye], expect: [byeBack] },
  {
    id: '2.10',
    what: '10 pings → 10 pongs in order',
    send: [...Array.from({ length: 10 }, (_, i) => ping(`payload-${i}`)), bye],
    expect: [...Array.from({ length: 10 }, (_, i) => ({ pong: `payload-${i}` })), byeBack],
  },
  { id: '3.1', what: 'RSV2 on text → 1002', send: [text('Hello', { rsv: 2 })], expect: [failed(1002)] },
  {
    id: '3.2',
    what: 'text, then RSV2 text, then ping: echo, then 1002 and no pong',
    send: [text('Hello'), text('Hello', { rsv: 2 }), ping('Hello')],
    expect: [{ text: 'Hello' }, failed(1002)],
  },
  {
    id: '3.3',
    what: 'the same, paused: the echo comes before the bad frame is sent',
    send: [text('Hello'), { pause: 50 }, { already: [{ text: 'Hello' }] }, text('x', { rsv: 3 }), ping()],
    expect: [{ text: 'Hello' }, failed(1002)],
  },
  {
    id: '3.6',
    what: 'RSV1+RSV3 on binary (no extension) → 1002',
    send: [binary(fill(3), { rsv: 5 })],
    expect: [failed(1002)],
  },
  { id: '3.7', what: 'RSV on a ping → 1002', send: [ping('x', { rsv: 7 })], expect: [failed(1002)] },
  { id: '4.1.1', what: 'opcode 3 → 1002', send: [frame(3)], expect: [failed(1002)] },
  {
    id: '4.1.3',
    what: 'text, opcode 5, ping: echo, then 1002',
    send: [text('Hello'), frame(5, 'x'), ping()],
    expect: [{ text: 'Hello' }, failed(1002)],
  },
  { id: '4.2.1', what: 'opcode 11 → 1002', send: [frame(11)], expect: [failed(1002)] },
  {
    id: '4.2.2',
    what: 'opcode 12 with payload → 1002',
    send: [frame(12, 'reserved')],
    expect: [failed(1002)],
  },
  {
    id: 'mask',
    what: 'an unmasked client frame → 1002',
    send: [text('x', { mask: false })],
    expect: [failed(1002)],
  },
];

export const fragments: ConformanceCase[] = [
  {
    id: '5.1',
    what: 'fragmented ping → 1002',
    send: [ping('a', { fin: false }), cont('b')],
    expect: [failed(1002)],
  },
  {
    id: '5.2',
    what: 'fragmented pong → 1002',
    send: [pong('a', { fin: false }), cont('b')],
    expect: [failed(1002)],
  },
  {
    id: '5.3',
    what: 'text in two fragments is echoed as one message',
    send: [text('fragment1', { fin: false }), cont('fragment2'), bye],
    expect: [{ text: 'fragment1fragment2' }, byeBack],
  },
  {
    id: '5.6',
    what: 'a ping between fragments is answered first',
    send: [text('fragment1', { fin: false }), ping('ping'), cont('fragment2'), bye],
    expect: [{ pong: 'ping' }, { text: 'fragment1fragment2' }, byeBack],
  },
  {
    id: '5.8',
    what: 'the same, each frame written byte by byte',
    send: [
      { chop: Buffer.concat([text('fragment1', { fin: false }), ping('ping'), cont('fragment2')]), size: 1 },
      bye,
    ],
    expect: [{ pong: 'ping' }, { text: 'fragment1fragment2' }, byeBack],
  },
  {
    id: '5.9',
    what: 'continuation with nothing to continue → 1002',
    send: [cont('x'), text('Hello')],
    expect: [failed(1002)],
  },
  {
    id: '5.15',
    what: 'a message, then a continuation with nothing to continue: echo, then 1002',
    send: [
      text('fragment1', { fin: false }),
      cont('fragment2'),
      cont('fragment3', { fin: false }),
      text('x'),
    ],
    expect: [{ text: 'fragment1fragment2' }, failed(1002)],
  },
  {
    id: '5.18',
    what: 'a new text frame while a message is open → 1002',
    send: [text('fragment1', { fin: false }), text('fragment2')],
    expect: [failed(1002)],
  },
  {
    id: '5.19',
    what: 'fragments with pings and pauses between them',
    send: [
      text('f1', { fin: false }),
      cont('f2', { fin: false }),
      ping('p1'),
      { pause: 30 },
      { already: [{ pong: 'p1' }] },
      cont('f3', { fin: false }),
      ping('p2'),
      cont('f4'),
      bye,
    ],
    expect: [{ pong: 'p1' }, { pong: 'p2' }, { text: 'f1f2f3f4' }, byeBack],
  },
];

export const utf8: ConformanceCase[] = [
  {
    id: '6.1.2',
    what: 'three empty fragments',
    send: [text('', { fin: false }), cont('', { fin: false }), cont(''), bye],
    expect: [{ text: '' }, byeBack],
  },
  {
    id: '6.2.1',
    what: 'valid UTF-8 is echoed',
    send: [text('Hello-µ@ßöäüàá-UTF-8!!'), bye],
    expect: [{ text: 'Hello-µ@ßöäüàá-UTF-8!!' }, byeBack],
  },
  {
    id: '6.2.4',
    what: 'valid UTF-8 split inside code points, one byte per fragment',
    send: [
      ...[...kosme].map((b, i) => (i === 0 ? text : cont)(Buffer.from([b]), { fin: i === kosme.length - 1 })),
      bye,
    ],
    expect: [{ text: kosme }, byeBack],
  },
  {
    id: '6.3.1',
    what: 'invalid UTF-8 (a surrogate) → 1007',
    send: [text(Buffer.concat([kosme, hex('eda080'), Buffer.from('edited')]))],
    expect: [failed(1007)],
  },
  {
    id: '6.5.5',
    what: 'U+10FFFF is valid',
    send: [text(hex('f48fbfbf')), bye],
    expect: [{ text: hex('f48fbfbf') }, byeBack],
  },
  { id: '6.6.x', what: 'above U+10FFFF → 1007', send: [text(hex('f4908080'))], expect: [failed(1007)] },
  { id: '6.9.x', what: 'overlong / → 1007', send: [text(hex('c0af'))], expect: [failed(1007)] },
  {
    id: '6.3.2',
    what: 'a truncated sequence at the end of the message → 1007',
    send: [text(hex('cebae1'))],
    expect: [failed(1007)],
  },
  {
    id: '6.4.1',
    what: 'fail fast: 1007 after the fragment that breaks UTF-8, before the rest is sent',
    send: [
      text(kosme, { fin: false }),
      { pause: 30 },
      cont(Buffer.concat([hex('f4908080'), Buffer.from('ed')]), { fin: false }),
      { pause: 100 },
      { already: [failed(1007)] },
      cont('ited'),
    ],
    expect: [failed(1007)],
  },
  {
    id: '6.4.3',
    what: 'fail fast inside a frame: 1007 as soon as the bad byte arrives, mid-frame',
    send: [
      ...(() => {
        const whole = text(Buffer.concat([kosme, hex('f4908080'), Buffer.from('edited')]));
        const bad = 6 + kosme.length + 2; // header (2) + key (4) + κόσμε + f4 90
        return [whole.subarray(0, bad), { pause: 100 }, { already: [failed(1007)] }, whole.subarray(bad)];
      })(),
    ],
    expect: [failed(1007)],
  },
];
