import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { interpretMessages, type Field, type Unit, type WsMessage } from '../../../src/subprotocol';
import { mqtt } from '../../../src/subprotocol/mqtt';
import { arbitraryMessages, captureInputs, fixtureLog, fromBase64 } from './fixtures';

interface Logged {
  direction: 'c2s' | 's2c';
  packet: {
    cmd: string;
    messageId?: number;
    qos?: number;
    topic?: string | null;
    payload?: { base64: string } | string | null;
    clientId?: string;
    keepalive?: number;
    protocolVersion?: number;
    granted?: number[];
    returnCode?: number;
    reasonCode?: number;
    properties?: Record<string, unknown>;
  };
}

const find = (fields: Field[], name: string): Field | undefined => {
  for (const f of fields) {
    if (f.name === name) return f;
    const inner = f.children && find(f.children, name);
    if (inner) return inner;
  }
  return undefined;
};

/** mqtt-packet's camelCase property names in the standard's words: `topicAliasMaximum` → `Topic Alias Maximum`. */
const specName = (key: string) =>
  key === 'userProperties'
    ? 'User Property'
    : key.replace(/[A-Z]/g, (c) => ` ${c}`).replace(/^./, (c) => c.toUpperCase());

/** The fields of a unit compared with what mqtt.js logged for the same packet. */
function expectSame(unit: Unit, logged: Logged, messages: readonly WsMessage[]): void {
  const p = logged.packet;
  expect(unit.type).toBe(p.cmd.toUpperCase());
  expect(unit.direction).toBe(logged.direction);
  expect(unit.problems).toEqual([]);
  const value = (name: string) => find(unit.fields, name)?.value;
  if (p.cmd === 'connect') {
    expect(value('Client Identifier')).toBe(p.clientId);
    expect(value('Keep Alive')).toBe(p.keepalive);
    expect(String(value('Protocol Level'))).toMatch(new RegExp(`^${p.protocolVersion} `));
  }
  if (p.cmd === 'publish') {
    expect(value('Topic Name')).toBe(p.topic);
    expect(unit.summary).toContain(`QoS ${p.qos}`);
    const payload = find(unit.fields, 'Payload')!.span!;
    // The payload bytes, read back from the messages where the span says they are (the payload fits in one here).
    expect(messages[payload.message]!.data.subarray(payload.start, payload.end)).toEqual(
      typeof p.payload === 'string' ? new TextEncoder().encode(p.payload) : fromBase64(p.payload!.base64),
    );
  }
  if (p.messageId !== undefined && !(p.cmd === 'publish' && p.qos === 0))
    expect(value('Packet Identifier')).toBe(p.messageId);
  if (p.cmd === 'suback')
    expect(
      unit.fields
        .filter((f) => f.name === 'Return Code' || f.name === 'Reason Code')
        .map((f) => Number(/0x([0-9a-f]+)/.exec(String(f.value))![1]!)),
    ).toEqual(p.granted);
  if (p.returnCode !== undefined)
    expect(String(value('Connect Return code'))).toMatch(new RegExp(`\\(${p.returnCode}\\)$`));
  if (p.reasonCode !== undefined && p.cmd !== 'suback')
    // An omitted Reason Code means 0x00 Success (MQTT 5 §3.4.2.1); mqtt-packet logs 0 for 3.1.1 acks too.
    expect(String(value('Reason Code') ?? '(0x00)')).toContain(
      `(0x${p.reasonCode.toString(16).padStart(2, '0')})`,
    );
  for (const [key, v] of Object.entries(p.properties ?? {})) {
    const field = find(unit.fields, specName(key));
    expect(field, `${p.cmd} ${key}`).toBeDefined();
    if (typeof v === 'number' || typeof v === 'string') expect(field!.value).toBe(v);
    else if (key === 'userProperties')
      expect(field!.value).toBe(
        Object.entries(v as object)
          .map(([k, x]) => `${k}=${String(x)}`)
          .join(),
      );
  }
}

