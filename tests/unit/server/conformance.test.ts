/**
 * A representative subset of the Autobahn testsuite's cases 1–7, 9, 12 and 13, run with raw frames against /echo.
 * Every case ends with the server closing TCP; see conformance-harness.ts for how bytes are written and read.
 * Cases 1–6 are in conformance-cases.ts; closing (7), big messages (9) and permessage-deflate (12, 13) are here.
 */
import { afterAll, beforeAll, describe, it } from 'vitest';
import { bye, byeBack, failed, fill, fragments, framing, hex, utf8 } from './conformance-cases';
import {
  binary,
  closeFrame,
  cont,
  frame,
  ping,
  runCase,
  text,
  type ConformanceCase,
} from './conformance-harness';
import { startServer, type Running } from './helpers';

let server: Running;
beforeAll(async () => {
  // A long close timeout: a case passes only if the server closes TCP itself, never by its timer.
  server = await startServer({ closeTimeoutMs: 20_000 });
});
afterAll(() => server.stop());

const closing: ConformanceCase[] = [
  {
    id: '7.1.1',
    what: 'text, then close: echo, then the close echoed',
    send: [text('Hello'), bye],
    expect: [{ text: 'Hello' }, byeBack],
  },
  { id: '7.1.2', what: 'two closes: one answer', send: [bye, bye], expect: [byeBack] },
  { id: '7.1.3', what: 'a ping after the close gets no pong', send: [bye, ping('late')], expect: [byeBack] },
  { id: '7.1.4', what: 'text after the close is not echoed', send: [bye, text('late')], expect: [byeBack] },
  {
    id: '7.1.5',
    what: 'a fragment, close, the last fragment: only the close is answered',
    send: [text('f1', { fin: false }), bye, cont('f2')],
    expect: [byeBack],
  },
  {
    id: '7.3.1',
    what: 'close with no payload → close with no payload',
    send: [closeFrame()],
    expect: [{ close: null }],
  },
  {
    id: '7.3.2',
    what: 'close with a 1-byte payload → 1002',
    send: [frame(8, hex('03'))],
    expect: [failed(1002)],
  },
  { id: '7.3.3', what: 'close 1000 echoed', send: [closeFrame(1000)], expect: [{ close: 1000, reason: '' }] },
  {
    id: '7.3.5',
    what: 'close with a 123-byte reason echoed',
    send: [closeFrame(1000, '*'.repeat(123))],
    expect: [{ close: 1000, reason: '*'.repeat(123) }],
  },
  {
    id: '7.3.6',
    what: 'close with a 124-byte reason (payload 126) → 1002',
    send: [closeFrame(1000, '*'.repeat(124))],
    expect: [failed(1002)],
  },
  {
    id: '7.5.1',
    what: 'close reason not UTF-8 → 1007',
    send: [closeFrame(1000, hex('cebae1bdb9cf83cebcceb5eda080'))],
    expect: [failed(1007)],
  },
  ...[1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 3000, 3999, 4000, 4999].map((code) => ({
    id: `7.7 (${code})`,
    what: `valid close code ${code} echoed`,
    send: [closeFrame(code)],
    expect: [{ close: code, reason: '' }],
  })),
  ...[0, 999, 1004, 1005, 1006, 1015, 1016, 1100, 2000, 2999, 5000, 65535].map((code) => ({
    id: `7.9 (${code})`,
    what: `invalid close code ${code} → 1002`,
    send: [closeFrame(code)],
    expect: [failed(1002)],
  })),
];

const big: ConformanceCase[] = [
  {
    id: '9.1.1',
    what: '64 KiB text',
    send: [text(fill(65536, 0x41)), bye],
    expect: [{ text: fill(65536, 0x41) }, byeBack],
  },
  {
    id: '9.2.2',
    what: '256 KiB binary',
    send: [binary(fill(262144, 0xfe)), bye],
    expect: [{ binary: fill(262144, 0xfe) }, byeBack],
  },
  {
    id: '9.3.x',
    what: '1 MiB text in 64-byte fragments (16,384 frames)',
    send: [
      Buffer.concat(
        Array.from({ length: 16384 }, (_, i) =>
          (i === 0 ? text : cont)(fill(64, 0x2a), { fin: i === 16383 }),
        ),
      ),
      bye,
    ],
    expect: [{ text: fill(1024 * 1024, 0x2a) }, byeBack],
  },
];

