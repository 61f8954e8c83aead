/**
 * JSON read straight from a message's UTF-8 bytes, every value with its byte span, so a decoded field lights its
 * bytes in the hex view. Never throws: bad JSON gives the byte where it goes wrong and why (RFC 8259).
 */
import { utf8Text } from './text';
import type { Field } from './types';

interface Base {
  /** Byte offsets `[start, end)` in the bytes handed to {@link parseJson}. */
  start: number;
  end: number;
}
export interface JsonMember {
  key: string;
  keyStart: number;
  keyEnd: number;
  value: JsonNode;
}
export type JsonNode =
  | (Base & { kind: 'object'; members: JsonMember[] })
  | (Base & { kind: 'array'; items: JsonNode[] })
  | (Base & { kind: 'string'; value: string })
  | (Base & { kind: 'number'; value: number })
  | (Base & { kind: 'boolean'; value: boolean })
  | (Base & { kind: 'null'; value: null });

export type JsonResult = { ok: true; node: JsonNode } | { ok: false; error: string; offset: number };

/** Deeper nesting than this is refused rather than risking the stack on hostile input. */
const MAX_DEPTH = 256;

class JsonError {
  constructor(
    readonly message: string,
    readonly offset: number,
  ) {}
}

const NUMBER = /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/;

class Reader {
  pos: number;
  constructor(
    private readonly bytes: Uint8Array,
    start: number,
    private readonly end: number,
  ) {
    this.pos = start;
  }

  skipSpace(): void {
    while (this.pos < this.end) {
      const b = this.bytes[this.pos];
      if (b !== 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d) return;
      this.pos++;
    }
  }

  fail(message: string, at = this.pos): never {
    throw new JsonError(message, at);
  }

  peek(): number | undefined {
    return this.pos < this.end ? this.bytes[this.pos] : undefined;
  }

  value(depth: number): JsonNode {
    this.skipSpace();
    const b = this.peek();
    if (b === undefined) this.fail('a value was expected but the bytes end');
    if (b === 0x7b) return this.object(depth);
    if (b === 0x5b) return this.array(depth);
    if (b === 0x22) {
      const start = this.pos;
      const value = this.string();
      return { kind: 'string', start, end: this.pos, value };
    }
    if (b === 0x74) return this.literal('true', { kind: 'boolean', value: true });
    if (b === 0x66) return this.literal('false', { kind: 'boolean', value: false });
    if (b === 0x6e) return this.literal('null', { kind: 'null', value: null });
    if (b === 0x2d || (b >= 0x30 && b <= 0x39)) return this.number();
    return this.fail(`unexpected byte 0x${b.toString(16).padStart(2, '0')} where a value should start`);
  }

  private literal(
    word: string,
    node: { kind: 'boolean'; value: boolean } | { kind: 'null'; value: null },
  ): JsonNode {
    const start = this.pos;
    for (let i = 0; i < word.length; i++) {
      if (this.bytes[this.pos + i] !== word.charCodeAt(i) || this.pos + i >= this.end)
        this.fail(`expected "${word}"`, start);
    }
    this.pos += word.length;
    return { ...node, start, end: this.pos };
  }

  private number(): JsonNode {
    const start = this.pos;
    let text = '';
    while (this.pos < this.end && text.length < 400) {
      const b = this.bytes[this.pos] as number;
      if (!((b >= 0x30 && b <= 0x39) || b === 0x2d || b === 0x2b || b === 0x2e || b === 0x65 || b === 0x45))
        break;
      text += String.fromCharCode(b);
      this.pos++;
    }
    const match = NUMBER.exec(text);
    if (!match || match[0].length !== text.length) this.fail(`"${text}" is not a JSON number`, start);
    return { kind: 'number', start, end: this.pos, value: Number(text) };
  }

  /** A string starting at the opening quote; leaves `pos` after the closing quote. */
  string(): string {
    const start = this.pos;
    this.pos++;
    while (this.pos < this.end) {
      const b = this.bytes[this.pos] as number;
      if (b === 0x22) {
        this.pos++;
        const text = utf8Text(this.bytes.subarray(start, this.pos));
        if (text === null) this.fail('the string is not valid UTF-8', start);
        try {
          return JSON.parse(text) as string;
        } catch {
          return this.fail('the string has an invalid escape or control character', start);
        }
      }
      this.pos += b === 0x5c ? 2 : 1;
    }
    return this.fail('the string is never closed', start);
  }

  private expect(byte: number, what: string): void {
    this.skipSpace();
    if (this.peek() !== byte) this.fail(`${what} was expected`);
    this.pos++;
  }

