/**
 * A small Autobahn-style harness: raw client frames written over a TCP socket (built by hand, independently of the
 * codec), and the server's bytes read back strictly. Each case lists what to send (bytes, pauses, checks of what
 * came back so far) and the server frames expected in return, ending with the server closing TCP.
 */
import { constants, createDeflateRaw, createInflateRaw, type DeflateRaw, type InflateRaw } from 'node:zlib';
import { expect } from 'vitest';
import { rawClient, UPGRADE } from './helpers';

const KEY = Buffer.from([0x9d, 0x2c, 0x51, 0xe7]);
const TRAILER = Buffer.from([0x00, 0x00, 0xff, 0xff]);

/** A client frame, masked unless told otherwise, any length form. */
export function frame(
  opcode: number,
  payload: Buffer | string = Buffer.alloc(0),
  { fin = true, rsv = 0, mask = true }: { fin?: boolean; rsv?: number; mask?: boolean } = {},
): Buffer {
  const data = typeof payload === 'string' ? Buffer.from(payload) : payload;
  const len = data.length;
  const head =
    len < 126
      ? Buffer.from([0, len])
      : len < 65536
        ? Buffer.from([0, 126, len >> 8, len & 0xff])
        : Buffer.from([0, 127, 0, 0, 0, 0, 0, 0, 0, 0]);
  if (len >= 65536) head.writeUInt32BE(len, 6);
  head[0] = (fin ? 0x80 : 0) | (rsv << 4) | opcode;
  if (!mask) return Buffer.concat([head, data]);
  head[1]! |= 0x80;
  return Buffer.concat([head, KEY, Buffer.from(data.map((b, i) => b ^ KEY[i % 4]!))]);
}

export const text = (s: string | Buffer, o = {}) => frame(0x1, s, o);
export const binary = (b: Buffer, o = {}) => frame(0x2, b, o);
export const cont = (s: string | Buffer, o = {}) => frame(0x0, s, o);
export const ping = (s: string | Buffer = '', o = {}) => frame(0x9, s, o);
export const pong = (s: string | Buffer = '', o = {}) => frame(0xa, s, o);
export const closeFrame = (code?: number, reason: Buffer | string = '') => {
  if (code === undefined) return frame(0x8);
  const c = Buffer.alloc(2);
  c.writeUInt16BE(code);
  return frame(0x8, Buffer.concat([c, typeof reason === 'string' ? Buffer.from(reason) : reason]));
};

/** What the server sends back, message by message. `close` without `reason`: any valid UTF-8 reason. */
export type Reply =
  | { text: string | Buffer }
  | { binary: Buffer }
  | { pong: Buffer | string }
  | { close: number | null; reason?: string };

/**
 * A step: bytes to write (whole, or chopped in pieces of `size`), a pause, messages to compress and send, or a check
 * that these replies come before anything more is sent (fail fast: the server acts on the bytes it has).
 */
export type Step =
  Buffer | { pause: number } | { already: Reply[] } | { chop: Buffer; size: number } | { deflated: string[] };

export interface ConformanceCase {
  /** The Autobahn case this mirrors (e.g. `2.5`). */
  id: string;
  what: string;
  send: Step[];
  expect: Reply[];
  /** A `Sec-WebSocket-Extensions` offer; the server's answer must equal `accepts`. */
  offer?: string;
  accepts?: string;
}

interface ServerFrame {
  fin: boolean;
  rsv: number;
  opcode: number;
  payload: Buffer;
}