/** Messages whose echoes would differ if a window or a context were handled wrongly (repeats 300–400 bytes back). */
const SAMPLES = (() => {
  const words = Array.from({ length: 120 }, (_, i) => `w${(i * 7919) % 1000}`).join(' ');
  return ['Hello', 'Hello', words, words + words, 'x'.repeat(5000), '', 'κόσμε'];
})();

const deflate = (id: string, offer: string, accepts: string): ConformanceCase => ({
  id,
  what: `permessage-deflate offered as “${offer}”`,
  offer,
  accepts,
  send: [{ deflated: SAMPLES }, bye],
  expect: [...SAMPLES.map((s) => ({ text: s })), byeBack],
});

const compressed: ConformanceCase[] = [
  deflate('12.1.x', 'permessage-deflate', 'permessage-deflate'),
  deflate('12.2.x', 'permessage-deflate; client_max_window_bits', 'permessage-deflate'),
  deflate(
    '13.1.x',
    'permessage-deflate; client_no_context_takeover; client_max_window_bits',
    'permessage-deflate; client_no_context_takeover',
  ),
  deflate(
    '13.2.x',
    'permessage-deflate; client_no_context_takeover; client_max_window_bits; server_no_context_takeover',
    'permessage-deflate; server_no_context_takeover; client_no_context_takeover',
  ),
  deflate(
    '13.3.x (9)',
    'permessage-deflate; client_no_context_takeover; client_max_window_bits; server_max_window_bits=9',
    'permessage-deflate; client_no_context_takeover; server_max_window_bits=9',
  ),
  deflate(
    '13.3.x (8)',
    'permessage-deflate; client_no_context_takeover; client_max_window_bits; server_max_window_bits=8',
    'permessage-deflate; client_no_context_takeover; server_max_window_bits=8',
  ),
  deflate(
    '13.4.x',
    'permessage-deflate; client_no_context_takeover; client_max_window_bits; server_max_window_bits=15',
    'permessage-deflate; client_no_context_takeover; server_max_window_bits=15',
  ),
  deflate(
    '13.7.x',
    'permessage-deflate; client_no_context_takeover; client_max_window_bits; server_no_context_takeover; server_max_window_bits=9, permessage-deflate; client_no_context_takeover; client_max_window_bits, permessage-deflate',
    'permessage-deflate; server_no_context_takeover; client_no_context_takeover; server_max_window_bits=9',
  ),
  {
    id: '12/RSV1',
    what: 'RSV1 on a continuation frame → 1002',
    offer: 'permessage-deflate',
    accepts: 'permessage-deflate',
    send: [text('f1', { fin: false }), cont('f2', { rsv: 4 })],
    expect: [failed(1002)],
  },
  {
    id: '12/bad',
    what: 'a compressed frame that does not inflate → 1007',
    offer: 'permessage-deflate',
    accepts: 'permessage-deflate',
    send: [frame(1, hex('ffffffff'), { rsv: 4 })],
    expect: [failed(1007)],
  },
];

describe.each([
  ['framing, pings, RSV bits and opcodes (1–4)', framing],
  ['fragmentation (5)', fragments],
  ['UTF-8 (6)', utf8],
  ['closing (7)', closing],
  ['big messages (9)', big],
  ['permessage-deflate (12, 13)', compressed],
])('Autobahn-style cases: %s', (_name, cases) => {
  it.each(cases.map((c) => [c.id, c.what, c] as const))('%s %s', async (_id, _what, c) => {
    await runCase(server.port, c, 3000);
  });
});