for (const [file, version] of [
  ['mqtt/mqtt311-aedes.pcapng', 'MQTT 3.1.1: mqtt.js against aedes'],
  ['mqtt/mqtt5-mosquitto.pcapng', 'MQTT 5: mqtt.js against mosquitto'],
] as const) {
  describe(`mqtt decoder on ${version} (tests/fixtures/subprotocol/${file})`, () => {
    const [input] = captureInputs(file);
    const { log } = fixtureLog<{ log: Logged[] }>(`${file}.log.json`);
    const result = interpretMessages(input!);

    it('is chosen by the negotiated subprotocol, and would be sniffed without it', () => {
      expect(result.protocol).toMatchObject({ id: 'mqtt', how: 'negotiated' });
      expect(interpretMessages({ ...input!, subprotocol: null }).protocol).toMatchObject({
        id: 'mqtt',
        how: 'sniffed',
      });
    });

    it('decodes every packet mqtt.js sent and received, in order per direction, with no problem', () => {
      for (const direction of ['c2s', 's2c'] as const) {
        const units = result.units.filter((u) => u.direction === direction);
        const logged = log.filter((e) => e.direction === direction);
        expect(units.map((u) => u.type)).toEqual(logged.map((e) => e.packet.cmd.toUpperCase()));
        units.forEach((u, i) => expectSame(u, logged[i]!, input!.messages));
      }
    });

    it('accounts for every message, and lists each message a packet spans (MQTT-6.0.0-2)', () => {
      const used = result.units.flatMap((u) => u.messages).sort((a, b) => a - b);
      expect(used).toEqual(input!.messages.map((_, i) => i));
      expect(result.units.some((u) => u.messages.length > 5)).toBe(true);
    });

    it('pairs every QoS 1 and QoS 2 flow, subscription, ping and the connect by packet identifier', () => {
      const { units } = result;
      const reply = (i: number) => units.findIndex((u) => u.replyTo === i);
      const id = (u: Unit) => find(u.fields, 'Packet Identifier')?.value;
      let flows = 0;
      units.forEach((u, i) => {
        const qos = Number(/QoS (\d)/.exec(u.summary)?.[1] ?? 0);
        const chain =
          u.type === 'PUBLISH' && qos === 1
            ? ['PUBACK']
            : u.type === 'PUBLISH' && qos === 2
              ? ['PUBREC', 'PUBREL', 'PUBCOMP']
              : u.type === 'SUBSCRIBE'
                ? ['SUBACK']
                : u.type === 'UNSUBSCRIBE'
                  ? ['UNSUBACK']
                  : u.type === 'PINGREQ'
                    ? ['PINGRESP']
                    : u.type === 'CONNECT'
                      ? ['CONNACK']
                      : [];
        let at = i;
        for (const type of chain) {
          const next = reply(at);
          expect(units[next], `${u.summary} → ${type}`).toMatchObject({ type });
          expect(id(units[next]!)).toBe(id(u));
          expect(units[next]!.latencyMs).toBeGreaterThanOrEqual(0);
          at = next;
          flows++;
        }
      });
      expect(flows).toBe(result.units.filter((u) => u.replyTo !== undefined).length);
      expect(flows).toBeGreaterThan(15);
    });
  });
}

const bin = (direction: WsMessage['direction'], ...bytes: number[]): WsMessage => ({
  direction,
  opcode: 2,
  data: new Uint8Array(bytes),
});
const str = (s: string) => [s.length >> 8, s.length & 0xff, ...new TextEncoder().encode(s)];

