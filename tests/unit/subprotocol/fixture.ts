/** Test helper: one connection of a capture in tests/fixtures/subprotocol, checked against the programs' log. */
import { expect } from 'vitest';
import type { Direction, WsMessage } from '../../../src/subprotocol/types';
import { captureInputs, fixtureLog } from './fixtures';

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

/** The capture's only WebSocket connection and its `.log.json`. */
export function loadFixture(path: string): Fixture {
  const inputs = captureInputs(path);
  expect(inputs).toHaveLength(1);
  const { subprotocol, url, messages } = inputs[0]!;
  const log = fixtureLog<Fixture['log']>(`${path}.log.json`);
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
  return { subprotocol: subprotocol ?? null, url: url ?? null, messages: [...messages], log };
}

/** The logged messages of one direction. */
export function logged(fixture: Fixture, direction: Direction): LoggedMessage[] {
  return fixture.log.messages.filter((m) => m.direction === direction);
}
