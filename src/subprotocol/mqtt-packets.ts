/**
 * The variable header and payload of each MQTT control packet, field by field, as MQTT 3.1.1 (§3) and MQTT 5 (§3)
 * write them. Field names are the standards' own.
 */
import type { PacketReader } from './mqtt-reader';
import { CONNECT_RETURN_CODES, reasonCodeName, subackReturnCodeName } from './mqtt-tables';
import { quote, shortHex, utf8Text } from './text';

/** What a packet tells the decoder beyond its fields: ids for pairing, and a summary. */
export interface PacketInfo {
  summary: string;
  packetId?: number;
  qos?: number;
  /** The protocol level a CONNECT asks for (3, 4 or 5). */
  level?: number;
}

const QOS = (v: number) => `QoS ${v}`;

function reasonCode(r: PacketReader, type: string): number {
  return r.byte('Reason Code', (v) => {
    const name = reasonCodeName(v, type);
    if (name === null)
      r.problems.push(
        `Reason Code 0x${v.toString(16).padStart(2, '0')} is not defined for ${type} (MQTT 5 §2.4)`,
      );
    return `${name ?? 'unknown'} (0x${v.toString(16).padStart(2, '0')})`;
  });
}

function packetId(r: PacketReader): number {
  const id = r.u16('Packet Identifier');
  if (id === 0)
    r.problems.push(
      `the Packet Identifier is 0; it must be non-zero (${r.spec === 'MQTT 5' ? 'MQTT-2.2.1-3' : 'MQTT-2.3.1-1'})`,
    );
  return id;
}

function connect(r: PacketReader): PacketInfo {
  const name = r.utf8('Protocol Name');
  const level = r.byte(
    'Protocol Level',
    (v) => `${v} (${v === 5 ? 'MQTT 5' : v === 4 ? 'MQTT 3.1.1' : v === 3 ? 'MQTT 3.1' : 'unknown'})`,
  );
  if (!((name === 'MQTT' && (level === 4 || level === 5)) || (name === 'MQIsdp' && level === 3)))
    r.problems.push(
      `Protocol Name ${quote(name)} with Protocol Level ${level} is not MQTT 3.1, 3.1.1 or 5 (MQTT-3.1.2-1, MQTT-3.1.2-2)`,
    );
  const v5 = level === 5;
  let flags = 0;
  r.group(
    'Connect Flags',
    () => `0x${flags.toString(16).padStart(2, '0')}`,
    () => {
      const at = r.pos;
      flags = r.stream.bytes[at] ?? 0;
      r.byte('User Name Flag', () => Boolean(flags & 0x80));
      r.pos = at;
      r.byte('Password Flag', () => Boolean(flags & 0x40));
      r.pos = at;
      r.byte('Will Retain', () => Boolean(flags & 0x20));
      r.pos = at;
      r.byte('Will QoS', () => (flags >> 3) & 0b11);
      r.pos = at;
      r.byte('Will Flag', () => Boolean(flags & 0x04));
      r.pos = at;
      r.byte(v5 ? 'Clean Start' : 'Clean Session', () => Boolean(flags & 0x02));
      r.pos = at;
      r.byte('Reserved', () => flags & 0x01);
    },
  );
  if (flags & 0x01)
    r.problems.push('the Reserved bit of the Connect Flags is 1; it must be 0 (MQTT-3.1.2-3)');
  if (((flags >> 3) & 0b11) === 3) r.problems.push('Will QoS is 3 (MQTT-3.1.2-14)');
  if (!(flags & 0x04) && flags & 0x38)
    r.problems.push(
      'Will QoS and Will Retain must be 0 when the Will Flag is 0 (MQTT-3.1.2-13, MQTT-3.1.2-15)',
    );
  const keepAlive = r.u16('Keep Alive');
  if (v5) r.properties();
  const clientId = r.utf8('Client Identifier');
  if (flags & 0x04) {
    if (v5) r.properties('Will Properties');
    r.utf8('Will Topic');
    r.binary(v5 ? 'Will Payload' : 'Will Message');
  }
  if (flags & 0x80) r.utf8('User Name');
  if (flags & 0x40) r.binary('Password');
  return {
    summary: `CONNECT client ${quote(clientId)}, ${v5 ? 'MQTT 5' : level === 3 ? 'MQTT 3.1' : 'MQTT 3.1.1'}, keep alive ${keepAlive} s`,
    level,
  };
}