describe('mqtt.decode()', () => {
  // CONNECT, MQTT 3.1.1, clean session, keep alive 60, client "a" (MQTT 3.1.1 §3.1 figures).
  const connect = [0x10, 13, ...str('MQTT'), 4, 0b0000_0010, 0, 60, ...str('a')];

  it('reads several packets in one message and one packet across messages', () => {
    const publish = [0x30, 7, ...str('t/x'), 0x68, 0x69];
    const units = mqtt.decode([
      bin('c2s', ...connect, ...publish.slice(0, 3)),
      bin('c2s', ...publish.slice(3)),
      bin('s2c', 0x20, 2, 0, 0, 0xd0, 0),
    ]);
    expect(units.map((u) => [u.type, u.messages, u.problems])).toEqual([
      ['CONNECT', [0], []],
      ['PUBLISH', [0, 1], []],
      ['CONNACK', [2], []],
      ['PINGRESP', [2], []],
    ]);
    expect(find(units[1]!.fields, 'Topic Name')!.span).toEqual({ message: 1, start: 0, end: 4 });
    expect(find(units[1]!.fields, 'Payload')).toMatchObject({
      value: 'hi',
      span: { message: 1, start: 4, end: 6 },
    });
  });

  it('reads Variable Byte Integers at their boundaries: 127, 128, 16383, 16384 (MQTT 5 §1.5.5)', () => {
    for (const [n, encoded] of [
      [0, [0x00]],
      [127, [0x7f]],
      [128, [0x80, 0x01]],
      [16383, [0xff, 0x7f]],
      [16384, [0x80, 0x80, 0x01]],
    ] as const) {
      const body = [...str('t'), ...new Array<number>(n - 3 < 0 ? 0 : n - 3).fill(0x61)];
      if (n < 3) continue;
      const [unit] = mqtt.decode([bin('c2s', 0x30, ...encoded, ...body)]);
      expect(find(unit!.fields, 'Remaining Length')!.value).toBe(n);
      expect(unit!.problems).toEqual([]);
    }
    const [five] = mqtt.decode([bin('c2s', 0x30, 0x80, 0x80, 0x80, 0x80, 0x01)]);
    expect(five!.problems.join()).toMatch(/at most 4 bytes/);
  });

  it('names the rule each malformed packet breaks', () => {
    const problems = (...m: WsMessage[]) => mqtt.decode(m).flatMap((u) => u.problems);
    expect(problems(bin('c2s', 0x36, 3, ...str('t')))).toEqual(
      expect.arrayContaining([expect.stringContaining('MQTT-3.3.1-4')]),
    );
    expect(problems({ direction: 'c2s', opcode: 1, data: new Uint8Array([0xc0, 0]) })).toEqual([
      expect.stringContaining('MQTT-6.0.0-1'),
    ]);
    expect(problems(bin('c2s', 0x80, 6, 0, 1, ...str('a'), 0))).toEqual([
      expect.stringContaining('fixed header flags of SUBSCRIBE must be 0b0010'),
    ]);
    expect(problems(bin('c2s', 0x82, 2, 0, 1))).toEqual([
      expect.stringContaining('at least one Topic Filter'),
    ]);
    expect(problems(bin('c2s', 0x10, 13, ...str('MQTT'), 4, 0b0000_0011, 0, 60, ...str('a')))).toEqual([
      expect.stringContaining('MQTT-3.1.2-3'),
    ]);
    expect(problems(bin('c2s', 0x40, 2, 0, 0))).toEqual([expect.stringContaining('MQTT-2.3.1-1')]);
    expect(problems(bin('c2s', 0x30, 9, ...str('t')))).toEqual([expect.stringContaining('cut off')]);
    expect(problems(bin('c2s', 0x40, 1, 0))).toEqual([
      expect.stringContaining('ends inside Packet Identifier'),
    ]);
  });

  it('reads MQTT 5 properties and reason codes by their names', () => {
    const v5 = [0x10, 13 + 1, ...str('MQTT'), 5, 0b0000_0010, 0, 60, 0, ...str('a')];
    // CONNACK: session present 0, reason 0x87 Not authorized, properties: Reason String "no".
    const units = mqtt.decode([bin('c2s', ...v5), bin('s2c', 0x20, 8, 0, 0x87, 5, 0x1f, ...str('no'))]);
    expect(units[1]!.summary).toBe('CONNACK Not authorized');
    expect(find(units[1]!.fields, 'Reason String')).toMatchObject({
      value: 'no',
      span: { message: 1, start: 5, end: 10 },
    });
    expect(units.flatMap((u) => u.problems)).toEqual([]);
  });

  it('never throws on arbitrary bytes cut into arbitrary messages, and keeps every span inside its message', () => {
    const packetish = fc.oneof(
      fc.uint8Array({ maxLength: 40 }),
      fc.constantFrom(
        ...[
          0x10, 0x20, 0x30, 0x32, 0x34, 0x40, 0x50, 0x62, 0x70, 0x82, 0x90, 0xa2, 0xb0, 0xc0, 0xd0, 0xe0,
          0xf0,
        ].map((b) => new Uint8Array([b])),
      ),
      fc.constant(new Uint8Array(connect)),
      fc.constant(new Uint8Array([0x10, 14, ...str('MQTT'), 5, 2, 0, 60, 0, ...str('a')])),
    );
    fc.assert(
      fc.property(arbitraryMessages(packetish), (messages) => {
        const units = mqtt.decode(messages.map((m) => ({ ...m, opcode: 2 as const })));
        const walk = (fields: Field[]): void => {
          for (const f of fields) {
            if (f.span) expect(f.span.end).toBeLessThanOrEqual(messages[f.span.message]!.data.length);
            if (f.children) walk(f.children);
          }
        };
        for (const u of units) walk(u.fields);
        mqtt.sniff(messages);
      }),
      { numRuns: 500 },
    );
  });

  it('decodes the same packets however a valid stream is cut into messages', () => {
    const stream = [...connect, 0x82, 8, 0, 1, ...str('a/b'), 1, 0x30, 5, ...str('t'), 0x68, 0xc0, 0];
    const whole = mqtt.decode([bin('c2s', ...stream)]).map((u) => [u.type, u.summary, u.problems]);
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 1, max: stream.length - 1 }), { maxLength: 12 }),
        (cuts) => {
          const points = [0, ...cuts.sort((a, b) => a - b), stream.length];
          const messages = points.slice(1).map((end, i) => bin('c2s', ...stream.slice(points[i], end)));
          expect(mqtt.decode(messages).map((u) => [u.type, u.summary, u.problems])).toEqual(whole);
        },
      ),
    );
  });
});
