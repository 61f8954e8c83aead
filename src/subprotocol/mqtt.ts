/**
 * MQTT 3.1.1 and MQTT 5 over WebSocket (subprotocol `mqtt`), written from the OASIS standards: each direction's
 * binary messages form one byte stream, cut anywhere (MQTT-6.0.0-2), read packet by packet; QoS 1 and 2 flows,
 * subscriptions, pings and the connect are paired by packet identifier.
 * @see MQTT Version 3.1.1 (OASIS Standard) §2, §3, §6; MQTT Version 5.0 (OASIS Standard) §1.5, §2, §3, §6
 */
import { decodeBody, leftover, type PacketInfo } from './mqtt-packets';
import { MqttStream, PacketReader, Short } from './mqtt-reader';
import { PACKET_TYPES } from './mqtt-tables';
import { Pairing } from './pairing';
import type { Direction, Field, ProtocolDecoder, Unit, WsMessage } from './types';

/** Fixed-header flags (bits 3–0) that every packet but PUBLISH must carry (3.1.1 §2.2.2, 5.0 §2.1.3). */
const FLAGS: Readonly<Record<string, number>> = { PUBREL: 0b0010, SUBSCRIBE: 0b0010, UNSUBSCRIBE: 0b0010 };

interface Decoded {
  unit: Unit;
  /** Stream offset of the packet's first byte, to order packets completed by the same message. */
  start: number;
  info: PacketInfo;
}

/** Read every packet of one direction. */
function readDirection(
  messages: readonly WsMessage[],
  direction: Direction,
  level: number,
): { packets: Decoded[]; level: number } {
  const indexes: number[] = [];
  const textProblems = new Map<number, string>();
  messages.forEach((m, i) => {
    if (m.direction !== direction) return;
    indexes.push(i);
    if (m.opcode === 1)
      textProblems.set(
        i,
        `message ${i} is a text message: MQTT Control Packets must be sent in binary data frames (MQTT-6.0.0-1)`,
      );
  });
  const stream = new MqttStream(messages, indexes);
  const packets: Decoded[] = [];
  let pos = 0;
  while (pos < stream.bytes.length) {
    const v5 = level === 5;
    const spec = v5 ? 'MQTT 5' : 'MQTT 3.1.1';
    const start = pos;
    const first = stream.bytes[pos] as number;
    const type = PACKET_TYPES[first >> 4] as string;
    const fields: Field[] = [];
    const r = new PacketReader(stream, pos, stream.bytes.length, fields, spec);
    const problems = r.problems;
    let info: PacketInfo = { summary: type };
    let complete = true;
    try {
      r.group(
        'Fixed header',
        () => type,
        () => {
          r.byte('MQTT Control Packet type', () => `${type} (${first >> 4})`);
          r.pos = start;
          const flags = first & 0x0f;
          r.byte('Flags', () => `0b${flags.toString(2).padStart(4, '0')}`);
          r.vbi('Remaining Length');
        },
      );
    } catch (e) {
      if (!(e instanceof Short)) throw e;
      complete = false;
    }
    const length = (fields[0]?.children?.[2]?.value as number | undefined) ?? 0;
    const end = r.pos + length;
    const flags = first & 0x0f;
    let qos = 0;
    if (type === 'Reserved' || (type === 'AUTH' && !v5))
      problems.push(
        `packet type ${first >> 4} is reserved in ${spec} (${v5 ? 'MQTT 5 §2.1.2' : 'MQTT 3.1.1 §2.2.1'})`,
      );
    if (type === 'PUBLISH') {
      qos = (flags >> 1) & 0b11;
      if (qos === 3) problems.push('the PUBLISH QoS bits are 11: no packet may have QoS 3 (MQTT-3.3.1-4)');
    } else if (flags !== (FLAGS[type] ?? 0))
      problems.push(
        `the fixed header flags of ${type} must be 0b${(FLAGS[type] ?? 0).toString(2).padStart(4, '0')} (${v5 ? 'MQTT 5 §2.1.3' : 'MQTT 3.1.1 §2.2.2'})`,
      );
    if (complete && end > stream.bytes.length) {
      complete = false;
      problems.push(
        `the packet is cut off: Remaining Length says ${length} bytes, only ${stream.bytes.length - r.pos} arrived before the end`,
      );
    }
    if (complete) {
      const body = new PacketReader(stream, r.pos, end, fields, spec);
      try {
        const publishFlags =
          type === 'PUBLISH' ? `${flags & 8 ? ', DUP' : ''}${flags & 1 ? ', RETAIN' : ''}` : '';
        info = decodeBody(body, type, v5, qos, publishFlags);
        leftover(body);
      } catch (e) {
        if (!(e instanceof Short)) throw e;
        problems.push(
          `the packet ends inside ${e.what}: a Malformed Packet (Remaining Length ${length}) (${v5 ? 'MQTT 5 §4.13' : 'MQTT 3.1.1 §4.8'})`,
        );
      }
      problems.push(...body.problems);
      if (type === 'CONNECT' && info.level !== undefined) level = info.level;
    } else if (!problems.some((p) => p.startsWith('the packet is cut off'))) {
      problems.push('the packet is cut off inside its fixed header before the capture ends');
    }
    pos = complete ? end : stream.bytes.length;
    const spanned = stream.messages(start, pos);
    for (const m of spanned) {
      const t = textProblems.get(m);
      if (t) problems.push(t);
    }
    if (spanned.length > 1)
      fields.push({
        name: 'WebSocket messages',
        value: `${spanned.length} (MQTT-6.0.0-2: packets need not align with WebSocket frames)`,
      });
    packets.push({
      unit: { direction, type, summary: info.summary, messages: spanned, fields, problems },
      start,
      info,
    });
  }
  return { packets, level };
}