/** Parse server frames strictly: unmasked, lengths in their shortest form. Whole frames, and where they end. */
export function serverFrames(bytes: Buffer): { frames: ServerFrame[]; end: number } {
  const out: ServerFrame[] = [];
  let at = 0;
  while (at + 2 <= bytes.length) {
    const b0 = bytes[at]!;
    const b1 = bytes[at + 1]!;
    expect(b1 & 0x80, 'a server frame must not be masked').toBe(0);
    let len = b1 & 0x7f;
    let head = 2;
    if (len === 126) {
      if (at + 4 > bytes.length) break;
      len = bytes.readUInt16BE(at + 2);
      head = 4;
      expect(len, 'the 16-bit length form only for 126–65535').toBeGreaterThanOrEqual(126);
    } else if (len === 127) {
      if (at + 10 > bytes.length) break;
      len = Number(bytes.readBigUInt64BE(at + 2));
      head = 10;
      expect(len, 'the 64-bit length form only above 65535').toBeGreaterThan(65535);
    }
    if (at + head + len > bytes.length) break;
    out.push({
      fin: (b0 & 0x80) !== 0,
      rsv: (b0 >> 4) & 0x7,
      opcode: b0 & 0xf,
      payload: bytes.subarray(at + head, at + head + len),
    });
    at += head + len;
  }
  return { frames: out, end: at };
}

/** The server's replies as messages (fragments joined, compressed ones inflated). */
async function replies(frames: ServerFrame[], inflate: ((d: Buffer) => Promise<Buffer>) | null) {
  const out: Reply[] = [];
  let pending: { opcode: number; compressed: boolean; parts: Buffer[] } | null = null;
  for (const f of frames) {
    if (f.opcode >= 0x8) {
      expect(f.fin && f.rsv === 0, 'a control frame is whole and has no RSV bits').toBe(true);
      if (f.opcode === 0xa) out.push({ pong: f.payload });
      else if (f.opcode === 0x8)
        out.push(
          f.payload.length === 0
            ? { close: null }
            : { close: f.payload.readUInt16BE(0), reason: utf8(f.payload.subarray(2)) },
        );
      else throw new Error(`unexpected server frame, opcode ${f.opcode}`);
      continue;
    }
    if (!pending) {
      expect(f.opcode === 1 || f.opcode === 2, 'a message starts with text or binary').toBe(true);
      expect(f.rsv & 0b011, 'RSV2 and RSV3 stay clear').toBe(0);
      // This server compresses every message once permessage-deflate is on.
      expect(f.rsv === 4, 'RSV1 set exactly when permessage-deflate was negotiated').toBe(inflate !== null);
      pending = { opcode: f.opcode, compressed: f.rsv === 4, parts: [] };
    } else expect(f.opcode === 0 && f.rsv === 0, 'a continuation carries no RSV bits').toBe(true);
    pending.parts.push(f.payload);
    if (!f.fin) continue;
    let data: Buffer = Buffer.concat(pending.parts);
    if (pending.compressed) data = await inflate!(data);
    out.push(pending.opcode === 1 ? { text: utf8(data) } : { binary: data });
    pending = null;
  }
  return out;
}

function utf8(b: Buffer): string {
  return new TextDecoder('utf-8', { fatal: true }).decode(b);
}

/** Compare replies: exact payloads, exact close codes, and reasons when the case gives one. */
export function matchReplies(actual: Reply[], expected: Reply[]): void {
  const norm = (r: Reply, exact: boolean) => {
    if ('text' in r) return { text: Buffer.from(r.text).toString('hex') };
    if ('binary' in r) return { binary: r.binary.toString('hex') };
    if ('pong' in r) return { pong: Buffer.from(r.pong).toString('hex') };
    return exact && r.reason !== undefined ? { close: r.close, reason: r.reason } : { close: r.close };
  };
  expect(actual.map((r, i) => norm(r, expected[i] !== undefined && 'reason' in expected[i]!))).toEqual(
    expected.map((r) => norm(r, true)),
  );
}

/** A zlib stream fed one message at a time, flushed with Z_SYNC_FLUSH, as permessage-deflate does. */
function flusher(z: DeflateRaw | InflateRaw): (data: Buffer) => Promise<Buffer> {
  const chunks: Buffer[] = [];
  z.on('data', (c: Buffer) => chunks.push(c));
  return (data) =>
    new Promise((resolve) => {
      z.write(data);
      z.flush(constants.Z_SYNC_FLUSH, () => resolve(Buffer.concat(chunks.splice(0))));
    });
}