  private object(depth: number): JsonNode {
    if (depth >= MAX_DEPTH) this.fail(`nested deeper than ${MAX_DEPTH} levels`);
    const start = this.pos++;
    const members: JsonMember[] = [];
    this.skipSpace();
    if (this.peek() === 0x7d) {
      this.pos++;
      return { kind: 'object', start, end: this.pos, members };
    }
    for (;;) {
      this.skipSpace();
      if (this.peek() !== 0x22) this.fail('a member name in double quotes was expected');
      const keyStart = this.pos;
      const key = this.string();
      const keyEnd = this.pos;
      this.expect(0x3a, '":"');
      const value = this.value(depth + 1);
      members.push({ key, keyStart, keyEnd, value });
      this.skipSpace();
      const b = this.peek();
      if (b === 0x2c) this.pos++;
      else if (b === 0x7d) {
        this.pos++;
        return { kind: 'object', start, end: this.pos, members };
      } else this.fail('"," or "}" was expected');
    }
  }

  private array(depth: number): JsonNode {
    if (depth >= MAX_DEPTH) this.fail(`nested deeper than ${MAX_DEPTH} levels`);
    const start = this.pos++;
    const items: JsonNode[] = [];
    this.skipSpace();
    if (this.peek() === 0x5d) {
      this.pos++;
      return { kind: 'array', start, end: this.pos, items };
    }
    for (;;) {
      items.push(this.value(depth + 1));
      this.skipSpace();
      const b = this.peek();
      if (b === 0x2c) this.pos++;
      else if (b === 0x5d) {
        this.pos++;
        return { kind: 'array', start, end: this.pos, items };
      } else this.fail('"," or "]" was expected');
    }
  }
}

/**
 * Parse the JSON text in `bytes[start, end)` (UTF-8), keeping each value's byte span (offsets into `bytes`).
 * The whole range must be one JSON value, with white space around it allowed.
 *
 * @example
 * parseJson(new TextEncoder().encode('["chat",1]')); // { ok: true, node: { kind: 'array', start: 0, end: 10, … } }
 */
export function parseJson(bytes: Uint8Array, start = 0, end = bytes.length): JsonResult {
  const reader = new Reader(bytes, start, end);
  try {
    const node = reader.value(0);
    reader.skipSpace();
    if (reader.pos < end) reader.fail('unexpected bytes after the JSON value');
    return { ok: true, node };
  } catch (e) {
    if (e instanceof JsonError) return { ok: false, error: e.message, offset: e.offset };
    throw e;
  }
}

/** The plain JavaScript value of a node (objects, arrays, strings, numbers, booleans, null). */
export function jsonValue(node: JsonNode): unknown {
  switch (node.kind) {
    case 'object': {
      const out: Record<string, unknown> = {};
      // defineProperty, as JSON.parse does: a member named "__proto__" is an own property, not the prototype.
      for (const m of node.members)
        Object.defineProperty(out, m.key, {
          value: jsonValue(m.value),
          enumerable: true,
          writable: true,
          configurable: true,
        });
      return out;
    }
    case 'array':
      return node.items.map(jsonValue);
    default:
      return node.value;
  }
}

/** How a node reads in a field's value column: scalars as themselves, containers by their size. */
export function jsonSummary(node: JsonNode): string | number | boolean | null {
  if (node.kind === 'object')
    return `object (${node.members.length} ${node.members.length === 1 ? 'member' : 'members'})`;
  if (node.kind === 'array')
    return `array (${node.items.length} ${node.items.length === 1 ? 'item' : 'items'})`;
  return node.value;
}

/**
 * A JSON node as a {@link Field} named `name`, with its members or items as children, every one tied to its bytes
 * in WebSocket message number `message`.
 */
export function jsonField(name: string, node: JsonNode, message: number, depth = 0): Field {
  const field: Field = {
    name,
    value: jsonSummary(node),
    span: { message, start: node.start, end: node.end },
  };
  if (depth > 64) return field;
  if (node.kind === 'object')
    field.children = node.members.map((m) => jsonField(m.key, m.value, message, depth + 1));
  else if (node.kind === 'array')
    field.children = node.items.map((item, i) => jsonField(`[${i}]`, item, message, depth + 1));
  return field;
}

/** The member named `key` of an object node, or undefined. */
export function member(node: JsonNode | undefined, key: string): JsonNode | undefined {
  if (node?.kind !== 'object') return undefined;
  return node.members.find((m) => m.key === key)?.value;
}
