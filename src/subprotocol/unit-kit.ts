/**
 * Small helpers the decoders of this folder share: building a unit, sniffing a share of the messages.
 */
import type { Direction, Field, Unit, WsMessage } from './types';

export function unit(
  direction: Direction,
  type: string,
  summary: string,
  messages: number[],
  fields: Field[],
  problems: string[] = [],
): Unit {
  return { direction, type, summary, messages, fields, problems };
}

/** The fraction (0–1) of the first `limit` messages that `test` accepts; 0 for no messages. */
export function share(messages: readonly WsMessage[], test: (m: WsMessage) => boolean, limit = 20): number {
  const sample = messages.slice(0, limit);
  if (sample.length === 0) return 0;
  return sample.filter(test).length / sample.length;
}

/** The other side. */
export function other(direction: Direction): Direction {
  return direction === 'c2s' ? 's2c' : 'c2s';
}