const other = (d: Direction): Direction => (d === 'c2s' ? 's2c' : 'c2s');

/** Link replies to requests in wire order: CONNECT→CONNACK, QoS 1 and 2 flows, (UN)SUBSCRIBE, PINGREQ. */
function pair(messages: readonly WsMessage[], units: Unit[], infos: PacketInfo[]): void {
  const pairs = new Pairing(messages, units);
  units.forEach((unit, i) => {
    const id = infos[i]?.packetId;
    const d = unit.direction;
    const o = other(d);
    switch (unit.type) {
      case 'CONNECT':
        return pairs.open('connect', i);
      case 'CONNACK':
        return void pairs.answer('connect', i);
      case 'PINGREQ':
        return pairs.open('ping', i);
      case 'PINGRESP':
        return void pairs.answer('ping', i);
      case 'PUBLISH':
        if (infos[i]?.qos === 1) pairs.open(`puback:${d}:${id}`, i);
        if (infos[i]?.qos === 2) pairs.open(`pubrec:${d}:${id}`, i);
        return;
      case 'PUBACK':
        return void pairs.answer(`puback:${o}:${id}`, i);
      case 'PUBREC':
        pairs.answer(`pubrec:${o}:${id}`, i);
        return pairs.open(`pubrel:${o}:${id}`, i);
      case 'PUBREL':
        pairs.answer(`pubrel:${d}:${id}`, i);
        return pairs.open(`pubcomp:${d}:${id}`, i);
      case 'PUBCOMP':
        return void pairs.answer(`pubcomp:${o}:${id}`, i);
      case 'SUBSCRIBE':
        return pairs.open(`sub:${id}`, i);
      case 'SUBACK':
        return void pairs.answer(`sub:${id}`, i);
      case 'UNSUBSCRIBE':
        return pairs.open(`unsub:${id}`, i);
      case 'UNSUBACK':
        return void pairs.answer(`unsub:${id}`, i);
    }
  });
}

function decode(messages: readonly WsMessage[]): Unit[] {
  const client = readDirection(messages, 'c2s', 4);
  // The server speaks the level the client's CONNECT asked for.
  const server = readDirection(messages, 's2c', client.level);
  const all = [...client.packets, ...server.packets];
  // Wire order: a packet counts from the message that completes it.
  const last = (d: Decoded) => d.unit.messages[d.unit.messages.length - 1] ?? -1;
  all.sort((a, b) => last(a) - last(b) || a.start - b.start);
  const units = all.map((d) => d.unit);
  pair(
    messages,
    units,
    all.map((d) => d.info),
  );
  return units;
}

/** The first bytes the client sent, across however many messages they came in. */
function clientHead(messages: readonly WsMessage[], n: number): number[] {
  const out: number[] = [];
  for (const m of messages) {
    if (m.direction !== 'c2s') continue;
    for (const b of m.data) {
      out.push(b);
      if (out.length >= n) return out;
    }
  }
  return out;
}

function sniff(messages: readonly WsMessage[]): number {
  const head = clientHead(messages, 16);
  if (head[0] !== 0x10) return 0;
  let i = 1;
  while (i < 5 && ((head[i] ?? 0) & 0x80) !== 0) i++;
  const name = String.fromCharCode(...head.slice(i + 3, i + 3 + (head[i + 2] ?? 0)));
  return head[i + 1] === 0 && (name === 'MQTT' || name === 'MQIsdp') ? 0.95 : 0;
}

export const mqtt: ProtocolDecoder = {
  id: 'mqtt',
  name: 'MQTT 3.1.1 / 5',
  subprotocols: ['mqtt', 'mqttv3.1'],
  sniff,
  decode,
};
