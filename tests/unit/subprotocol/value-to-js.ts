/** Test helper: a span-keeping value tree back to plain JavaScript, to compare with a reference library's decode. */
import type { Value } from '../../../src/subprotocol/values';

export function valueToJs(v: Value): unknown {
  switch (v.kind) {
    case 'array':
      return (v.items ?? []).map(valueToJs);
    case 'map':
      return Object.fromEntries((v.entries ?? []).map(([k, x]) => [String(valueToJs(k)), valueToJs(x)]));
    case 'bytes':
      return Array.from(v.bytes ?? []);
    case 'undefined':
      return undefined;
    case 'number':
      return typeof v.value === 'string' ? BigInt(v.value) : v.value;
    default:
      return v.value;
  }
}

/** Every child's span lies inside its parent's, children in order without overlap. */
export function spansNest(v: Value): boolean {
  const kids = v.kind === 'map' ? (v.entries ?? []).flat() : (v.items ?? []);
  let at = v.start;
  for (const k of kids) {
    if (k.start < at || k.end > v.end || k.end < k.start) return false;
    at = k.end;
    if (!spansNest(k)) return false;
  }
  return true;
}
