/**
 * JSON-RPC 2.0 over WebSocket: requests, notifications, responses and errors, one object or a batch (an array)
 * per message, responses paired with requests by id.
 * @see https://www.jsonrpc.org/specification (JSON-RPC 2.0, 2013-01-04)
 */
import { jsonField, member, parseJson, type JsonNode } from './json';
import { Pairing } from './pairing';
import { quote, utf8Text } from './text';
import type { Direction, Field, ProtocolDecoder, Unit, WsMessage } from './types';

/** The error codes the specification reserves (§5.1). */
export function errorCodeName(code: number): string | null {
  const names: Record<number, string> = {
    [-32700]: 'Parse error',
    [-32600]: 'Invalid Request',
    [-32601]: 'Method not found',
    [-32602]: 'Invalid params',
    [-32603]: 'Internal error',
  };
  if (names[code]) return names[code];
  return code <= -32000 && code >= -32099 ? 'Server error' : null;
}

const SPEC = 'JSON-RPC 2.0';

function idText(node: JsonNode | undefined): string {
  if (!node) return 'none';
  return node.kind === 'string'
    ? quote(node.value)
    : String(node.kind === 'number' || node.kind === 'null' ? node.value : '?');
}

/** Type, summary and problems of one JSON-RPC object. */
function classify(node: JsonNode): { type: string; summary: string; problems: string[]; id?: JsonNode } {
  const problems: string[] = [];
  if (node.kind !== 'object')
    return {
      type: 'invalid',
      summary: 'not a JSON-RPC object',
      problems: [`a JSON-RPC message must be an object (${SPEC} §4, §5)`],
    };
  const version = member(node, 'jsonrpc');
  if (version?.kind !== 'string' || version.value !== '2.0')
    problems.push(`"jsonrpc" must be exactly "2.0" (${SPEC} §4)`);
  const id = member(node, 'id');
  if (id && id.kind !== 'string' && id.kind !== 'number' && id.kind !== 'null')
    problems.push(`"id" must be a string, a number or null (${SPEC} §4)`);
  else if (id?.kind === 'number' && !Number.isInteger(id.value))
    problems.push(`"id" should not be a number with a fractional part (${SPEC} §4)`);
  const method = member(node, 'method');
  if (method) {
    if (method.kind !== 'string') problems.push(`"method" must be a string (${SPEC} §4)`);
    else if (method.value.startsWith('rpc.'))
      problems.push(`method names starting with "rpc." are reserved (${SPEC} §4)`);
    const params = member(node, 'params');
    if (params && params.kind !== 'array' && params.kind !== 'object')
      problems.push(`"params" must be an array or an object when present (${SPEC} §4.2)`);
    const name = method.kind === 'string' ? method.value : '?';
    if (!id) return { type: 'notification', summary: `notification ${name}`, problems };
    return { type: 'request', summary: `request ${name}, id ${idText(id)}`, problems, id };
  }
  const result = member(node, 'result');
  const error = member(node, 'error');
  if (!id)
    problems.push(`a response must have an "id" (null when the request's id could not be read) (${SPEC} §5)`);
  if (result && error) problems.push(`a response must not have both "result" and "error" (${SPEC} §5)`);
  if (error) {
    const code = member(error, 'code');
    const message = member(error, 'message');
    if (
      error.kind !== 'object' ||
      code?.kind !== 'number' ||
      !Number.isInteger(code.value) ||
      message?.kind !== 'string'
    )
      problems.push(`"error" must be an object with an integer "code" and a string "message" (${SPEC} §5.1)`);
    const c = code?.kind === 'number' ? code.value : null;
    const named = c === null ? null : errorCodeName(c);
    const text = message?.kind === 'string' ? message.value : '';
    return {
      type: 'error',
      summary: `error id ${idText(id)}: ${c ?? '?'}${named && named !== text ? ` ${named}` : ''}${text ? ` ${quote(text)}` : ''}`,
      problems,
      ...(id ? { id } : {}),
    };
  }
  if (!result) {
    problems.push(`an object with neither "method" nor "result"/"error" is not JSON-RPC (${SPEC} §4, §5)`);
    return { type: 'invalid', summary: 'neither a request nor a response', problems };
  }
  const shown =
    result.kind === 'string'
      ? quote(result.value, 30)
      : result.kind === 'object'
        ? '{…}'
        : result.kind === 'array'
          ? '[…]'
          : String(result.value);
  return {
    type: 'response',
    summary: `response id ${idText(id)}: ${shown}`,
    problems,
    ...(id ? { id } : {}),
  };
}

const other = (d: Direction): Direction => (d === 'c2s' ? 's2c' : 'c2s');

function decode(messages: readonly WsMessage[]): Unit[] {
  const units: Unit[] = [];
  const pairs = new Pairing(messages, units);
  const add = (message: WsMessage, index: number, node: JsonNode, batch: Field | null) => {
    const c = classify(node);
    const fields: Field[] = batch ? [batch] : [];
    if (node.kind === 'object') fields.push(...node.members.map((m) => jsonField(m.key, m.value, index)));
    else fields.push(jsonField('value', node, index));
    units.push({
      direction: message.direction,
      type: c.type,
      summary: c.summary,
      messages: [index],
      fields,
      problems: c.problems,
    });
    const key = c.id?.kind === 'string' || c.id?.kind === 'number' ? JSON.stringify(c.id.value) : null;
    if (key === null) return;
    if (c.type === 'request') pairs.open(`${message.direction}:${key}`, units.length - 1);
    else pairs.answer(`${other(message.direction)}:${key}`, units.length - 1);
  };
  messages.forEach((message, index) => {
    const json = message.opcode === 1 && utf8Text(message.data) !== null ? parseJson(message.data) : null;
    if (!json?.ok) {
      units.push({
        direction: message.direction,
        type: 'invalid',
        summary: json ? 'not JSON' : message.opcode === 2 ? 'binary message' : 'not UTF-8 text',
        messages: [index],
        fields: [],
        problems: [
          json
            ? `not JSON at byte ${json.offset}: ${json.error} (${SPEC} §4)`
            : `JSON-RPC messages are JSON text (${SPEC} §4)`,
        ],
      });
      return;
    }
    const node = json.node;
    if (node.kind !== 'array') return add(message, index, node, null);
    if (node.items.length === 0) {
      units.push({
        direction: message.direction,
        type: 'invalid',
        summary: 'empty batch',
        messages: [index],
        fields: [jsonField('batch', node, index)],
        problems: [`an empty array is an Invalid Request, not a batch (${SPEC} §6)`],
      });
      return;
    }
    node.items.forEach((item, k) =>
      add(message, index, item, {
        name: 'batch',
        value: `item ${k + 1} of ${node.items.length}`,
        span: { message: index, start: item.start, end: item.end },
      }),
    );
  });
  return units;
}

const MARK = /"jsonrpc"\s*:\s*"2\.0"/;

function sniff(messages: readonly WsMessage[]): number {
  let text = 0;
  let marked = 0;
  for (const message of messages.slice(0, 50)) {
    if (message.opcode !== 1) continue;
    const t = utf8Text(message.data);
    if (t === null) continue;
    text++;
    if (/^\s*[[{]/.test(t) && MARK.test(t)) marked++;
  }
  return text === 0 ? 0 : 0.9 * (marked / text);
}

export const jsonrpc: ProtocolDecoder = {
  id: 'jsonrpc',
  name: 'JSON-RPC 2.0',
  subprotocols: ['jsonrpc', 'jsonrpc2.0', 'json-rpc'],
  sniff,
  decode,
};
