/** Test helper: a capture of tests/fixtures/subprotocol read with the app's own importer, and the programs' log. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { importCapture } from '../../../src/capture';
import type { Direction, WsMessage } from '../../../src/subprotocol/types';

export interface LoggedMessage {
  direction: Direction;
  text?: string;
  base64?: string;
}

export interface Fixture {
  subprotocol: string | null;
  url: string | null;
  messages: WsMessage[];
  log: { messages: LoggedMessage[]; [key: string]: unknown };
}

const root = join(import.meta.dirname, '../../fixtures/subprotocol');

export function loadFixture(path: string): Fixture {
  const bytes = readFileSync(join(root, path));
  const capture = importCapture(path, new Uint8Array(bytes));
  expect(capture.error).toBeNull();
  expect(capture.connections).toHaveLength(1);
  const connection = capture.connections[0]!;
  const log = JSON.parse(readFileSync(join(root, `${path}.log.json`), 'utf8')) as Fixture['log'];
  const messages = connection.messages.map(({ direction, opcode, data, time }) => ({
    direction: direction === 'client-to-server' ? ('c2s' as const) : ('s2c' as const),
    opcode,
    data,
    time,
  }));
  // The capture holds what the programs sent, in each direction in the order they sent it (unless the log is of
  // what they handed to a framing layer such as SockJS, which wraps it before it reaches the socket).
  for (const direction of log.wire === undefined ? (['c2s', 's2c'] as const) : []) {
    const captured = messages
      .filter((m) => m.direction === direction)
      .map((m) => Buffer.from(m.data).toString('base64'));
    const logged = log.messages
      .filter((m) => m.direction === direction)
      .map((m) => m.base64 ?? Buffer.from(m.text ?? '', 'utf8').toString('base64'));
    expect(captured).toEqual(logged);
  }
  return { subprotocol: connection.subprotocol, url: connection.url, messages, log };
}

/** The logged messages of one direction. */
export function logged(fixture: Fixture, direction: Direction): LoggedMessage[] {
  return fixture.log.messages.filter((m) => m.direction === direction);
}
