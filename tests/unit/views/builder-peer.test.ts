/**
 * The Builder's bytes read by a real peer: the `ws` library's Receiver. Every preset must be accepted as the
 * messages it teaches, and every violation the Builder lists must make ws fail with the same close code.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUILDER_PRESETS } from '../../../src/content/builder-presets';
import { BuilderState } from '../../../src/views/Builder/builder.svelte';

const require = createRequire(import.meta.url);

interface WsReceiver {
  _write(chunk: Buffer, encoding: string, cb: (err?: Error) => void): void;
  on(event: string, fn: (...args: unknown[]) => void): this;
}
const ws = require('ws') as {
  Receiver: new (opts: { isServer: boolean; extensions: Record<string, unknown> }) => WsReceiver;
};
// Not in ws's `exports`: loaded by path, beside ws's entry point.
const PerMessageDeflate = require(join(dirname(require.resolve('ws')), 'lib/permessage-deflate.js')) as new (
  opts: object,
  isServer: boolean,
  maxPayload: number,
) => { accept(params: object[]): unknown };

function statusCode(err: Error): number | undefined {
  const sym = Object.getOwnPropertySymbols(err).find((s) => s.description === 'status-code');
  return sym ? (err as unknown as Record<symbol, number>)[sym] : undefined;
}

/**
 * What ws's Receiver on the other end makes of the Builder's whole sequence (with permessage-deflate, default
 * parameters, when the Builder negotiated it). ws inflates asynchronously: see `wsReadsAll`.
 */
function wsReads(s: BuilderState): { events: string[]; failCode: number | null } {
  const read: { events: string[]; failCode: number | null } = { events: [], failCode: null };
  const { events } = read;
  const isServer = s.role === 'client';
  const extensions: Record<string, unknown> = {};
  if (s.deflate) {
    const pmd = new PerMessageDeflate({}, isServer, 0);
    pmd.accept([{}]);
    extensions['permessage-deflate'] = pmd;
  }
  const rx = new ws.Receiver({ isServer, extensions });
  rx.on('message', (data, isBinary) => {
    const buf = Array.isArray(data) ? Buffer.concat(data as Buffer[]) : (data as Buffer);
    events.push(isBinary ? `binary ${buf.length}` : `text ${buf.toString('utf8')}`);
  });
  rx.on('ping', (d) => events.push(`ping ${(d as Buffer).length}`));
  rx.on('pong', (d) => events.push(`pong ${(d as Buffer).length}`));
  rx.on('conclude', (code) => events.push(`close ${code}`));
  rx.on('error', (err) => (read.failCode = statusCode(err as Error) ?? -1));
  rx._write(Buffer.from(s.sequenceBytes), 'buffer', (err) => {
    if (err) read.failCode ??= statusCode(err) ?? -1;
  });
  return read;
}

/** `wsReads`, waiting (up to 2 s) until ws has delivered `count` events or failed: it inflates in zlib's thread pool. */
async function wsReadsAll(
  s: BuilderState,
  count: number,
): Promise<{ events: string[]; failCode: number | null }> {
  const read = wsReads(s);
  for (let i = 0; i < 400 && read.events.length < count && read.failCode === null; i++)
    await new Promise((resolve) => setTimeout(resolve, 5));
  return read;
}

describe('Builder presets read by ws', () => {
  for (const preset of BUILDER_PRESETS) {
    it(`ws accepts ${preset.id} and delivers what our receiver delivers`, async () => {
      const s = new BuilderState();
      s.loadPreset(preset.id);
      const read = await wsReadsAll(s, s.verdict.events.length);
      expect(read.failCode).toBeNull();
      expect(read.events).toHaveLength(s.verdict.events.length);
    });
  }

  it('ws reads the seed’s fragmented message as "Hello World"', () => {
    const s = new BuilderState();
    s.loadPreset('seed-fragmented');
    expect(wsReads(s).events).toEqual(['text Hello World']);
  });

  it('ws inflates RFC 7692’s fragmented compressed "Hello", and a split of a longer compressed message', async () => {
    const s = new BuilderState();
    s.loadPreset('rfc7692-fragmented');
    expect((await wsReadsAll(s, 1)).events).toEqual(['text Hello']);
    s.select(0);
    s.setPayload({ kind: 'text', text: 'Hello, Hello, Hello, compressed world' });
    s.splitPayload();
    s.select(0);
    s.splitPayload();
    expect(s.frames).toHaveLength(4);
    expect(await wsReadsAll(s, 1)).toEqual({
      events: ['text Hello, Hello, Hello, compressed world'],
      failCode: null,
    });
  });
});

describe('Builder violations, as ws sees them', () => {
  const cases: [string, (s: BuilderState) => void][] = [
    ['control-frame-too-long', (s) => (s.setOpcode(0x9), s.setPayload({ kind: 'fill', length: 126 }))],
    ['control-frame-fragmented', (s) => (s.setOpcode(0x9), s.setFlag('fin', false))],
    ['reserved-bit-set', (s) => s.setFlag('rsv2', true)],
    ['reserved-opcode', (s) => s.setOpcode(0xb)],
    ['unmasked-client-frame', (s) => s.setFlag('masked', false)],
    ['masked-server-frame', (s) => (s.setRole('server'), s.setFlag('masked', true))],
    ['invalid-utf8', (s) => s.setPayload({ kind: 'hex', hex: 'c3 28' })],
    ['close-payload-one-byte', (s) => (s.setOpcode(0x8), s.setPayload({ kind: 'hex', hex: '03' }))],
    [
      'close-code-invalid',
      (s) => (s.setOpcode(0x8), s.setPayload({ kind: 'close', code: 1005, reason: '' })),
    ],
  ];
  for (const [id, act] of cases) {
    it(`ws fails a frame with ${id} with the close code the Builder lists`, () => {
      const s = new BuilderState();
      act(s);
      const listed = s.current.frame?.violations.find((v) => v.id === id);
      expect(listed).toBeDefined();
      expect(wsReads(s).failCode).toBe(listed?.closeCode);
    });
  }

  it('a non-minimal length is only a warning: ws still reads the frame', () => {
    const s = new BuilderState();
    s.setLengthForm('64');
    expect(s.current.frame?.violations.map((v) => [v.id, v.severity])).toEqual([
      ['non-minimal-length', 'warning'],
    ]);
    expect(wsReads(s)).toEqual({ events: ['text Hello'], failCode: null });
  });

  it('a stray continuation fails in ws as in our receiver', () => {
    const s = new BuilderState();
    s.loadPreset('rfc-fragmented');
    s.removeFrame(0);
    expect(wsReads(s).failCode).toBe(s.verdict.failure?.code);
  });
});