function connack(r: PacketReader, v5: boolean): PacketInfo {
  const flags = r.byte('Connect Acknowledge Flags', (v) => `Session Present: ${Boolean(v & 1)}`);
  if (flags & 0xfe)
    r.problems.push(
      `bits 7–1 of the Connect Acknowledge Flags must be 0 (${v5 ? 'MQTT-3.2.2-1' : 'MQTT 3.1.1 §3.2.2.1'})`,
    );
  let result: string;
  if (v5) {
    const code = reasonCode(r, 'CONNACK');
    result = reasonCodeName(code, 'CONNACK') ?? `0x${code.toString(16)}`;
    if (r.left > 0) r.properties();
  } else {
    const code = r.byte('Connect Return code', (v) => `${CONNECT_RETURN_CODES[v] ?? 'Reserved'} (${v})`);
    result = CONNECT_RETURN_CODES[code] ?? `reserved return code ${code}`;
    if (code > 5) r.problems.push(`Connect Return code ${code} is reserved (MQTT 3.1.1 §3.2.2.3)`);
  }
  return { summary: `CONNACK ${result}${flags & 1 ? ', session present' : ''}` };
}

function publish(r: PacketReader, v5: boolean, qos: number, flags: string): PacketInfo {
  const topic = r.utf8('Topic Name');
  if (/[#+]/.test(topic))
    r.problems.push(`the Topic Name ${quote(topic)} contains a wildcard (MQTT-3.3.2-2)`);
  const id = qos > 0 ? packetId(r) : undefined;
  if (v5) r.properties();
  const from = r.pos;
  r.pos = r.end;
  const payload = r.stream.bytes.subarray(from, r.end);
  const text = utf8Text(payload);
  r.add('Payload', payload.length === 0 ? '(empty)' : (text ?? shortHex(payload)), from);
  const shown = payload.length === 0 ? 'empty' : text !== null ? quote(text, 30) : `${payload.length} bytes`;
  return {
    summary: `PUBLISH ${quote(topic)} ${QOS(qos)}${id !== undefined ? `, id ${id}` : ''}${flags}: ${shown}`,
    ...(id !== undefined ? { packetId: id } : {}),
    qos,
  };
}

/** PUBACK, PUBREC, PUBREL, PUBCOMP: a Packet Identifier, and in MQTT 5 a Reason Code and Properties if present. */
function ack(r: PacketReader, v5: boolean, type: string): PacketInfo {
  const id = packetId(r);
  let reason = '';
  if (v5 && r.left > 0) {
    const code = reasonCode(r, type);
    if (code !== 0) reason = `: ${reasonCodeName(code, type) ?? `0x${code.toString(16)}`}`;
    if (r.left > 0) r.properties();
  }
  return { summary: `${type} id ${id}${reason}`, packetId: id };
}

function subscribe(r: PacketReader, v5: boolean): PacketInfo {
  const id = packetId(r);
  if (v5) r.properties();
  const filters: string[] = [];
  while (r.left > 0) {
    const filter = r.utf8('Topic Filter');
    const options = r.byte(v5 ? 'Subscription Options' : 'Requested QoS', (v) =>
      v5
        ? `QoS ${v & 3}, No Local ${Boolean(v & 4)}, Retain As Published ${Boolean(v & 8)}, Retain Handling ${(v >> 4) & 3}`
        : `QoS ${v & 3}`,
    );
    if ((options & 3) === 3) r.problems.push(`the QoS requested for ${quote(filter)} is 3 (MQTT-3.8.3-4)`);
    if (options & (v5 ? 0xc0 : 0xfc))
      r.problems.push(
        `reserved bits of the options for ${quote(filter)} are not 0 (${v5 ? 'MQTT-3.8.3-5' : 'MQTT-3-8.3-4'})`,
      );
    filters.push(`${filter} (QoS ${options & 3})`);
  }
  if (filters.length === 0)
    r.problems.push(
      `a SUBSCRIBE must carry at least one Topic Filter (${v5 ? 'MQTT-3.8.3-2' : 'MQTT-3.8.3-3'})`,
    );
  return { summary: `SUBSCRIBE id ${id} ${filters.join(', ')}`, packetId: id };
}

function suback(r: PacketReader, v5: boolean, type: 'SUBACK' | 'UNSUBACK'): PacketInfo {
  const id = packetId(r);
  if (v5) r.properties();
  const codes: string[] = [];
  while (r.left > 0) {
    const code = v5
      ? reasonCode(r, type)
      : r.byte(
          'Return Code',
          (v) => `${subackReturnCodeName(v) ?? 'Reserved'} (0x${v.toString(16).padStart(2, '0')})`,
        );
    const name = v5 ? reasonCodeName(code, type) : subackReturnCodeName(code);
    if (!v5 && name === null)
      r.problems.push(`SUBACK return code 0x${code.toString(16)} is reserved (MQTT-3.9.3-2)`);
    codes.push(name ?? `0x${code.toString(16)}`);
  }
  return { summary: `${type} id ${id}${codes.length ? `: ${codes.join(', ')}` : ''}`, packetId: id };
}

function unsubscribe(r: PacketReader, v5: boolean): PacketInfo {
  const id = packetId(r);
  if (v5) r.properties();
  const filters: string[] = [];
  while (r.left > 0) filters.push(r.utf8('Topic Filter'));
  if (filters.length === 0)
    r.problems.push(
      `an UNSUBSCRIBE must carry at least one Topic Filter (${v5 ? 'MQTT-3.10.3-2' : 'MQTT-3.10.3-2'})`,
    );
  return { summary: `UNSUBSCRIBE id ${id} ${filters.join(', ')}`, packetId: id };
}

/** DISCONNECT and AUTH in MQTT 5: a Reason Code and Properties, both optional. */
function reasonOnly(r: PacketReader, v5: boolean, type: string): PacketInfo {
  if (!v5 || r.left === 0) return { summary: type };
  const code = reasonCode(r, type);
  if (r.left > 0) r.properties();
  return { summary: `${type} ${reasonCodeName(code, type) ?? `0x${code.toString(16)}`}` };
}

/** Decode the body of a packet of type `type` whose fixed header has been read. */
export function decodeBody(
  r: PacketReader,
  type: string,
  v5: boolean,
  qos: number,
  flags: string,
): PacketInfo {
  switch (type) {
    case 'CONNECT':
      return connect(r);
    case 'CONNACK':
      return connack(r, v5);
    case 'PUBLISH':
      return publish(r, v5, qos, flags);
    case 'PUBACK':
    case 'PUBREC':
    case 'PUBREL':
    case 'PUBCOMP':
      return ack(r, v5, type);
    case 'SUBSCRIBE':
      return subscribe(r, v5);
    case 'SUBACK':
      return suback(r, v5, 'SUBACK');
    case 'UNSUBSCRIBE':
      return unsubscribe(r, v5);
    case 'UNSUBACK':
      if (!v5) {
        const id = packetId(r);
        return { summary: `UNSUBACK id ${id}`, packetId: id };
      }
      return suback(r, v5, 'UNSUBACK');
    case 'DISCONNECT':
    case 'AUTH':
      return reasonOnly(r, v5, type);
    default:
      return { summary: type };
  }
}

/** The bytes left in a packet after its fields, shown rather than dropped. */
export function leftover(r: PacketReader): void {
  if (r.left <= 0) return;
  const from = r.pos;
  r.pos = r.end;
  const bytes = r.stream.bytes.subarray(from, r.end);
  r.add('unexpected bytes', shortHex(bytes), from);
  r.problems.push(
    `${bytes.length} ${bytes.length === 1 ? 'byte' : 'bytes'} after the last field, inside the Remaining Length: a Malformed Packet (${r.spec} §${r.spec === 'MQTT 5' ? '4.13' : '4.8'})`,
  );
}
