/**
 * JSON as a {@link Value} tree, so the protocols that come in JSON and in MessagePack or CBOR (WAMP, SignalR) are
 * read by one piece of code. The parsing itself is `parseJson` of `json.ts`.
 */
import { parseJson, type JsonNode } from './json';
import type { ReadResult, Value } from './values';

function fromNode(node: JsonNode): Value {
  const { start, end } = node;
  switch (node.kind) {
    case 'object':
      return {
        kind: 'map',
        start,
        end,
        entries: node.members.map((m): [Value, Value] => [
          { kind: 'string', start: m.keyStart, end: m.keyEnd, value: m.key },
          fromNode(m.value),
        ]),
      };
    case 'array':
      return { kind: 'array', start, end, items: node.items.map(fromNode) };
    case 'boolean':
      return { kind: 'bool', start, end, value: node.value };
    default:
      return { kind: node.kind, start, end, value: node.value };
  }
}

/**
 * Read one JSON value from `bytes[start, end)` as a value tree.
 * @example readJson(new TextEncoder().encode('{"type":"ping"}')).value?.kind === 'map'
 */
export function readJson(bytes: Uint8Array, start = 0, end = bytes.length): ReadResult {
  const r = parseJson(bytes, start, end);
  if (!r.ok) return { value: null, end: r.offset, problem: `byte ${r.offset}: ${r.error}` };
  return { value: fromNode(r.node), end, problem: null };
}
