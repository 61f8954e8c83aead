/**
 * The `ws` library (8.x, pure JavaScript here) as a peer in both directions:
 * - frames written by ws's Sender (through a fake socket) are read by our createReceiver;
 * - frames built by our encodeFrame are read by ws's Receiver;
 * - on a table of valid and invalid streams, ws's Receiver and ours agree event for event and on the close code.
 */
import { createRequire } from 'node:module';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createReceiver, encodeClosePayload, encodeFrame, type Role } from '../../../src/codec/index';
import { cat, pushCut, summary, wire, type WireFrame } from './wire';

const require = createRequire(import.meta.url);

interface WsReceiver {
  _write(chunk: Buffer, encoding: string, cb: (err?: Error) => void): void;
  on(event: string, fn: (...args: unknown[]) => void): this;
}
interface WsSender {
  send(
    data: Buffer | string,
    options: { binary?: boolean; fin?: boolean; mask?: boolean; compress?: boolean },
    cb?: () => void,
  ): void;
  ping(data: Buffer | string, mask: boolean, cb?: () => void): void;
  pong(data: Buffer | string, mask: boolean, cb?: () => void): void;
  close(code: number | undefined, reason: string, mask: boolean, cb?: () => void): void;
}
const ws = require('ws') as {
  Receiver: new (opts: { isServer: boolean; maxPayload?: number }) => WsReceiver;
  Sender: new (socket: unknown) => WsSender;
};

/** ws's Sender writing into an array instead of a socket; returns what it wrote, write by write. */
function wsWrites(script: (s: WsSender) => void): Buffer[] {
  const writes: Buffer[] = [];
  const socket = {
    cork() {},
    uncork() {},
    write(buf: Buffer, cb?: () => void) {
      writes.push(Buffer.from(buf));
      cb?.();
      return true;
    },
  };
  script(new ws.Sender(socket));
  return writes;
}

function statusCode(err: Error): number | undefined {
  const sym = Object.getOwnPropertySymbols(err).find((s) => s.description === 'status-code');
  return sym ? ((err as unknown as Record<symbol, number>)[sym] as number) : undefined;
}

/** ws's Receiver reading `chunks`, its events in the same short form as `summary()`. */
function wsReads(chunks: Uint8Array[], role: Role = 'server', maxPayload = 0): string[] {
  const out: string[] = [];
  const rx = new ws.Receiver({ isServer: role === 'server', maxPayload });
  rx.on('message', (data, isBinary) => {
    const buf = Array.isArray(data) ? Buffer.concat(data as Buffer[]) : (data as Buffer);
    out.push(isBinary ? `binary:${buf.length}` : `text:${buf.toString('utf8')}`);
  });
  rx.on('ping', (d) => out.push(`ping:${(d as Buffer).toString('hex')}`));
  rx.on('pong', (d) => out.push(`pong:${(d as Buffer).toString('hex')}`));
  rx.on('conclude', (code, reason) =>
    out.push(`close:${code === 1005 ? '' : code}:${(reason as Buffer).toString()}`),
  );
  let failed = false;
  // ws reports a protocol error through _write's callback (a Writable's 'error' comes only via write()).
  const done = (err?: Error) => {
    if (err && !failed) out.push(`fail:${statusCode(err)}`);
    failed ||= !!err;
  };
  for (const c of chunks) {
    if (failed) break;
    rx._write(Buffer.from(c), 'buffer', done);
  }
  return out;
}

const ours = (bytes: Uint8Array, role: Role = 'server', cuts: number[] = []) =>
  summary(pushCut(createReceiver({ role }), bytes, cuts));
const every = (n: number, len: number) => Array.from({ length: Math.ceil(len / n) }, (_, i) => i * n);
const MiB = 1 << 20;
const big = (n: number, seed: number) =>
  Buffer.from(Uint8Array.from({ length: n }, (_, i) => (i * seed + (i >> 8)) & 0xff));

