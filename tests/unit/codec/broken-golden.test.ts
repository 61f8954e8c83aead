/**
 * Golden fixtures of broken frames (tests/fixtures/broken/<name>/): bytes and expected violation written by hand
 * from RFC 6455, and the close code ws fails with. The receiver, decodeStream and ws are each held to them.
 */
import { createRequire } from 'node:module';
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  createReceiver,
  decodeStream,
  parseHex,
  type ReceiverEvent,
  type Role,
} from '../../../src/codec/index';

interface Expected {
  role: Role;
  why: string;
  violation: { id: string; offset: number; closeCode: number };
  ws: number;
}

const DIR = new URL('../../fixtures/broken/', import.meta.url);
const names = readdirSync(DIR, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();

function load(name: string): { bytes: Uint8Array; expected: Expected } {
  const text = readFileSync(new URL(`${name}/input.hex`, DIR), 'utf8')
    .split('\n')
    .filter((line) => !line.startsWith('#'))
    .join('\n');
  const parsed = parseHex(text);
  if (!parsed.ok) throw new Error(`${name}/input.hex: ${parsed.error}`);
  const expected = JSON.parse(readFileSync(new URL(`${name}/expected.json`, DIR), 'utf8')) as Expected;
  return { bytes: parsed.bytes, expected };
}

const require = createRequire(import.meta.url);
const ws = require('ws') as {
  Receiver: new (opts: { isServer: boolean }) => {
    _write(chunk: Buffer, encoding: string, cb: (err?: Error) => void): void;
  };
};

/** The close code ws's Receiver fails with on these bytes (from its error's status-code symbol), or null. */
function wsCloseCode(bytes: Uint8Array, role: Role): number | null {
  let code: number | null = null;
  new ws.Receiver({ isServer: role === 'server' })._write(Buffer.from(bytes), 'buffer', (err) => {
    if (!err) return;
    const sym = Object.getOwnPropertySymbols(err).find((s) => s.description === 'status-code');
    code = sym ? ((err as unknown as Record<symbol, number>)[sym] ?? null) : null;
  });
  return code;
}

describe('broken-frame golden fixtures', () => {
  it('exist', () => expect(names.length).toBeGreaterThanOrEqual(10));

  it.each(names)('%s', (name) => {
    const { bytes, expected } = load(name);
    const want = expected.violation;

    for (const step of [bytes.length, 1]) {
      const rx = createReceiver({ role: expected.role });
      const events: ReceiverEvent[] = [];
      for (let at = 0; at < bytes.length; at += step)
        rx.write(bytes.subarray(at, at + step), (e) => events.push(e));
      const fail = events.find((e) => e.type === 'fail');
      expect(fail?.type === 'fail' && [fail.code, fail.violation.id, fail.violation.offset]).toEqual([
        want.closeCode,
        want.id,
        want.offset,
      ]);
    }

    const stream = decodeStream(bytes, {
      direction: expected.role === 'server' ? 'client-to-server' : 'server-to-client',
    });
    expect(
      stream.failure && [stream.failure.closeCode, stream.failure.violation.id, stream.failure.offset],
    ).toEqual([want.closeCode, want.id, want.offset]);

    expect(wsCloseCode(bytes, expected.role)).toBe(expected.ws);
  });
});
