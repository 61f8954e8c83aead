import {
  cutPackets,
  packet,
  readU16,
  readUtf8,
  skipProperties,
  u16,
  utf8,
  type RawPacket,
} from './mqtt-wire.ts';
import type { Play, PlayContext } from './types.ts';

/** Control packet types. @see MQTT 5.0 §2.1.2 */
const T = {
  CONNECT: 1,
  CONNACK: 2,
  PUBLISH: 3,
  PUBACK: 4,
  PUBREC: 5,
  PUBREL: 6,
  PUBCOMP: 7,
  SUBSCRIBE: 8,
  SUBACK: 9,
  UNSUBSCRIBE: 10,
  UNSUBACK: 11,
  PINGREQ: 12,
  PINGRESP: 13,
  DISCONNECT: 14,
} as const;

/** A topic name that matches a filter, for the demo messages: wildcards become `demo`. */
const topicFor = (filter: string) => filter.replace(/#$/, 'demo').replaceAll('+', 'demo');

function matches(filter: string, topic: string): boolean {
  const f = filter.split('/');
  const t = topic.split('/');
  for (let i = 0; i < f.length; i++) {
    if (f[i] === '#') return true;
    if (i >= t.length || (f[i] !== '+' && f[i] !== t[i])) return false;
  }
  return f.length === t.length;
}

/**
 * MQTT 3.1.1 and 5 (subprotocol `mqtt`), a one-client broker: CONNACK for CONNECT; SUBACK for SUBSCRIBE, then one
 * message on each subscribed topic at QoS 0, 1 and 2 (capped by the granted QoS), the client's PUBACK / PUBREC →
 * PUBREL → PUBCOMP completing them; PUBACK or PUBREC → PUBCOMP for the client's own PUBLISH, which is delivered back
 * when it matches a subscription; UNSUBACK, PINGRESP; DISCONNECT ends the connection.
 */
export const mqttPlay: Play = {
  id: 'mqtt',
  subprotocols: ['mqtt', 'mqttv3.1'],
  start({ conn, note }: PlayContext) {
    let buffer: Uint8Array = new Uint8Array(0);
    let v5 = false;
    let nextId = 1;
    const subscriptions = new Set<string>();
    const send = (bytes: Uint8Array) => conn.send(2, bytes);
    const props = () => (v5 ? [0] : []);
    const publish = (topic: string, payload: string, qos: 0 | 1 | 2) => {
      const id = qos > 0 ? u16((nextId = (nextId % 0xffff) + 1)) : [];
      send(
        packet(T.PUBLISH, qos << 1, [
          ...utf8(topic),
          ...id,
          ...props(),
          ...new TextEncoder().encode(payload),
        ]),
      );
    };

    const handle = ({ type, flags, body }: RawPacket) => {
      switch (type) {
        case T.CONNECT: {
          const [, at] = readUtf8(body, 0);
          v5 = body[at] === 5;
          note(`CONNECT (MQTT ${v5 ? '5' : '3.1.1'}) accepted: CONNACK with return code 0.`);
          send(packet(T.CONNACK, 0, v5 ? [0, 0, 0] : [0, 0]));
          return;
        }
        case T.SUBSCRIBE: {
          const id = readU16(body, 0);
          let at = v5 ? skipProperties(body, 2) : 2;
          const granted: { filter: string; qos: 0 | 1 | 2 }[] = [];
          while (at < body.length) {
            const [filter, next] = readUtf8(body, at);
            granted.push({ filter, qos: Math.min(body[next]! & 0b11, 2) as 0 | 1 | 2 });
            at = next + 1;
          }
          send(packet(T.SUBACK, 0, [...u16(id), ...props(), ...granted.map((g) => g.qos)]));
          for (const g of granted) {
            subscriptions.add(g.filter);
            note(
              `SUBACK grants QoS ${g.qos} on ${g.filter}; the server publishes one message per QoS up to it.`,
            );
            for (const qos of [0, 1, 2] as const)
              if (qos <= g.qos) publish(topicFor(g.filter), `hello at QoS ${qos}`, qos);
          }
          return;
        }
        case T.UNSUBSCRIBE: {
          const id = readU16(body, 0);
          let at = v5 ? skipProperties(body, 2) : 2;
          let count = 0;
          while (at < body.length) {
            const [filter, next] = readUtf8(body, at);
            subscriptions.delete(filter);
            count++;
            at = next;
          }
          send(packet(T.UNSUBACK, 0, [...u16(id), ...(v5 ? [0, ...new Array<number>(count).fill(0)] : [])]));
          return;
        }
        case T.PUBLISH: {
          const qos = (flags >> 1) & 0b11;
          const [topic, at] = readUtf8(body, 0);
          const id = qos > 0 ? readU16(body, at) : 0;
          const payloadAt = v5 ? skipProperties(body, qos > 0 ? at + 2 : at) : qos > 0 ? at + 2 : at;
          if (qos === 1) send(packet(T.PUBACK, 0, u16(id)));
          if (qos === 2) send(packet(T.PUBREC, 0, u16(id)));
          if ([...subscriptions].some((f) => matches(f, topic)))
            publish(topic, new TextDecoder().decode(body.subarray(payloadAt)), 0);
          return;
        }
        case T.PUBREC:
          // QoS 2, step 2 of 4: the client received our PUBLISH; release it.
          send(packet(T.PUBREL, 0b0010, u16(readU16(body, 0))));
          return;
        case T.PUBREL:
          send(packet(T.PUBCOMP, 0, u16(readU16(body, 0))));
          return;
        case T.PINGREQ:
          send(packet(T.PINGRESP, 0, []));
          return;
        case T.DISCONNECT:
          note('DISCONNECT: the client leaves; the server closes the WebSocket.');
          conn.close(1000);
          return;
        default:
          return;
      }
    };

    conn.onMessage = (opcode, data) => {
      if (opcode !== 2) {
        note('MQTT over WebSocket travels in binary messages only (MQTT-6.0.0-1): closing with 1003.');
        conn.close(1003, 'MQTT needs binary messages');
        return;
      }
      const joined = new Uint8Array(buffer.length + data.length);
      joined.set(buffer);
      joined.set(data, buffer.length);
      const cut = cutPackets(joined);
      if (!cut) {
        conn.close(1002, 'malformed MQTT remaining length');
        return;
      }
      buffer = cut.rest;
      for (const p of cut.packets) handle(p);
    };
  },
};
