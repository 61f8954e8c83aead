/**
 * Reading MQTT's data types (§1.5) out of one direction's byte stream, which WebSocket messages cut anywhere
 * (MQTT-6.0.0-2): every field gets its span in the message that holds most of its bytes.
 */
import { PROPERTIES } from './mqtt-tables';
import { shortHex, utf8Text } from './text';
import type { Field, Span, WsMessage } from './types';

/** One direction's messages as one stream, with a map from stream offsets back to messages. */
export class MqttStream {
  readonly bytes: Uint8Array;
  /** Stream offset where each chunk starts, and the message it is. */
  private readonly starts: number[] = [];
  private readonly indexes: number[] = [];

  constructor(messages: readonly WsMessage[], indexes: readonly number[]) {
    let length = 0;
    for (const i of indexes) length += (messages[i] as WsMessage).data.length;
    this.bytes = new Uint8Array(length);
    let at = 0;
    for (const i of indexes) {
      const data = (messages[i] as WsMessage).data;
      if (data.length === 0) continue;
      this.starts.push(at);
      this.indexes.push(i);
      this.bytes.set(data, at);
      at += data.length;
    }
  }

  /** Which chunk holds stream offset `offset`. */
  private chunk(offset: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.starts[mid] as number) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /**
   * The span of stream bytes `[from, to)` in one message: the message holding most of them (a property whose
   * identifier ends one message and whose value fills the next is lit in the second).
   */
  span(from: number, to: number): Span {
    let best = this.chunk(from);
    let bestOverlap = -1;
    for (let c = best; c < this.starts.length && (this.starts[c] as number) < Math.max(to, from + 1); c++) {
      const start = this.starts[c] as number;
      const end = c + 1 < this.starts.length ? (this.starts[c + 1] as number) : this.bytes.length;
      const overlap = Math.min(to, end) - Math.max(from, start);
      if (overlap > bestOverlap) {
        best = c;
        bestOverlap = overlap;
      }
    }
    const start = this.starts[best] as number;
    const end = best + 1 < this.starts.length ? (this.starts[best + 1] as number) : this.bytes.length;
    return {
      message: this.indexes[best] as number,
      start: Math.max(from, start) - start,
      end: Math.min(Math.max(to, from), end) - start,
    };
  }

  /** Indexes of the messages that stream bytes `[from, to)` came from. */
  messages(from: number, to: number): number[] {
    const out: number[] = [];
    for (
      let c = this.chunk(from);
      c < this.starts.length && (this.starts[c] as number) < Math.max(to, from + 1);
      c++
    )
      out.push(this.indexes[c] as number);
    return out;
  }
}

/** Raised inside a packet when a field runs past the packet's end; becomes a problem. */
export class Short {
  constructor(readonly what: string) {}
}

/** Reads the fields of one packet, `[pos, end)` of a stream, appending them to `fields`. */
export class PacketReader {
  fields: Field[];
  readonly problems: string[] = [];

  constructor(
    readonly stream: MqttStream,
    public pos: number,
    readonly end: number,
    fields: Field[],
    /** `MQTT 3.1.1` or `MQTT 5`, for citations. */
    readonly spec: string,
  ) {
    this.fields = fields;
  }

  get left(): number {
    return this.end - this.pos;
  }

  private take(n: number, what: string): number {
    if (this.pos + n > this.end) throw new Short(what);
    const at = this.pos;
    this.pos += n;
    return at;
  }

  add(name: string, value: Field['value'], from: number, children?: Field[]): Field {
    const field: Field = { name, value, span: this.stream.span(from, this.pos) };
    if (children) field.children = children;
    this.fields.push(field);
    return field;
  }

  byte(name: string, describe?: (v: number) => Field['value']): number {
    const at = this.take(1, name);
    const v = this.stream.bytes[at] as number;
    this.add(name, describe ? describe(v) : v, at);
    return v;
  }

  u16(name: string): number {
    const at = this.take(2, name);
    const b = this.stream.bytes;
    const v = ((b[at] as number) << 8) | (b[at + 1] as number);
    this.add(name, v, at);
    return v;
  }

  u32(name: string): number {
    const at = this.take(4, name);
    const b = this.stream.bytes;
    const v =
      (b[at] as number) * 0x1000000 +
      (((b[at + 1] as number) << 16) | ((b[at + 2] as number) << 8) | (b[at + 3] as number));
    this.add(name, v, at);
    return v;
  }

