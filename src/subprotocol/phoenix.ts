/**
 * Phoenix Channels, serializer v2 (`?vsn=2.0.0`; phoenix.js `serializer.js`): text messages are JSON arrays
 * `[join_ref, ref, topic, event, payload]`; binary messages carry a kind byte (0 push, 1 reply, 2 broadcast), one
 * length byte per string that follows, the strings, and the payload bytes. A push from the client carries a ref; a
 * push from the server does not. Replies (`phx_reply`) are paired with the push of the same ref.
 */
import { readJson } from './json-values';
import { Pairing } from './pairing';
import { lenientText, utf8Text } from './text';
import type { Direction, Field, ProtocolDecoder, Unit, WsMessage } from './types';
import { share, unit } from './unit-kit';
import { asString, briefValue, bytesValue, mapGet, toField, type Value } from './values';

const SPEC = 'phoenix.js serializer v2';
const NAMES = ['join_ref', 'ref', 'topic', 'event', 'payload'] as const;

interface PhoenixMessage {
  joinRef: string | null;
  ref: string | null;
  topic: string | null;
  event: string | null;
  /** For replies: the status (`ok`, `error`). */
  status: string | null;
  payloadText: string;
}

/** The binary layouts: which one-byte sizes follow the kind, in order (phoenix.js binaryEncode/binaryDecode). */
function binaryLayout(kind: number, direction: Direction): readonly string[] | null {
  if (kind === 0)
    return direction === 'c2s' ? ['join_ref', 'ref', 'topic', 'event'] : ['join_ref', 'topic', 'event'];
  if (kind === 1) return ['join_ref', 'ref', 'topic', 'status'];
  if (kind === 2) return ['topic', 'event'];
  return null;
}
const KIND_NAMES: Record<number, string> = { 0: 'push', 1: 'reply', 2: 'broadcast' };

function readBinary(
  m: WsMessage,
  index: number,
): { message: PhoenixMessage; fields: Field[]; problems: string[] } {
  const data = m.data;
  const span = (start: number, end: number) => ({ message: index, start, end });
  const kind = data[0] ?? -1;
  const layout = binaryLayout(kind, m.direction);
  const fields: Field[] = [
    { name: 'kind', value: `${kind} (${KIND_NAMES[kind] ?? 'unknown'})`, span: span(0, 1) },
  ];
  const message: PhoenixMessage = {
    joinRef: null,
    ref: null,
    topic: null,
    event: null,
    status: null,
    payloadText: '',
  };
  if (!layout)
    return {
      message,
      fields,
      problems: [`byte 0: kind ${kind} is not push (0), reply (1) or broadcast (2) (${SPEC})`],
    };
  const sizes = layout.map((_, i) => data[1 + i]);
  if (sizes.some((s) => s === undefined))
    return {
      message,
      fields,
      problems: [`byte ${data.length}: the sizes of ${layout.join(', ')} are cut off (${SPEC})`],
    };
  layout.forEach((name, i) =>
    fields.push({ name: `${name} size`, value: sizes[i] ?? 0, span: span(1 + i, 2 + i) }),
  );
  let pos = 1 + layout.length;
  const values: Record<string, string> = {};
  for (const [i, name] of layout.entries()) {
    const size = sizes[i] ?? 0;
    if (pos + size > data.length)
      return {
        message,
        fields,
        problems: [`byte ${pos}: ${name} needs ${size} bytes, ${data.length - pos} left (${SPEC})`],
      };
    const text = lenientText(data.subarray(pos, pos + size));
    values[name] = text;
    fields.push({ name, value: text, span: span(pos, pos + size) });
    pos += size;
  }
  const payload = data.subarray(pos);
  fields.push({ name: 'payload', value: bytesValue(payload), span: span(pos, data.length) });
  message.joinRef = values.join_ref || null;
  message.ref = values.ref || null;
  message.topic = values.topic ?? null;
  message.event = kind === 1 ? 'phx_reply' : (values.event ?? null);
  message.status = values.status ?? null;
  message.payloadText = `${payload.length} bytes`;
  return { message, fields, problems: [] };
}

