/**
 * Engine.IO v4 packets over WebSocket: each text message is one packet, `<type digit><data>`; each binary message
 * is a `message` packet whose data is the raw bytes.
 * @see https://github.com/socketio/engine.io-protocol (v4, "Packet encoding" and "WebSocket")
 */
import { jsonField, parseJson } from './json';
import { lenientText, quote, shortHex, span } from './text';
import type { Field, Unit, WsMessage } from './types';

/** Engine.IO packet types by their digit, as the protocol spells them. */
export const ENGINEIO_TYPES = ['open', 'close', 'ping', 'pong', 'message', 'upgrade', 'noop'] as const;
export type EngineIoType = (typeof ENGINEIO_TYPES)[number];

/** One Engine.IO packet read from a WebSocket message. */
export interface EngineIoPacket {
  /** null when the first byte is not a packet type. */
  type: EngineIoType | null;
  binary: boolean;
  /** Where the packet's data starts in the message's payload (after the type digit of a text packet). */
  dataStart: number;
  field: Field;
  problems: string[];
}

/** Read the Engine.IO packet carried by message number `index`. */
export function readEngineIoPacket(message: WsMessage, index: number): EngineIoPacket {
  const bytes = message.data;
  if (message.opcode === 2) {
    return {
      type: 'message',
      binary: true,
      dataStart: 0,
      field: { name: 'Engine.IO packet type', value: 'message (binary message, no type byte)' },
      problems: [],
    };
  }
  const first = bytes[0];
  const digit = first !== undefined && first >= 0x30 && first <= 0x36 ? first - 0x30 : -1;
  const type = ENGINEIO_TYPES[digit] ?? null;
  const field: Field = {
    name: 'Engine.IO packet type',
    value: type ? `${type} (${digit})` : first === undefined ? 'missing' : `0x${first.toString(16)}`,
  };
  if (first !== undefined) field.span = span(index, 0, 1);
  const problems = type
    ? []
    : [
        first === undefined
          ? 'Engine.IO: an empty text message has no packet type (engine.io-protocol v4, "Packet encoding")'
          : `Engine.IO: byte 0 (${quote(lenientText(bytes.subarray(0, 1)))}) is not a packet type 0–6 (engine.io-protocol v4, "Packet encoding")`,
      ];
  return { type, binary: false, dataStart: 1, field, problems };
}

/** A unit for an Engine.IO packet that is not a `message` (open, close, ping, pong, upgrade, noop). */
export function engineIoUnit(message: WsMessage, index: number, packet: EngineIoPacket): Unit {
  const bytes = message.data;
  const fields: Field[] = [packet.field];
  const problems = [...packet.problems];
  let summary = packet.type ?? 'unknown Engine.IO packet';
  const rest = bytes.subarray(packet.dataStart);
  if (packet.type === 'open') {
    const json = parseJson(bytes, 1);
    if (json.ok) {
      fields.push(jsonField('handshake', json.node, index));
      const sid = json.node.kind === 'object' ? json.node.members.find((m) => m.key === 'sid') : undefined;
      if (sid?.value.kind === 'string') summary = `open, sid ${sid.value.value}`;
    } else
      problems.push(
        `Engine.IO: the open packet's data is not JSON at byte ${json.offset}: ${json.error} (engine.io-protocol v4, "Handshake")`,
      );
  } else if (rest.length > 0) {
    fields.push({ name: 'data', value: lenientText(rest), span: span(index, 1, bytes.length) });
    summary += ` ${quote(lenientText(rest))}`;
  } else if (packet.type === null && bytes.length > 0) {
    fields.push({ name: 'bytes', value: shortHex(bytes), span: span(index, 0, bytes.length) });
  }
  return {
    direction: message.direction,
    type: packet.type ?? 'unknown',
    summary,
    messages: [index],
    fields,
    problems,
  };
}