  /** A Variable Byte Integer (5.0 §1.5.5, 3.1.1 §2.2.3): 7 bits a byte, least significant first, at most 4 bytes. */
  vbi(name: string): number {
    const at = this.pos;
    let value = 0;
    for (let i = 0; i < 4; i++) {
      const b = this.stream.bytes[this.take(1, name)] as number;
      value += (b & 0x7f) * 128 ** i;
      if ((b & 0x80) === 0) {
        this.add(name, value, at);
        return value;
      }
    }
    this.add(name, value, at);
    this.problems.push(
      `${name} at byte ${at}: a Variable Byte Integer has at most 4 bytes (${this.spec} §1.5.5)`,
    );
    return value;
  }

  private lengthPrefixed(name: string): { from: number; bytes: Uint8Array } {
    const from = this.take(2, `the length of ${name}`);
    const b = this.stream.bytes;
    const n = ((b[from] as number) << 8) | (b[from + 1] as number);
    this.take(n, name);
    return { from, bytes: b.subarray(from + 2, from + 2 + n) };
  }

  /** A UTF-8 Encoded String: two-byte length, then UTF-8 (3.1.1 §1.5.3, 5.0 §1.5.4). */
  utf8(name: string): string {
    const { from, bytes } = this.lengthPrefixed(name);
    const text = utf8Text(bytes);
    if (text === null)
      this.problems.push(
        `${name} is not well-formed UTF-8 (${this.spec === 'MQTT 5' ? 'MQTT-1.5.4-1' : 'MQTT-1.5.3-1'})`,
      );
    else if (text.includes('\u0000'))
      this.problems.push(
        `${name} contains U+0000 (${this.spec === 'MQTT 5' ? 'MQTT-1.5.4-2' : 'MQTT-1.5.3-2'})`,
      );
    const value = text ?? shortHex(bytes);
    this.add(name, value, from);
    return value;
  }

  /** Binary Data: two-byte length, then bytes (5.0 §1.5.6). */
  binary(name: string): Uint8Array {
    const { from, bytes } = this.lengthPrefixed(name);
    this.add(name, `${bytes.length} ${bytes.length === 1 ? 'byte' : 'bytes'}: ${shortHex(bytes)}`, from);
    return bytes;
  }

  /** The fields read by `read` become the children of one field named `name`. */
  group(name: string, value: (children: Field[]) => Field['value'], read: () => void): Field {
    const from = this.pos;
    const outer = this.fields;
    const children: Field[] = [];
    this.fields = children;
    try {
      read();
    } finally {
      this.fields = outer;
    }
    return this.add(name, value(children), from, children);
  }

  /** MQTT 5 Properties (§2.2.2): a Variable Byte Integer length, then identifier + value pairs. */
  properties(name = 'Properties'): Map<string, Field['value']> {
    const found = new Map<string, Field['value']>();
    this.group(
      name,
      (c) => `${c.length - 1} ${c.length === 2 ? 'property' : 'properties'}`,
      () => {
        const length = this.vbi('Property Length');
        const end = this.pos + length;
        if (end > this.end) throw new Short(name);
        while (this.pos < end) {
          const id = this.stream.bytes[this.pos] as number;
          const known = PROPERTIES[id];
          if (!known) {
            this.problems.push(
              `${name}: 0x${id.toString(16).padStart(2, '0')} is not a property identifier (MQTT 5 §2.2.2.2)`,
            );
            this.pos = end;
            return;
          }
          const [label, type] = known;
          const from = this.pos++;
          const before = this.fields.length;
          let value: Field['value'];
          if (type === 'byte') value = this.byte(label);
          else if (type === 'u16') value = this.u16(label);
          else if (type === 'u32') value = this.u32(label);
          else if (type === 'vbi') value = this.vbi(label);
          else if (type === 'utf8') value = this.utf8(label);
          else if (type === 'binary') value = shortHex(this.binary(label));
          else {
            const key = this.utf8('Name');
            const v = this.utf8('Value');
            value = `${key}=${v}`;
          }
          const parts = this.fields.splice(before);
          const field: Field = {
            name: label,
            value: type === 'pair' ? value : (parts[0]?.value ?? value),
            span: this.stream.span(from, this.pos),
          };
          if (type === 'pair') field.children = parts;
          this.fields.push(field);
          if (label !== 'User Property' && label !== 'Subscription Identifier' && found.has(label))
            this.problems.push(`${label} is included more than once, a Protocol Error (MQTT 5 §2.2.2.2)`);
          found.set(label, value);
        }
        if (this.pos > end)
          this.problems.push(`${name}: the last property runs past the Property Length (MQTT 5 §2.2.2.1)`);
      },
    );
    return found;
  }
}