describe('ws Sender → our receiver', () => {
  const scripts: [string, (s: WsSender) => void, string[]][] = [
    ['a text message', (s) => s.send('Hello', { fin: true, mask: true }), ['text:Hello']],
    [
      'an empty text and an empty binary message',
      (s) => (
        s.send('', { fin: true, mask: true }),
        s.send(Buffer.alloc(0), { binary: true, fin: true, mask: true })
      ),
      ['text:', 'binary:0'],
    ],
    [
      'a fragmented text with a multi-byte character split across fragments, a ping between',
      (s) => {
        s.send(Buffer.from([0x48, 0xe2, 0x82]), { fin: false, mask: true });
        s.ping('p', true);
        s.send(Buffer.from([0xac, 0x21]), { fin: true, mask: true });
      },
      ['ping:70', 'text:H€!'],
    ],
    [
      'ping and pong with payloads',
      (s) => (s.ping('are you there', true), s.pong(Buffer.from([0, 1, 2]), true)),
      ['ping:61726520796f75207468657265', 'pong:000102'],
    ],
    [
      'a 64 KiB binary message',
      (s) => s.send(big(65_536, 7), { binary: true, fin: true, mask: true }),
      ['binary:65536'],
    ],
    [
      'a 1 MiB binary message',
      (s) => s.send(big(MiB, 13), { binary: true, fin: true, mask: true }),
      [`binary:${MiB}`],
    ],
    [
      'a 1 MiB text message in 4 fragments',
      (s) => [0, 1, 2, 3].forEach((i) => s.send('é'.repeat(MiB / 8), { fin: i === 3, mask: true })),
      [`text:${'é'.repeat(MiB / 2)}`],
    ],
    ['a close with code and reason', (s) => s.close(1001, 'going away', true), ['close:1001:going away']],
    ['a close without a code', (s) => s.close(undefined, '', true), ['close::']],
  ];

  it.each(scripts)('%s', (_, script, expected) => {
    const writes = wsWrites(script);
    const bytes = cat(...writes);
    expect(ours(bytes)).toEqual(expected);
    let at = 0;
    const asWritten = writes.map((w) => (at += w.length));
    expect(ours(bytes, 'server', asWritten)).toEqual(expected);
    expect(ours(bytes, 'server', every(1_500, bytes.length))).toEqual(expected);
    expect(ours(bytes, 'server', every(bytes.length < 100_000 ? 1 : 4_099, bytes.length))).toEqual(expected);
  });

  it('payload bytes arrive intact (1 MiB binary)', () => {
    const data = big(MiB, 31);
    const events = createReceiver({ role: 'server', frameEvents: false }).push(
      cat(...wsWrites((s) => s.send(Buffer.from(data), { binary: true, fin: true, mask: true }))),
    );
    expect(events[0]?.type === 'message' && Buffer.from(events[0].data).equals(data)).toBe(true);
  });

  it('unmasked server frames are read by a client-role receiver', () => {
    const bytes = cat(...wsWrites((s) => (s.send('hi', { fin: true, mask: false }), s.ping('', false))));
    expect(ours(bytes, 'client')).toEqual(['text:hi', 'ping:']);
  });
});

describe('our encodeFrame → ws Receiver', () => {
  const key = Uint8Array.of(0x37, 0xfa, 0x21, 0x3d);
  const enc = (opcode: number, payload: Uint8Array | string, fin = true) =>
    encodeFrame({
      opcode,
      fin,
      mask: key,
      payload: typeof payload === 'string' ? new TextEncoder().encode(payload) : payload,
    });

  it.each([
    ['a text message', [enc(1, 'Hello')], ['text:Hello']],
    ['empty text and binary messages', [enc(1, ''), enc(2, new Uint8Array(0))], ['text:', 'binary:0']],
    [
      'a fragmented text with pings between',
      [enc(1, 'Hel', false), enc(9, 'x'), enc(0, 'lo', false), enc(10, ''), enc(0, '!')],
      ['ping:78', 'pong:', 'text:Hello!'],
    ],
    ['a 64 KiB binary message', [enc(2, big(65_536, 3))], ['binary:65536']],
    ['a 1 MiB binary message', [enc(2, big(MiB, 5))], [`binary:${MiB}`]],
    [
      'a 1 MiB binary message in 16 fragments',
      Array.from({ length: 16 }, (_, i) => enc(i ? 0 : 2, big(MiB / 16, i), i === 15)),
      [`binary:${MiB}`],
    ],
    ['a close with code and reason', [enc(8, encodeClosePayload(1000, 'Goodbye'))], ['close:1000:Goodbye']],
  ] as const)('%s', (_, frames, expected) => {
    const bytes = cat(...frames);
    expect(wsReads([bytes])).toEqual(expected);
    expect(wsReads(every(1_500, bytes.length).map((at) => bytes.subarray(at, at + 1_500)))).toEqual(expected);
  });

  it('ws reads exactly the payload bytes we encoded (1 MiB)', () => {
    const data = big(MiB, 17);
    let got: Buffer | null = null;
    const rx = new ws.Receiver({ isServer: true });
    rx.on('message', (d) => (got = d as Buffer));
    rx._write(Buffer.from(enc(2, data)), 'buffer', () => {});
    expect(got !== null && (got as Buffer).equals(data)).toBe(true);
  });

  it('unmasked frames from encodeFrame are read by a client-side ws Receiver', () => {
    const bytes = cat(
      encodeFrame({ opcode: 1, payload: new TextEncoder().encode('hi') }),
      encodeFrame({ opcode: 9, payload: new Uint8Array(0) }),
    );
    expect(wsReads([bytes], 'client')).toEqual(['text:hi', 'ping:']);
  });
});

