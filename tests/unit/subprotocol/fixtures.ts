import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { importCapture, type CaptureConnection } from '../../../src/capture';
import type { InterpretInput, WsMessage } from '../../../src/subprotocol';

const root = join(import.meta.dirname, '../../fixtures/subprotocol');

/** The connections of a fixture capture, each as `interpretMessages` input. */
export function captureInputs(path: string): (InterpretInput & { connection: CaptureConnection })[] {
  const cap = importCapture(path, new Uint8Array(readFileSync(join(root, path))));
  if (cap.error) throw new Error(cap.error);
  return cap.connections.map((connection) => ({
    connection,
    subprotocol: connection.subprotocol,
    url: connection.url,
    messages: connection.messages.map((m) => ({
      direction: m.direction === 'client-to-server' ? 'c2s' : 's2c',
      opcode: m.opcode,
      data: m.data,
      time: m.time,
    })),
  }));
}

/** The log a fixture script wrote beside its capture. */
export function fixtureLog<T>(path: string): T {
  return JSON.parse(readFileSync(join(root, path), 'utf8')) as T;
}

export const fromBase64 = (b64: string) => new Uint8Array(Buffer.from(b64, 'base64'));

/** Arbitrary WebSocket messages: random text or bytes, either direction, increasing times. */
export const arbitraryMessages = (payload: fc.Arbitrary<Uint8Array> = fc.uint8Array({ maxLength: 64 })) =>
  fc.array(
    fc.record({
      direction: fc.constantFrom<'c2s' | 's2c'>('c2s', 's2c'),
      opcode: fc.constantFrom<1 | 2>(1, 2),
      data: payload,
      time: fc.nat(1000),
    }),
    { maxLength: 12 },
  ) as fc.Arbitrary<WsMessage[]>;
