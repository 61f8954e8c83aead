/**
 * The Lab's case table: every case's bytes, read by the codec's client-side receiver, break exactly the rule the case
 * claims (the rule comes from the RFC section the case cites), and the `ws` library's client-side Receiver, a second
 * implementation, reaches the close code (or the messages) the table expects.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createReceiver, decodeFrame, type ReceiverEvent } from '../../../src/codec/index';
import { findLabCase, LAB_CASES } from '../../../src/content/lab/cases';
import type { LabCase } from '../../../src/content/lab/types';

const require = createRequire(import.meta.url);
interface WsReceiver {
  _write(chunk: Buffer, encoding: string, cb: (err?: Error) => void): void;
  on(event: string, fn: (...args: unknown[]) => void): this;
}
const ws = require('ws') as {
  Receiver: new (opts: { isServer: boolean; extensions?: Record<string, unknown> }) => WsReceiver;
};
// ws's package exports map hides lib/; the file itself is what its WebSocket uses.
const PerMessageDeflate = require(join(dirname(require.resolve('ws')), 'lib/permessage-deflate.js')) as new (
  opts: object,
  isServer: boolean,
) => { accept(offers: object[]): void };

function frames(c: LabCase): Uint8Array[] {
  return c.steps().flatMap((s) => ('frame' in s ? [s.frame] : []));
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** What the codec's receiver (as the browser would be: the client) does with the case's bytes. */
function codecReads(c: LabCase): ReceiverEvent[] {
  return createReceiver({
    role: 'client',
    permessageDeflate: c.deflate ? {} : null,
    frameEvents: false,
  }).push(concat(frames(c)));
}

function statusCode(err: Error): number | undefined {
  const sym = Object.getOwnPropertySymbols(err).find((s) => s.description === 'status-code');
  return sym ? ((err as unknown as Record<symbol, number>)[sym] as number) : undefined;
}

/** ws's client-side Receiver on the same bytes: its messages, pongs to send, close, or the code it fails with. */
async function wsReads(
  c: LabCase,
): Promise<{ messages: string[]; pings: string[]; close: number | null; fail: number | null }> {
  const extensions: Record<string, unknown> = {};
  if (c.deflate) {
    const pmd = new PerMessageDeflate({}, false);
    pmd.accept([{}]);
    extensions['permessage-deflate'] = pmd;
  }
  const rx = new ws.Receiver({ isServer: false, extensions });
  const out = {
    messages: [] as string[],
    pings: [] as string[],
    close: null as number | null,
    fail: null as number | null,
  };
  rx.on('message', (data, isBinary) => {
    const buf = Array.isArray(data) ? Buffer.concat(data as Buffer[]) : (data as Buffer);
    out.messages.push(`${isBinary ? 'binary' : 'text'}:${buf.length}`);
  });
  rx.on('ping', (d) => out.pings.push((d as Buffer).toString()));
  rx.on('conclude', (code) => (out.close = code as number));
  for (const f of frames(c)) {
    const err = await new Promise<Error | undefined>((resolve) =>
      rx._write(Buffer.from(f), 'buffer', resolve),
    );
    if (err) {
      out.fail = statusCode(err) ?? -1;
      break;
    }
    if (out.close !== null) break;
  }
  return out;
}

/**
 * Where ws reads the bytes differently from RFC 6455, said here with the reason: ws refuses any length over 2^53 − 1
 * with 1009 (it cannot hold it) before looking at the top bit the RFC rules on.
 */
const WS_DIFFERS: Record<string, number> = { 'length-top-bit': 1009 };

describe('LAB_CASES', () => {
  it('has unique ids and finds each by id', () => {
    const ids = LAB_CASES.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(findLabCase(id)?.id).toBe(id);
  });

  it.each(LAB_CASES.filter((c) => c.violation && c.violation !== 'non-minimal-length'))(
    '$id: the codec fails the stream with $violation',
    (c) => {
      const fail = codecReads(c).find((e) => e.type === 'fail');
      expect(fail?.type === 'fail' && fail.violation.id).toBe(c.violation);
      expect(fail?.type === 'fail' && fail.code).toBe(c.expect.wireClose);
    },
  );

  it.each(LAB_CASES.filter((c) => c.violation === 'non-minimal-length'))(
    '$id: decodeFrame warns of the non-minimal length and the receiver delivers the message',
    (c) => {
      const decoded = decodeFrame(frames(c)[0]!, 0, { role: 'client' });
      expect(decoded.violations.map((v) => [v.id, v.severity])).toEqual([['non-minimal-length', 'warning']]);
      expect(codecReads(c).filter((e) => e.type === 'message')).toHaveLength(1);
    },
  );

  it.each(LAB_CASES.filter((c) => c.violation === null))(
    '$id: valid bytes the codec reads without failing',
    (c) => {
      const events = codecReads(c);
      expect(events.filter((e) => e.type === 'fail')).toEqual([]);
      const messages = events.flatMap((e) =>
        e.type === 'message' ? [`${e.opcode === 1 ? 'text' : 'binary'}:${e.data.length}`] : [],
      );
      // A reset mid-frame delivers nothing; data after the close frame is never read.
      expect(messages).toEqual(c.expect.messages);
      const pings = events.flatMap((e) => (e.type === 'ping' ? [new TextDecoder().decode(e.data)] : []));
      expect(pings).toEqual(c.expect.pongs);
    },
  );

  it.each(LAB_CASES.filter((c) => c.id !== 'tcp-reset-mid-frame'))(
    '$id: ws agrees with the table',
    async (c) => {
      const read = await wsReads(c);
      if (c.expect.pageCode === 1006 && c.expect.wireClose !== 'none') {
        expect(read.fail).toBe(WS_DIFFERS[c.id] ?? c.expect.wireClose);
      } else {
        expect(read.fail).toBeNull();
        expect(read.messages).toEqual(c.expect.messages);
        expect(read.pings).toEqual(c.expect.pongs);
      }
    },
  );
});
