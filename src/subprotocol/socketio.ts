/**
 * Socket.IO v4 over Engine.IO v4: `<type>[<attachments>-][<namespace>,][<ack id>][<JSON payload>]`, binary
 * attachments following as separate binary messages, acks paired with their events.
 * @see https://github.com/socketio/socket.io-protocol (v5 of the protocol, used by Socket.IO v3 and v4)
 */
import { engineIoUnit, readEngineIoPacket } from './engineio';
import { jsonField, parseJson, type JsonNode } from './json';
import { Pairing } from './pairing';
import { lenientText, quote, shortHex, span, utf8Text } from './text';
import type { Direction, Field, ProtocolDecoder, Unit, WsMessage } from './types';

export const SOCKETIO_TYPES = [
  'CONNECT',
  'DISCONNECT',
  'EVENT',
  'ACK',
  'CONNECT_ERROR',
  'BINARY_EVENT',
  'BINARY_ACK',
] as const;

const SPEC = 'socket.io-protocol v5, "Packet format"';

function isDigit(b: number | undefined): b is number {
  return b !== undefined && b >= 0x30 && b <= 0x39;
}

/** Digits starting at `pos`: their value and where they end (at most 15 digits, so the value stays exact). */
function digits(bytes: Uint8Array, pos: number): { value: number; end: number } | null {
  let end = pos;
  while (isDigit(bytes[end]) && end - pos < 15) end++;
  if (end === pos) return null;
  return { value: Number(lenientText(bytes.subarray(pos, end))), end };
}