function stringOrNull(v: Value | undefined, name: string, problems: string[]): string | null {
  if (v === undefined || v.kind === 'null') return null;
  if (v.kind === 'string') return String(v.value);
  problems.push(`byte ${v.start}: ${name} is a string or null (${SPEC})`);
  return null;
}

function readText(
  m: WsMessage,
  index: number,
): { message: PhoenixMessage; fields: Field[]; problems: string[] } {
  const r = readJson(m.data);
  const problems = r.problem ? [r.problem] : [];
  const message: PhoenixMessage = {
    joinRef: null,
    ref: null,
    topic: null,
    event: null,
    status: null,
    payloadText: '',
  };
  if (!r.value) return { message, fields: [], problems };
  const field = toField('message', r.value, index);
  const items = r.value.items ?? [];
  if (r.value.kind !== 'array' || items.length !== 5) {
    problems.push(
      `byte ${r.value.start}: a v2 message is the array [join_ref, ref, topic, event, payload] (${SPEC})`,
    );
    return { message, fields: [field], problems };
  }
  if (field.children) field.children = field.children.map((c, i) => ({ ...c, name: NAMES[i] ?? c.name }));
  message.joinRef = stringOrNull(items[0], 'join_ref', problems);
  message.ref = stringOrNull(items[1], 'ref', problems);
  message.topic = asString(items[2]);
  message.event = asString(items[3]);
  if (message.topic === null) problems.push(`byte ${items[2]?.start ?? 0}: topic is a string (${SPEC})`);
  if (message.event === null) problems.push(`byte ${items[3]?.start ?? 0}: event is a string (${SPEC})`);
  const payload = items[4];
  if (message.event === 'phx_reply') {
    message.status = asString(mapGet(payload, 'status'));
    message.payloadText = briefValue(mapGet(payload, 'response'), 40);
  } else message.payloadText = briefValue(payload, 40);
  return { message, fields: [field], problems };
}

function summary(p: PhoenixMessage): string {
  const parts = [p.event ?? '?'];
  if (p.status) parts.push(p.status);
  if (p.topic !== null) parts.push(JSON.stringify(p.topic));
  if (p.ref) parts.push(`ref ${p.ref}`);
  if (p.payloadText && p.payloadText !== '{}') parts.push(p.payloadText);
  return parts.join(' ');
}

export const phoenixDecoder: ProtocolDecoder = {
  id: 'phoenix',
  name: 'Phoenix Channels (v2 serializer)',
  subprotocols: [],
  matchesUrl: (url) => /[?&]vsn=2\.\d+\.\d+/.test(url),
  sniff: (messages) =>
    0.85 *
    share(messages, (m) => {
      if (m.opcode === 2) return false;
      const text = utf8Text(m.data.subarray(0, 200)) ?? '';
      return /^\[(null|"[^"]*"),(null|"[^"]*"),"[^"]*","(phx_\w+|heartbeat|[^"]+)",/.test(text);
    }),
  decode(messages) {
    const units: Unit[] = [];
    const pairing = new Pairing(messages, units);
    messages.forEach((m, index) => {
      const r = m.opcode === 2 ? readBinary(m, index) : readText(m, index);
      const p = r.message;
      const at = units.length;
      units.push(unit(m.direction, p.event ?? 'invalid', summary(p), [index], r.fields, r.problems));
      if (p.ref === null) return;
      const peer = m.direction === 'c2s' ? 's2c' : 'c2s';
      if (p.event === 'phx_reply') pairing.answer(`${peer} ${p.topic ?? ''} ${p.ref}`, at);
      else pairing.open(`${m.direction} ${p.topic ?? ''} ${p.ref}`, at);
    });
    return units;
  },
};
