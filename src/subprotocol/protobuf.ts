/**
 * Protocol Buffers without a schema: tags, wire types and values as the wire format shows them
 * (protobuf.dev/programming-guides/encoding). Bytes are read with `@bufbuild/protobuf`'s `BinaryReader`, whose `pos`
 * gives every field's byte range. A length-delimited field could be a string, bytes or a nested message: which one is
 * a guess from the bytes, and is marked `guess: true`.
 */
import { BinaryReader, WireType } from '@bufbuild/protobuf/wire';
import type { Field, ProtocolDecoder } from './types';
import { share, unit } from './unit-kit';
import { bytesValue } from './values';

const WIRE_NAMES: Record<number, string> = {
  [WireType.Varint]: 'VARINT',
  [WireType.Bit64]: 'I64',
  [WireType.LengthDelimited]: 'LEN',
  [WireType.StartGroup]: 'SGROUP',
  [WireType.EndGroup]: 'EGROUP',
  [WireType.Bit32]: 'I32',
};

const MAX_NESTING = 32;
const MAX_FIELD_NUMBER = 2 ** 29 - 1;
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

export interface ProtobufRead {
  fields: Field[];
  /** The first rule broken, with its byte offset; fields read before it are kept. */
  problem: string | null;
}

/**
 * Read `bytes[start, end)` as a Protocol Buffers message, spans in WebSocket message `message`.
 * @example readProtobuf(Uint8Array.of(0x08, 0x96, 0x01), 0).fields[0]?.value === '150'
 */
export function readProtobuf(
  bytes: Uint8Array,
  message: number,
  start = 0,
  end = bytes.length,
): ProtobufRead {
  return readFields(bytes, message, start, end, 0, null);
}

function readFields(
  bytes: Uint8Array,
  message: number,
  start: number,
  end: number,
  depth: number,
  group: number | null,
): ProtobufRead & { end: number } {
  const reader = new BinaryReader(bytes.subarray(start, end));
  const fields: Field[] = [];
  const at = (): number => start + reader.pos;
  while (reader.pos < reader.len) {
    const from = at();
    let fieldNo: number;
    let wireType: WireType;
    try {
      // The tag by hand: BinaryReader.tag() throws on field number 0, which is reported here instead.
      const tag = reader.uint32();
      fieldNo = tag >>> 3;
      wireType = (tag & 0b111) as WireType;
    } catch {
      return { fields, end: from, problem: `byte ${from}: a tag's varint runs past the end` };
    }
    // 0 is not a field number, and 6 and 7 are not wire types.
    if (fieldNo < 1 || fieldNo > MAX_FIELD_NUMBER) {
      return {
        fields,
        end: from,
        problem: `byte ${from}: field number ${fieldNo} is outside 1–${MAX_FIELD_NUMBER}`,
      };
    }
    const wire = WIRE_NAMES[wireType];
    if (wire === undefined)
      return { fields, end: from, problem: `byte ${from}: wire type ${wireType} does not exist` };
    if (wireType === WireType.EndGroup) {
      if (group === fieldNo) return { fields, end: at(), problem: null };
      return { fields, end: from, problem: `byte ${from}: EGROUP ${fieldNo} without its SGROUP` };
    }
    const name = `#${fieldNo} ${wire}`;
    try {
      if (wireType === WireType.Varint) {
        const value = reader.uint64();
        fields.push({ name, value: String(value), span: { message, start: from, end: at() } });
      } else if (wireType === WireType.Bit64) {
        const value = reader.fixed64();
        const double = new DataView(bytes.buffer, bytes.byteOffset + at() - 8, 8).getFloat64(0, true);
        fields.push({
          name,
          value: `${value} (as double: ${double})`,
          span: { message, start: from, end: at() },
        });
      } else if (wireType === WireType.Bit32) {
        const value = reader.fixed32();
        const float = new DataView(bytes.buffer, bytes.byteOffset + at() - 4, 4).getFloat32(0, true);
        fields.push({
          name,
          value: `${value} (as float: ${float})`,
          span: { message, start: from, end: at() },
        });
      } else if (wireType === WireType.LengthDelimited) {
        const data = reader.bytes();
        fields.push(lengthDelimited(name, bytes, message, from, at(), at() - data.length, depth));
      } else {
        if (depth >= MAX_NESTING)
          return { fields, end: from, problem: `byte ${from}: groups nested deeper than ${MAX_NESTING}` };
        const inner = readFields(bytes, message, at(), end, depth + 1, fieldNo);
        fields.push({
          name,
          value: `group (${inner.fields.length})`,
          span: { message, start: from, end: inner.end },
          children: inner.fields,
        });
        if (inner.problem) return { fields, end: inner.end, problem: inner.problem };
        reader.pos = inner.end - start;
      }
    } catch {
      return {
        fields,
        end: from,
        problem: `byte ${from}: field ${fieldNo} (${wire}) runs past the end of the data`,
      };
    }
  }
  if (group !== null) return { fields, end: at(), problem: `byte ${at()}: SGROUP ${group} is never ended` };
  return { fields, end: at(), problem: null };
}

/** A LEN field: a nested message if its bytes read as one, else text if they are printable UTF-8, else bytes. */
function lengthDelimited(
  name: string,
  bytes: Uint8Array,
  message: number,
  from: number,
  to: number,
  dataStart: number,
  depth: number,
): Field {
  const span = { message, start: from, end: to };
  const data = bytes.subarray(dataStart, to);
  if (data.length > 0 && depth < MAX_NESTING) {
    const inner = readFields(bytes, message, dataStart, to, depth + 1, null);
    if (inner.problem === null && inner.fields.length > 0 && !looksLikeText(data)) {
      return {
        name,
        value: `message? (${inner.fields.length} fields)`,
        span,
        children: inner.fields,
        guess: true,
      };
    }
  }
  if (looksLikeText(data)) return { name, value: strictUtf8.decode(data), span, guess: true };
  return { name, value: bytesValue(data), span };
}

function looksLikeText(data: Uint8Array): boolean {
  if (data.length === 0) return false;
  // Printable: no C0 controls other than tab, newline, carriage return, and no DEL.
  for (const b of data) {
    if ((b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d) || b === 0x7f) return false;
  }
  try {
    strictUtf8.decode(data);
    return true;
  } catch {
    return false;
  }
}

/** Protobuf without a schema on its own: each binary message one message. */
export const protobufDecoder: ProtocolDecoder = {
  id: 'protobuf',
  name: 'Protocol Buffers (no schema)',
  subprotocols: [],
  sniff: (messages) =>
    0.2 *
    share(messages, (m) => m.opcode === 2 && m.data.length > 0 && readProtobuf(m.data, 0).problem === null),
  decode: (messages) =>
    messages.map((m, index) => {
      const r = readProtobuf(m.data, index);
      const numbers = r.fields.map((f) => f.name.split(' ')[0]).join(' ');
      const summary = `${r.fields.length} ${r.fields.length === 1 ? 'field' : 'fields'}: ${numbers}`;
      return unit(
        m.direction,
        'message',
        summary.slice(0, 80),
        [index],
        r.fields,
        r.problem ? [r.problem] : [],
      );
    }),
};