interface Pending {
  unit: number;
  attachments: number;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Checks the payload's shape against the packet type. */
function payloadProblems(type: string, node: JsonNode | null): string[] {
  switch (type) {
    case 'EVENT':
    case 'BINARY_EVENT':
      if (node?.kind !== 'array' || node.items[0]?.kind !== 'string')
        return [
          `Socket.IO: an ${type} payload must be an array whose first item is the event name (${SPEC})`,
        ];
      return [];
    case 'ACK':
    case 'BINARY_ACK':
      return node?.kind === 'array' ? [] : [`Socket.IO: an ${type} payload must be an array (${SPEC})`];
    case 'CONNECT':
      return node === null || node.kind === 'object'
        ? []
        : [`Socket.IO: a CONNECT payload, when present, must be an object (${SPEC})`];
    case 'CONNECT_ERROR':
      return node !== null && (node.kind === 'object' || node.kind === 'string')
        ? []
        : [`Socket.IO: a CONNECT_ERROR payload must be an object with a message (${SPEC})`];
    case 'DISCONNECT':
      return node === null ? [] : [`Socket.IO: a DISCONNECT packet has no payload (${SPEC})`];
    default:
      return [];
  }
}

function summarize(
  type: string,
  nsp: string,
  ackId: number | null,
  attachments: number,
  payload: JsonNode | null,
): string {
  const where = nsp === '/' ? '' : ` in ${nsp}`;
  const ack = ackId === null ? '' : `, ack ${ackId}`;
  const att = attachments > 0 ? `, ${plural(attachments, 'attachment')}` : '';
  if ((type === 'EVENT' || type === 'BINARY_EVENT') && payload?.kind === 'array') {
    const name = payload.items[0];
    return `${type} ${name?.kind === 'string' ? quote(name.value) : '?'}${where}${ack}${att}`;
  }
  if (type === 'ACK' || type === 'BINARY_ACK') return `${type} ${ackId ?? '?'}${where}${att}`;
  if (type === 'CONNECT_ERROR') {
    const message =
      payload?.kind === 'object'
        ? payload.members.find((m) => m.key === 'message')?.value
        : (payload ?? undefined);
    return `CONNECT_ERROR ${nsp}${message?.kind === 'string' ? `: ${message.value}` : ''}`;
  }
  return `${type} ${nsp}`;
}

/** The Socket.IO packet inside an Engine.IO `message` packet (text), as a unit. */
function socketIoUnit(
  message: WsMessage,
  index: number,
  engineField: Field,
): { unit: Unit; attachments: number; nsp: string; ackId: number | null } {
  const bytes = message.data;
  const fields: Field[] = [engineField];
  const problems: string[] = [];
  let pos = 1;
  const typeByte = bytes[pos];
  const typeIndex = isDigit(typeByte) ? typeByte - 0x30 : -1;
  const type = SOCKETIO_TYPES[typeIndex];
  const unit: Unit = {
    direction: message.direction,
    type: type ?? 'unknown',
    summary: '',
    messages: [index],
    fields,
    problems,
  };
  if (type === undefined) {
    problems.push(
      typeByte === undefined
        ? `Socket.IO: the Engine.IO message has no Socket.IO packet type (${SPEC})`
        : `Socket.IO: byte 1 (${quote(lenientText(bytes.subarray(1, 2)))}) is not a packet type 0–6 (${SPEC})`,
    );
    if (bytes.length > 1)
      fields.push({ name: 'bytes', value: shortHex(bytes.subarray(1)), span: span(index, 1, bytes.length) });
    unit.summary = 'Socket.IO packet of unknown type';
    return { unit, attachments: 0, nsp: '/', ackId: null };
  }
  fields.push({ name: 'packet type', value: `${type} (${typeIndex})`, span: span(index, 1, 2) });
  pos = 2;
  let attachments = 0;
  if (type === 'BINARY_EVENT' || type === 'BINARY_ACK') {
    const count = digits(bytes, pos);
    if (count && bytes[count.end] === 0x2d) {
      attachments = count.value;
      fields.push({ name: 'attachments', value: attachments, span: span(index, pos, count.end + 1) });
      pos = count.end + 1;
    } else
      problems.push(
        `Socket.IO: a ${type} must give its number of attachments followed by "-" at byte ${pos} (${SPEC})`,
      );
  }
  let nsp = '/';
  if (bytes[pos] === 0x2f) {
    let end = pos;
    while (end < bytes.length && bytes[end] !== 0x2c) end++;
    nsp = utf8Text(bytes.subarray(pos, end)) ?? lenientText(bytes.subarray(pos, end));
    fields.push({ name: 'namespace', value: nsp, span: span(index, pos, Math.min(end + 1, bytes.length)) });
    pos = Math.min(end + 1, bytes.length);
  } else fields.push({ name: 'namespace', value: '/ (main namespace, not written)' });
  let ackId: number | null = null;
  const id = digits(bytes, pos);
  if (id) {
    ackId = id.value;
    fields.push({
      name: type.endsWith('ACK') ? 'ack id (answers)' : 'ack id',
      value: ackId,
      span: span(index, pos, id.end),
    });
    pos = id.end;
  } else if (type === 'ACK' || type === 'BINARY_ACK')
    problems.push(`Socket.IO: an ${type} must carry the id it acknowledges, at byte ${pos} (${SPEC})`);
  let payload: JsonNode | null = null;
  if (pos < bytes.length) {
    const json = parseJson(bytes, pos);
    if (json.ok) {
      payload = json.node;
      if (
        (type === 'EVENT' || type === 'BINARY_EVENT') &&
        payload.kind === 'array' &&
        payload.items[0]?.kind === 'string'
      ) {
        const name = payload.items[0];
        fields.push({ name: 'event name', value: name.value, span: span(index, name.start, name.end) });
      }
      fields.push(jsonField('payload', payload, index));
    } else {
      problems.push(`Socket.IO: the payload is not JSON at byte ${json.offset}: ${json.error} (${SPEC})`);
      fields.push({
        name: 'payload',
        value: lenientText(bytes.subarray(pos)),
        span: span(index, pos, bytes.length),
      });
    }
  }
  if (problems.length === 0) problems.push(...payloadProblems(type, payload));
  unit.summary = summarize(type, nsp, ackId, attachments, payload);
  return { unit, attachments, nsp, ackId };
}

const other = (d: Direction): Direction => (d === 'c2s' ? 's2c' : 'c2s');

function decode(messages: readonly WsMessage[]): Unit[] {
  const units: Unit[] = [];
  const pairs = new Pairing(messages, units);
  const pending = new Map<Direction, Pending>();
  // Namespace and ack id of each Socket.IO unit, for pairing once its attachments are in.
  const meta = new Map<number, { nsp: string; ackId: number | null }>();
  const finishAttachments = (direction: Direction, why: string) => {
    const open = pending.get(direction);
    if (!open) return;
    const unit = units[open.unit] as Unit;
    const got = unit.messages.length - 1;
    unit.problems.push(
      `Socket.IO: ${plural(open.attachments, 'attachment')} announced, ${got} received ${why} (${SPEC})`,
    );
    pending.delete(direction);
  };
  messages.forEach((message, index) => {
    const packet = readEngineIoPacket(message, index);
    const waiting = pending.get(message.direction);
    if (packet.binary && waiting) {
      const unit = units[waiting.unit] as Unit;
      const n = unit.messages.length - 1;
      unit.messages.push(index);
      const list = unit.fields.find((f) => f.name === 'attachment data');
      const field: Field = {
        name: `[${n}]`,
        value: `${plural(message.data.length, 'byte')}: ${shortHex(message.data)}`,
        span: span(index, 0, message.data.length),
      };
      if (list) list.children?.push(field);
      else
        unit.fields.push({
          name: 'attachment data',
          value: plural(waiting.attachments, 'binary message'),
          children: [field],
        });
      if (n + 1 === waiting.attachments) {
        pending.delete(message.direction);
        pairReply(unit, waiting.unit);
      }
      return;
    }
    if (waiting) finishAttachments(message.direction, 'before the next packet');
    if (packet.binary) {
      units.push({
        direction: message.direction,
        type: 'message',
        summary: `binary message, ${plural(message.data.length, 'byte')}`,
        messages: [index],
        fields: [
          packet.field,
          { name: 'data', value: shortHex(message.data), span: span(index, 0, message.data.length) },
        ],
        problems: [
          'Socket.IO: a binary message with no BINARY_EVENT or BINARY_ACK waiting for an attachment (socket.io-protocol v5, "Packet format")',
        ],
      });
      return;
    }
    if (packet.type !== 'message') {
      const unit = engineIoUnit(message, index, packet);
      units.push(unit);
      const data = lenientText(message.data.subarray(1));
      if (packet.type === 'ping') pairs.open(`ping:${message.direction}:${data}`, units.length - 1);
      if (packet.type === 'pong') pairs.answer(`ping:${other(message.direction)}:${data}`, units.length - 1);
      return;
    }
    const { unit, attachments, nsp, ackId } = socketIoUnit(message, index, packet.field);
    units.push(unit);
    const at = units.length - 1;
    meta.set(at, { nsp, ackId });
    if (attachments > 0) pending.set(message.direction, { unit: at, attachments });
    else pairReply(unit, at);
  });
  for (const direction of ['c2s', 's2c'] as const) finishAttachments(direction, 'before the capture ends');
  return units;

  function pairReply(unit: Unit, at: number): void {
    const info = meta.get(at);
    if (!info) return;
    const { nsp, ackId } = info;
    switch (unit.type) {
      case 'EVENT':
      case 'BINARY_EVENT':
        if (ackId !== null) pairs.open(`ack:${unit.direction}:${nsp}:${ackId}`, at);
        break;
      case 'ACK':
      case 'BINARY_ACK':
        if (ackId !== null) pairs.answer(`ack:${other(unit.direction)}:${nsp}:${ackId}`, at);
        break;
      case 'CONNECT':
        if (unit.direction === 'c2s') pairs.open(`connect:${nsp}`, at);
        else pairs.answer(`connect:${nsp}`, at);
        break;
      case 'CONNECT_ERROR':
        pairs.answer(`connect:${nsp}`, at);
        break;
    }
  }
}

const OPEN = /^0\{"sid":/;
const PACKET = /^(?:[0-6]|4[0-6][\s\S]*|[0-35-6][\s\S]*)$/;

function sniff(messages: readonly WsMessage[]): number {
  let text = 0;
  let good = 0;
  let socketIo = 0;
  for (const message of messages.slice(0, 50)) {
    if (message.opcode !== 1) continue;
    const t = utf8Text(message.data);
    if (t === null) continue;
    text++;
    if (OPEN.test(t)) return 0.95;
    if (PACKET.test(t)) good++;
    if (/^4[0-6](?:\d+-)?(?:\/[^,]*,)?\d*(?:[[{"]|$)/.test(t)) socketIo++;
  }
  if (text === 0 || socketIo === 0) return 0;
  return 0.8 * (good / text);
}

export const socketio: ProtocolDecoder = {
  id: 'socketio',
  name: 'Socket.IO v4 (Engine.IO v4)',
  subprotocols: [],
  matchesUrl: (url) => /\/socket\.io\/|[?&]EIO=4\b/.test(url),
  sniff,
  decode,
};
