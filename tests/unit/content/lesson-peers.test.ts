/**
 * Learn's answers against outside truth: the `ws` library as a second implementation (its Receiver judges the
 * verdict exercises' frames, its Sender writes the frames whose bytes the learner types), and for lesson 13,
 * what tshark read from the capture and what the endpoints logged.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { SCENARIOS } from '../../../src/content/lessons/exercises/scenarios';
import { verdict } from '../../../src/content/lessons/exercises/verdict';
import { lengthBytes } from '../../../src/content/lessons/exercises/length';
import { unmask } from '../../../src/content/lessons/exercises/masking';
import { closePayload, pongReply } from '../../../src/content/lessons/exercises/messages';
import { captureConnection } from '../../../src/content/lessons/exercises/capture';
import { LESSONS } from '../../../src/content/lessons/index';
import { exercisesOf } from '../../../src/content/lessons/types';
import type { Exercise } from '../../../src/content/lessons/exercises/types';

const require = createRequire(import.meta.url);
interface WsReceiver {
  _write(chunk: Buffer, encoding: string, cb: (err?: Error) => void): void;
  on(event: string, fn: (...args: unknown[]) => void): this;
}
const ws = require('ws') as {
  Receiver: new (opts: { isServer: boolean; maxPayload?: number }) => WsReceiver;
  Sender: {
    frame(
      data: Buffer,
      o: { fin: boolean; opcode: number; mask: boolean; readOnly: boolean; rsv1: boolean },
    ): Buffer[];
  };
};

const SEEDS = Array.from({ length: 200 }, (_, i) => i * 104729 + 3);
const hex = (b: Uint8Array) =>
  Buffer.from(b)
    .toString('hex')
    .replace(/(..)(?!$)/g, '$1 ');
const wsFrame = (data: Buffer, opcode: number) =>
  Buffer.concat(ws.Sender.frame(data, { fin: true, opcode, mask: false, readOnly: false, rsv1: false }));

function statusCode(err: Error): number | undefined {
  const sym = Object.getOwnPropertySymbols(err).find((s) => s.description === 'status-code');
  return sym ? (err as unknown as Record<symbol, number>)[sym] : undefined;
}

/** What ws's Receiver does with the frames: the close code it fails with, or null; and a close frame's code. */
function wsJudges(
  frames: Uint8Array[],
  isServer: boolean,
  maxPayload = 0,
): { fail: number | null; frame: number | null; close: number | null } {
  const rx = new ws.Receiver({ isServer, maxPayload });
  let close: number | null = null;
  let fail: number | null = null;
  let at: number | null = null;
  rx.on('conclude', (code) => (close = code as number));
  rx.on('message', () => {});
  rx.on('ping', () => {});
  rx.on('pong', () => {});
  for (const [i, f] of frames.entries()) {
    rx._write(Buffer.from(f), 'buffer', (err) => {
      if (err && fail === null) {
        fail = statusCode(err) ?? -1;
        at = i + 1;
      }
    });
    if (fail !== null) break;
  }
  return { fail, frame: at, close };
}

/** The 1-based frame at which a fail-fast UTF-8 check of the text message fails (unmasked server frames under 126 bytes). */
function firstBadTextFrame(frames: Uint8Array[]): number | null {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let text = false;
  for (const [i, f] of frames.entries()) {
    const opcode = f[0]! & 0x0f;
    if (opcode === 1) text = true;
    else if (opcode === 2) text = false;
    if (!text) continue;
    try {
      decoder.decode(f.subarray(2), { stream: (f[0]! & 0x80) === 0 });
    } catch {
      return i + 1;
    }
  }
  return null;
}

function params(ex: Exercise): URLSearchParams {
  const href = ex.open?.href ?? '';
  return new URLSearchParams(href.slice(href.indexOf('?') + 1));
}

describe('verdict exercises agree with ws’s Receiver', () => {
  // ws enforces every rule these scenarios break except the ones it leaves to the sender (a non-minimal
  // length is a sender's fault it reads anyway) and permessage-deflate (not negotiated on a bare Receiver).
  const sets = (Object.keys(SCENARIOS) as (keyof typeof SCENARIOS)[]).filter((s) => s !== 'deflate');
  for (const set of sets) {
    it(`${set}: the close code (or none) and the failing frame match ws over ${SEEDS.length} seeds`, () => {
      for (const seed of SEEDS) {
        const code = verdict(seed, set, 'code');
        const when = verdict(seed, set, 'frame');
        const frames = (code.shown ?? []).map((s) => s.bytes);
        const isServer = params(code).get('dir') === 'c2s';
        const limit = code.prompt[0]!.includes('at most 1,024 bytes') ? 1024 : 0;
        const peer = wsJudges(frames, isServer, limit);
        const expected =
          peer.fail !== null ? String(peer.fail) : peer.close !== null ? String(peer.close) : 'none';
        if (set === 'length' && peer.fail === 1009) {
          // A known difference: ws refuses any length above 2^53 − 1 as too big (1009) before looking at the top
          // bit; RFC 6455 §5.2 says the top bit MUST be 0, a protocol error (1002), which is what Learn teaches.
          expect(frames[0]![2]! & 0x80, `${set} seed ${seed}`).toBe(0x80);
          expect(code.answer).toBe('1002');
          continue;
        }
        expect(code.answer, `${set} seed ${seed}: ${code.why}`).toBe(expected);
        // ws checks UTF-8 once a message is complete; RFC 6455 §8.1 and Learn fail at the first bad fragment,
        // so for text the failing frame is judged by a streaming, fatal TextDecoder instead.
        const failing = set === 'text' ? firstBadTextFrame(frames) : peer.frame;
        expect(when.answer, `${set} seed ${seed}`).toBe(failing === null ? 'never' : String(failing));
      }
    });
  }
});

