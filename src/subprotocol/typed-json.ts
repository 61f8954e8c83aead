/**
 * Protocols whose messages are JSON objects named by a `type` member (graphql-transport-ws, the legacy graphql-ws,
 * Action Cable): one table per protocol says who may send each type, whether it carries an id, and which request
 * it answers; this file reads the JSON, checks the table and pairs replies with requests.
 */
import type { Direction, Field, Unit, WsMessage } from './types';
import { readJson } from './json-values';
import { Pairing } from './pairing';
import { other, unit } from './unit-kit';
import { asString, idKey, mapGet, toField, type Value } from './values';

export interface TypedMessageRule {
  /** Who may send it. */
  from: Direction | 'both';
  /** Whether the message must carry an id. */
  id: 'required' | 'optional' | 'none';
  /** Types of the request this message answers (by id when it has one, else the latest unanswered one). */
  answers?: readonly string[];
  /** The request stays open for more answers (a subscription's `next`), else this answer closes it. */
  more?: boolean;
}

export interface TypedJsonProtocol {
  /** The protocol's name for problems, e.g. `graphql-transport-ws`. */
  name: string;
  /** The member that names the type (`type`, or Action Cable's `command` for client messages). */
  typeKey: (direction: Direction) => string;
  idKey: string;
  /** Whether a summary shows the id (false when `describe` says it better, as Action Cable's channel). */
  idInSummary?: boolean;
  rules: Readonly<Record<string, TypedMessageRule>>;
  /** Where the rules come from, cited in problems, e.g. `graphql-ws PROTOCOL.md`. */
  source: string;
  /** Text after the type in a unit's summary. */
  describe?: (type: string, message: Value) => string;
  /** The type of a message without the type member (Action Cable's broadcasts), or null when that is an error. */
  untyped?: (direction: Direction, message: Value) => string | null;
  /** A protocol's own checks on a message that follows the table. */
  check?: (type: string, message: Value, problems: string[]) => void;
}

const SIDE = { c2s: 'the client', s2c: 'the server' } as const;

/** Whether a text message is a JSON object with a string member `key`: for sniffing. */
export function typedJsonType(m: WsMessage, key: string): string | null {
  if (m.opcode !== 1) return null;
  const r = readJson(m.data);
  return r.problem === null ? asString(mapGet(r.value ?? undefined, key)) : null;
}

export function decodeTypedJson(protocol: TypedJsonProtocol, messages: readonly WsMessage[]): Unit[] {
  const units: Unit[] = [];
  // Requests wait under `side type id` (or `side type` when they carry no id).
  const pairing = new Pairing(messages, units);
  messages.forEach((m, index) => {
    const problems: string[] = [];
    const r = readJson(m.data);
    if (r.problem !== null || !r.value) {
      units.push(
        unit(
          m.direction,
          'invalid JSON',
          `not JSON: ${r.problem ?? ''}`,
          [index],
          [],
          [r.problem ?? 'no value'],
        ),
      );
      return;
    }
    const fields: Field[] = [toField('message', r.value, index)];
    if (r.value.kind !== 'map') {
      const problem = `byte ${r.value.start}: a ${protocol.name} message is a JSON object (${protocol.source})`;
      units.push(
        unit(m.direction, 'invalid message', `JSON ${r.value.kind}, not an object`, [index], fields, [
          problem,
        ]),
      );
      return;
    }
    const typeKey = protocol.typeKey(m.direction);
    const typeValue = mapGet(r.value, typeKey);
    const type =
      asString(typeValue) ??
      (typeValue === undefined ? (protocol.untyped?.(m.direction, r.value) ?? null) : null);
    if (type === null) {
      const problem = `byte ${r.value.start}: no string "${typeKey}" member (${protocol.source})`;
      units.push(unit(m.direction, 'invalid message', `no "${typeKey}"`, [index], fields, [problem]));
      return;
    }
    const rule = protocol.rules[type];
    const idValue = mapGet(r.value, protocol.idKey);
    const id = idKey(idValue);
    if (!rule) {
      problems.push(
        `byte ${typeValue?.start ?? 0}: "${type}" is not a ${protocol.name} message type (${protocol.source})`,
      );
    } else {
      if (rule.from !== 'both' && rule.from !== m.direction) {
        problems.push(
          `"${type}" is sent by ${SIDE[rule.from]}, not ${SIDE[m.direction]} (${protocol.source})`,
        );
      }
      if (rule.id === 'required' && id === null) {
        problems.push(`"${type}" needs a string "${protocol.idKey}" (${protocol.source})`);
      }
      protocol.check?.(type, r.value, problems);
    }
    const u = unit(m.direction, type, summaryOf(protocol, type, idValue, r.value), [index], fields, problems);
    units.push(u);
    const at = units.length - 1;
    const answers = rule?.answers ?? [];
    for (const request of answers) {
      const key = `${other(m.direction)} ${request}${id !== null ? ` ${id}` : ''}`;
      if (pairing.answer(key, at, rule?.more === true) !== undefined) break;
    }
    if (rule && answers.length === 0)
      pairing.open(`${m.direction} ${type}${id !== null ? ` ${id}` : ''}`, at);
  });
  return units;
}

function summaryOf(protocol: TypedJsonProtocol, type: string, id: Value | undefined, message: Value): string {
  const parts = [type];
  const shown = protocol.idInSummary !== false && (id?.kind === 'string' || id?.kind === 'number');
  if (shown) parts.push(`${protocol.idKey} ${JSON.stringify(id.value)}`);
  const more = protocol.describe?.(type, message);
  if (more) parts.push(more);
  return parts.join(' ');
}
