/**
 * Pairing replies with their requests: a request is remembered under a key (a packet id, an ack id, a JSON-RPC
 * id), and the reply that carries the same key gets `replyTo` and `latencyMs`.
 */
import type { Unit, WsMessage } from './types';

/** Time from the request's last message to the reply's last message, when both have a time. */
export function latencyBetween(
  messages: readonly WsMessage[],
  request: Unit,
  reply: Unit,
): number | undefined {
  const from = messages[request.messages[request.messages.length - 1] ?? -1]?.time;
  const to = messages[reply.messages[reply.messages.length - 1] ?? -1]?.time;
  if (from === undefined || to === undefined) return undefined;
  return Math.round((to - from) * 1000) / 1000;
}

/**
 * Remembers open requests by key and links replies to them.
 *
 * @example
 * const pairs = new Pairing(messages, units);
 * pairs.open('c2s:3', 0);                  // EVENT with ack id 3 sent by the client is units[0]
 * pairs.answer('c2s:3', 1);                // ACK 3 from the server: units[1].replyTo = 0, latencyMs set
 */
export class Pairing {
  private readonly pending = new Map<string, number>();

  constructor(
    private readonly messages: readonly WsMessage[],
    private readonly units: Unit[],
  ) {}

  /** Remember unit number `unit` as a request waiting under `key` (a later request with the same key replaces it). */
  open(key: string, unit: number): void {
    this.pending.set(key, unit);
  }

  /** Whether a request waits under `key`. */
  has(key: string): boolean {
    return this.pending.has(key);
  }

  /**
   * Link unit number `unit` to the request waiting under `key`. The request stays open when `keep` is set (a
   * subscription answered many times, a QoS 2 flow answered in steps). Returns the request's index, or undefined.
   */
  answer(key: string, unit: number, keep = false): number | undefined {
    const request = this.pending.get(key);
    const reply = this.units[unit];
    if (request === undefined || reply === undefined) return undefined;
    if (!keep) this.pending.delete(key);
    reply.replyTo = request;
    const latency = latencyBetween(this.messages, this.units[request] as Unit, reply);
    if (latency !== undefined) reply.latencyMs = latency;
    return request;
  }

  /** Forget the request waiting under `key`. */
  close(key: string): void {
    this.pending.delete(key);
  }
}
