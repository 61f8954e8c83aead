/**
 * One tree for values read from JSON, MessagePack and CBOR, each node with its byte range, so a protocol carried in
 * any of those encodings (WAMP, SignalR) is read by one piece of code, and every value links to its bytes.
 */
import { shortHex } from './text';
import type { Field } from './types';

export type ValueKind =
  'null' | 'undefined' | 'bool' | 'number' | 'string' | 'bytes' | 'array' | 'map' | 'ext' | 'tag' | 'simple';

/** A decoded value and the bytes `[start, end)` it was read from. */
export interface Value {
  kind: ValueKind;
  start: number;
  end: number;
  /** Scalars: the value (64-bit integers beyond 2^53 as decimal strings). */
  value?: string | number | boolean | null;
  /** `bytes` and `ext` payloads. */
  bytes?: Uint8Array;
  items?: Value[];
  entries?: [Value, Value][];
  /** MessagePack ext type, CBOR tag number. */
  tag?: number;
  /** What the encoding calls it, e.g. `fixmap`, `uint 16`, `str 8`, `major type 4 (array)`. */
  format?: string;
}

/** What a reader returns: the value, where reading stopped, and the first rule the bytes break. */
export interface ReadResult {
  value: Value | null;
  end: number;
  problem: string | null;
}

/** Deeper nesting than this is reported, not followed (random bytes must not exhaust the stack). */
export const MAX_DEPTH = 256;

export function isString(v: Value | undefined): v is Value & { value: string } {
  return v?.kind === 'string' && typeof v.value === 'string';
}

export function asString(v: Value | undefined): string | null {
  return isString(v) ? v.value : null;
}

/** An integer value (JSON number, MessagePack or CBOR int) as a number, or null. */
export function asInteger(v: Value | undefined): number | null {
  return v?.kind === 'number' && typeof v.value === 'number' && Number.isInteger(v.value) ? v.value : null;
}

/** A map's value for a string key. */
export function mapGet(v: Value | undefined, key: string): Value | undefined {
  if (v?.kind !== 'map') return undefined;
  return v.entries?.find(([k]) => k.kind === 'string' && k.value === key)?.[1];
}

/** An id that may be a number or a string (JSON-RPC-like ids, WAMP request ids), as a pairing key. */
export function idKey(v: Value | undefined): string | null {
  if (v?.kind === 'string' || v?.kind === 'number') return `${typeof v.value}:${String(v.value)}`;
  return null;
}

/** `0a 0b 0c … (20 bytes)` */
export function bytesValue(bytes: Uint8Array): string {
  return `${shortHex(bytes)} (${bytes.length} ${bytes.length === 1 ? 'byte' : 'bytes'})`;
}

/** A short rendering of a value for summaries: strings quoted, containers counted. */
export function renderValue(v: Value): string | number | boolean | null {
  switch (v.kind) {
    case 'string':
      return String(v.value);
    case 'bytes':
      return bytesValue(v.bytes ?? new Uint8Array());
    case 'ext':
      return `ext ${v.tag ?? 0}: ${bytesValue(v.bytes ?? new Uint8Array())}`;
    case 'array':
      return `array (${v.items?.length ?? 0})`;
    case 'map':
      return `map (${v.entries?.length ?? 0})`;
    case 'tag':
      return `tag ${v.tag ?? 0}`;
    case 'undefined':
      return 'undefined';
    case 'simple':
      return `simple ${String(v.value)}`;
    default:
      return v.value ?? null;
  }
}

/** One line of JSON-like text for a summary, cut at `max` characters. */
export function briefValue(v: Value | undefined, max = 60): string {
  if (!v) return '';
  const text = brief(v, 3);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function brief(v: Value, depth: number): string {
  if (v.kind === 'string') return JSON.stringify(v.value);
  if (v.kind === 'array') {
    if (depth === 0) return '[…]';
    return `[${(v.items ?? []).map((i) => brief(i, depth - 1)).join(',')}]`;
  }
  if (v.kind === 'map') {
    if (depth === 0) return '{…}';
    return `{${(v.entries ?? []).map(([k, x]) => `${brief(k, depth - 1)}:${brief(x, depth - 1)}`).join(',')}}`;
  }
  return String(renderValue(v));
}

/** The key of a map entry as a field name. */
function keyName(k: Value): string {
  return k.kind === 'string' ? String(k.value) : String(renderValue(k));
}

/**
 * A value as a field tree, every node tied to its bytes in WebSocket message `message`, shifted by `offset` when the
 * value was read from a slice of the message.
 */
export function toField(name: string, v: Value, message: number, offset = 0): Field {
  const field: Field = {
    name,
    value: renderValue(v),
    span: { message, start: v.start + offset, end: v.end + offset },
  };
  if (v.kind === 'array') {
    field.children = (v.items ?? []).map((item, i) => toField(`[${i}]`, item, message, offset));
  } else if (v.kind === 'map') {
    field.children = (v.entries ?? []).map(([k, x]) => toField(keyName(k), x, message, offset));
  } else if (v.kind === 'tag' && v.items?.[0]) {
    field.children = [toField('content', v.items[0], message, offset)];
  }
  return field;
}