describe('typed bytes agree with ws’s Sender and Receiver', () => {
  it('unmask: the payload ws reads from the shown frame', () => {
    for (const seed of SEEDS) {
      const ex = unmask(seed);
      const rx = new ws.Receiver({ isServer: true });
      let got: Buffer | null = null;
      rx.on('message', (d) => (got = d as Buffer));
      rx._write(Buffer.from(ex.shown![0]!.bytes), 'buffer', () => {});
      expect(ex.answer).toBe(hex(got!));
    }
  });

  it('pong: the frame ws’s Sender writes for the ping data ws reads', () => {
    for (const seed of SEEDS) {
      const ex = pongReply(seed);
      const rx = new ws.Receiver({ isServer: true });
      let data: Buffer | null = null;
      rx.on('ping', (d) => (data = d as Buffer));
      rx._write(Buffer.from(ex.shown![0]!.bytes), 'buffer', () => {});
      expect(ex.answer).toBe(hex(wsFrame(data!, 0xa)));
    }
  });

  it('length bytes: what ws’s Sender writes after byte 0 for that payload length', () => {
    for (const seed of SEEDS) {
      const ex = lengthBytes(seed);
      const n = Number(/payload of ([\d,]+) bytes/.exec(ex.prompt[0]!)![1]!.replace(/,/g, ''));
      const frame = wsFrame(Buffer.alloc(n), 0x2);
      const header = frame.subarray(1, frame.length - n);
      expect(ex.answer, `n = ${n}`).toBe(hex(header));
    }
  });

  it('close payload: what ws’s Receiver reads back as code and reason', () => {
    for (const seed of SEEDS) {
      const ex = closePayload(seed);
      const [, code, reason] = /status code (\d+)(?: and the reason `([^`]*)`)?/.exec(ex.prompt[0]!)!;
      const rx = new ws.Receiver({ isServer: false });
      let seen: [number, string] | null = null;
      rx.on('conclude', (c, r) => (seen = [c as number, (r as Buffer).toString()]));
      rx._write(wsFrame(Buffer.from(ex.answer.replace(/ /g, ''), 'hex'), 0x8), 'buffer', () => {});
      expect(seen).toEqual([Number(code), reason ?? '']);
    }
  });
});

describe('lesson 13 reads the capture as tshark and the endpoints did', () => {
  const dir = 'tests/fixtures/capture';
  const tsv = readFileSync(`${dir}/learn-broken-utf8.pcap.tshark-fields.tsv`, 'utf8')
    .trim()
    .split('\n')
    .map((l) => l.split('\t'));
  const log = JSON.parse(readFileSync(`${dir}/learn-broken-utf8.pcap.log.json`, 'utf8')) as {
    serverSent: { hex: string }[];
    clientError: { code: string };
  };
  const c = captureConnection();

  it('every frame’s header as tshark read it', () => {
    expect(c.frames).toHaveLength(tsv.length);
    for (const [i, [fin, , opcode, mask, length, key, status]] of tsv.entries()) {
      const f = c.frames[i]!;
      expect([f.fin, f.opcode, f.masked, f.payloadLength], `frame ${i + 1}`).toEqual([
        fin === '1',
        Number(opcode),
        mask === '1',
        Number(length),
      ]);
      expect(f.maskingKey ? Buffer.from(f.maskingKey).toString('hex') : '').toBe(key ?? '');
      if (status) expect(status).toBe('1007');
    }
  });

  it('the server’s text frames carry the bytes the server logged, and the answers follow from them', async () => {
    const serverText = c.frames
      .filter((f) => f.direction === 'server-to-client')
      .map((f) => Buffer.from(f.bytes.subarray(2)).toString('hex'));
    expect(serverText).toEqual(log.serverSent.map((s) => s.hex));
    expect(log.clientError.code).toBe('WS_ERR_INVALID_UTF8');
    const byId = Object.fromEntries(
      await Promise.all(
        exercisesOf(LESSONS.find((l) => l.id === 'capture')!).map(
          async (d) => [d.id, await d.generate(1)] as const,
        ),
      ),
    );
    // The broken frame is the one whose logged bytes TextDecoder refuses; its last byte is the culprit.
    const brokenIndex = c.frames.findIndex(
      (f) =>
        f.direction === 'server-to-client' &&
        Buffer.from(f.bytes.subarray(2)).toString('hex') ===
          log.serverSent.find((s) => {
            try {
              new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(s.hex, 'hex'));
              return false;
            } catch {
              return true;
            }
          })?.hex,
    );
    expect(byId.broken!.answer).toBe(String(brokenIndex + 1));
    expect(byId.byte!.answer).toBe(String(Buffer.from(log.serverSent.at(-1)!.hex, 'hex').length - 1));
    expect(byId.code!.answer).toBe(tsv.find((r) => r[6])![6]);
    expect(byId.closing!.answer).toBe('no-reply');
  });
});