/** The client's side of permessage-deflate, following the parameters the server accepted. */
export function deflateFor(accepted: string) {
  const has = (p: string) => new RegExp(`(^|;)\\s*${p}(\\s*=\\s*(\\d+))?\\s*(;|$)`).exec(accepted);
  const serverBits = Number(has('server_max_window_bits')?.[3] ?? 15);
  const clientReset = has('client_no_context_takeover') !== null;
  const serverReset = has('server_no_context_takeover') !== null;
  let deflate = flusher(createDeflateRaw({ windowBits: 15 }));
  // Node's raw inflate treats 8 as 9; every other size is checked as negotiated.
  let inflate = flusher(createInflateRaw({ windowBits: Math.max(serverBits, 9) }));
  return {
    async compress(message: Buffer): Promise<Buffer> {
      if (clientReset) deflate = flusher(createDeflateRaw({ windowBits: 15 }));
      const out = await deflate(message);
      expect(out.subarray(-4)).toEqual(TRAILER);
      return out.subarray(0, -4);
    },
    async inflate(data: Buffer): Promise<Buffer> {
      // Without context takeover, each message must inflate on its own: a fresh inflater proves it.
      if (serverReset) inflate = flusher(createInflateRaw({ windowBits: Math.max(serverBits, 9) }));
      return inflate(Buffer.concat([data, TRAILER]));
    },
  };
}

const pause = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Retry a check for up to 2 s (a loaded machine may be slow to deliver), then let its failure through. */
async function eventually(check: () => Promise<void>): Promise<void> {
  for (let i = 0; ; i++) {
    try {
      return await check();
    } catch (err) {
      if (i >= 100) throw err;
      await pause(20);
    }
  }
}

/** Run one case against the server on `port`; resolves once the server has closed TCP. */
export async function runCase(port: number, c: ConformanceCase, closeWithinMs: number): Promise<void> {
  const client = await rawClient(port);
  const offer = c.offer ? `Sec-WebSocket-Extensions: ${c.offer}\r\n` : '';
  client.socket.setNoDelay(true);
  client.socket.write(UPGRADE('/echo', offer));
  const headEnd = async () => {
    for (let i = 0; i < 100; i++) {
      const at = client.received().indexOf('\r\n\r\n');
      if (at >= 0) return at + 4;
      await pause(10);
    }
    throw new Error('no handshake response');
  };
  const bodyAt = await headEnd();
  const head = client.received().subarray(0, bodyAt).toString('latin1');
  expect(head).toMatch(/^HTTP\/1\.1 101 /);
  const answered = /\r\nSec-WebSocket-Extensions: ([^\r]*)\r\n/.exec(head)?.[1];
  expect(answered).toBe(c.accepts);
  const deflate = answered ? deflateFor(answered) : null;
  const now = async () =>
    replies(serverFrames(client.received().subarray(bodyAt)).frames, deflate && deflate.inflate);

  for (const step of c.send) {
    if (Buffer.isBuffer(step)) client.socket.write(step);
    else if ('pause' in step) await pause(step.pause);
    else if ('chop' in step) {
      for (let i = 0; i < step.chop.length; i += step.size) {
        client.socket.write(step.chop.subarray(i, i + step.size));
        await pause(1);
      }
    } else if ('deflated' in step) {
      for (const m of step.deflated)
        client.socket.write(frame(0x1, await deflate!.compress(Buffer.from(m)), { rsv: 4 }));
    } else await eventually(async () => matchReplies(await now(), step.already));
  }
  const closed = await Promise.race([client.closed.then(() => true), pause(closeWithinMs).then(() => false)]);
  if (!closed) client.socket.destroy();
  expect(closed, 'the server closes the TCP connection after the closing handshake').toBe(true);
  const rest = client.received().subarray(bodyAt);
  expect(serverFrames(rest).end, 'nothing but whole frames').toBe(rest.length);
  matchReplies(await now(), c.expect);
}