describe('ws Receiver and ours agree on valid and invalid streams', () => {
  const cases: [string, WireFrame[]][] = [
    ['reserved bit RSV1 without extension', [{ opcode: 1, rsv: 0b100, payload: 'x' }]],
    ['reserved bit RSV3', [{ opcode: 2, rsv: 0b001, payload: [1] }]],
    ['reserved opcode 0x3', [{ opcode: 3 }]],
    ['reserved opcode 0xb', [{ opcode: 0xb }]],
    ['ping of 126 bytes', [{ opcode: 9, payload: new Uint8Array(126) }]],
    ['fragmented ping', [{ opcode: 9, fin: false }]],
    ['continuation without a message', [{ opcode: 0, payload: 'x' }]],
    [
      'text while a text is unfinished',
      [
        { opcode: 1, fin: false, payload: 'a' },
        { opcode: 1, payload: 'b' },
      ],
    ],
    ['invalid UTF-8', [{ opcode: 1, payload: [0xc0, 0x80] }]],
    [
      'invalid UTF-8 in a first fragment',
      [
        { opcode: 1, fin: false, payload: [0xed, 0xa0, 0x80] },
        { opcode: 0, payload: 'x' },
      ],
    ],
    ['close with 1 byte', [{ opcode: 8, payload: [3] }]],
    ['close code 1005', [{ opcode: 8, payload: [0x03, 0xed] }]],
    ['close code 2999', [{ opcode: 8, payload: [0x0b, 0xb7] }]],
    ['close code 4999 with reason', [{ opcode: 8, payload: [0x13, 0x87, 0x6f, 0x6b] }]],
    ['close reason invalid UTF-8', [{ opcode: 8, payload: [0x03, 0xe8, 0xff] }]],
    ['unmasked client frame', [{ opcode: 1, payload: 'x', mask: false }]],
    [
      'valid mix',
      [
        { opcode: 1, fin: false, payload: 'a' },
        { opcode: 9, payload: 'p' },
        { opcode: 0, payload: 'b' },
        { opcode: 2, payload: [1, 2] },
        { opcode: 8 },
      ],
    ],
  ];

  it.each(cases)('%s', (_, frames) => {
    const bytes = cat(...frames.map(wire));
    const theirs = wsReads([bytes]);
    expect(theirs.length).toBeGreaterThan(0);
    expect(ours(bytes)).toEqual(theirs);
  });
});

const equal = (a: string[], b: string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * RFC 6455 §8.1 decided without our code: whether some text message's payload, read as far as the frames go,
 * stops being UTF-8 (TextDecoder in fatal mode throws, streaming until the message's final frame).
 */
function textGoesBad(frames: readonly { fin: boolean; opcode: number; payload: Uint8Array }[]): boolean {
  let decoder: TextDecoder | null = null;
  for (const f of frames) {
    if (f.opcode >= 8) continue;
    if (f.opcode === 1) decoder = new TextDecoder('utf-8', { fatal: true });
    else if (f.opcode === 2) decoder = null;
    if (decoder) {
      try {
        decoder.decode(f.payload, { stream: !f.fin });
      } catch {
        return true;
      }
    }
    if (f.fin) decoder = null;
  }
  return false;
}

describe('ws Receiver and ours agree on random streams', () => {
  const frame = fc.record({
    fin: fc.boolean(),
    rsv: fc.constantFrom(0, 0, 0, 0, 1, 2, 4),
    opcode: fc.constantFrom(0, 0, 1, 1, 2, 8, 9, 10, 3, 11),
    payload: fc.oneof(
      fc.uint8Array({ maxLength: 130 }),
      fc.string({ maxLength: 20 }).map((s) => new TextEncoder().encode(s)),
      fc.constantFrom(
        Uint8Array.of(3, 0xe8),
        Uint8Array.of(3, 0xe8, 0x61),
        Uint8Array.of(0x0f, 0xa0),
        Uint8Array.of(3),
      ),
    ),
    mask: fc.constantFrom(true, true, true, false),
    len: fc.constantFrom(undefined, undefined, undefined, '16' as const, '64' as const),
  });

  // One known, deliberate difference is left out: a control frame whose length is written in the 16- or 64-bit
  // form (payload still ≤ 125): ws fails 1002, we read it and report a non-minimal-length warning (RFC 6455 §5.2
  // binds the sender).
  // Where we fail with 1007 and ws does not (yet), the RFC decides: §8.1 says an endpoint that finds the bytes
  // are not UTF-8 MUST fail the connection, so we fail at the first invalid byte while ws waits for the message's
  // end. Then a streaming fatal TextDecoder, fed the text messages' payloads as the test wrote them, must find
  // invalid UTF-8, and every event we gave before failing must be what ws gave first.
  it('event for event, in both roles, with and without maxMessageSize', () => {
    fc.assert(
      fc.property(
        fc.array(frame, { maxLength: 5 }),
        fc.constantFrom(0, 0, 10, 100),
        fc.constantFrom<Role>('server', 'client'),
        (frames, max, role) => {
          const bytes = cat(
            ...frames.map((f) =>
              wire({
                ...f,
                len: f.opcode >= 8 ? undefined : f.len,
                mask: role === 'server' ? f.mask : !f.mask,
              }),
            ),
          );
          const theirs = wsReads([bytes], role, max);
          const mine = summary(createReceiver({ role, ...(max ? { maxMessageSize: max } : {}) }).push(bytes));
          if (mine.at(-1) === 'fail:1007' && !equal(mine, theirs)) {
            expect(textGoesBad(frames)).toBe(true);
            expect(theirs.slice(0, mine.length - 1)).toEqual(mine.slice(0, -1));
            return;
          }
          expect(mine).toEqual(theirs);
        },
      ),
      { numRuns: 1500 },
    );
  });
});
