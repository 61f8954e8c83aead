/**
 * Small helpers the decoders of this folder share: building a unit, pairing a reply with its request.
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

/** Mark `units[reply]` as answering `units[request]`, with the time between their first messages when both have one. */
export function pair(units: Unit[], messages: readonly WsMessage[], request: number, reply: number): void {
  const r = units[reply];
  const q = units[request];
  if (!r || !q) return;
  r.replyTo = request;
  const t0 = messages[q.messages[0] ?? -1]?.time;
  const t1 = messages[r.messages[0] ?? -1]?.time;
  if (t0 !== undefined && t1 !== undefined) r.latencyMs = t1 - t0;
}

/** The messages' fraction (0–1) that `test` accepts; 0 for no messages. */
export function share(messages: readonly WsMessage[], test: (m: WsMessage) => boolean, limit = 20): number {
  const sample = messages.slice(0, limit);
  if (sample.length === 0) return 0;
  return sample.filter(test).length / sample.length;
}

const utf8 = new TextDecoder('utf-8', { fatal: false });

export function text(m: WsMessage): string {
  return utf8.decode(m.data);
}
