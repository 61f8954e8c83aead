import { describe, expect, it } from 'vitest';
import mqttPacket from 'mqtt-packet';
import { parseHex } from '../../../src/codec';
import { interpretMessages, type WsMessage } from '../../../src/subprotocol/index';
import { PLAY_LINES, playOf } from '../../../src/content/play-lines';

const bytesOf = (line: { kind: 'text' | 'hex'; text: string }): Uint8Array => {
  if (line.kind === 'text') return new TextEncoder().encode(line.text);
  const parsed = parseHex(line.text);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.bytes;
};

/** The subprotocol each play negotiates, so interpretMessages picks the decoder the way a capture would. */
const NEGOTIATED: Record<string, { subprotocol: string | null; url?: string }> = {
  jsonrpc: { subprotocol: null },
  socketio: { subprotocol: null, url: '/socket.io/?EIO=4&transport=websocket' },
  mqtt: { subprotocol: 'mqtt' },
  graphql: { subprotocol: 'graphql-transport-ws' },
  stomp: { subprotocol: 'v12.stomp' },
};

const EXPECTED_TYPES: Record<string, string[]> = {
  jsonrpc: ['request', 'request', 'request', 'request', 'notification', 'notification', 'invalid'],
  socketio: ['CONNECT', 'EVENT', 'ACK', 'EVENT', 'pong'],
  mqtt: ['CONNECT', 'SUBSCRIBE', 'PUBACK', 'PUBREC', 'PUBCOMP', 'PUBLISH', 'PINGREQ', 'DISCONNECT'],
  graphql: ['connection_init', 'connection_ack', 'subscribe', 'ping', 'complete'],
  stomp: ['CONNECT', 'SUBSCRIBE', 'SEND', 'DISCONNECT'],
};

describe('PLAY_LINES', () => {
  for (const [id, lines] of Object.entries(PLAY_LINES)) {
    it(`${id}: every client line decodes as the type its label names`, () => {
      const messages: WsMessage[] = lines.map((l) => ({
        direction: 'c2s',
        opcode: l.kind === 'hex' ? 2 : 1,
        data: bytesOf(l),
      }));
      // graphql-transport-ws forbids subscribe before the server's connection_ack (4401): put it where it comes.
      if (id === 'graphql')
        messages.splice(1, 0, {
          direction: 's2c',
          opcode: 1,
          data: new TextEncoder().encode('{"type":"connection_ack"}'),
        });
      const { units } = interpretMessages(
        { ...NEGOTIATED[id]!, messages },
        { protocol: id === 'graphql' ? 'graphql-transport-ws' : id },
      );
      expect(units.map((u) => u.type)).toEqual(EXPECTED_TYPES[id]);
      // Only JSON-RPC's "not JSON" line is meant to break its protocol.
      expect(units.filter((u) => u.problems.length > 0).map((u) => u.type)).toEqual(
        id === 'jsonrpc' ? ['invalid'] : [],
      );
    });
  }

  it('mqtt: mqtt-packet (the parser mqtt.js uses) reads every line as one whole packet', () => {
    const cmds: string[] = [];
    for (const line of PLAY_LINES.mqtt!) {
      const parser = mqttPacket.parser({ protocolVersion: 4 });
      const errors: Error[] = [];
      parser.on('packet', (p) => cmds.push(p.cmd));
      parser.on('error', (e) => errors.push(e));
      const left = parser.parse(Buffer.from(bytesOf(line)));
      expect(errors).toEqual([]);
      expect(left).toBe(0);
    }
    expect(cmds).toEqual([
      'connect',
      'subscribe',
      'puback',
      'pubrec',
      'pubcomp',
      'publish',
      'pingreq',
      'disconnect',
    ]);
  });

  it('playOf() reads only plays that have lines', () => {
    expect(playOf('ws://127.0.0.1:5173/echo?tap=x&play=mqtt')).toBe('mqtt');
    expect(playOf('ws://127.0.0.1:5173/echo?play=nope')).toBeNull();
    expect(playOf('ws://127.0.0.1:5173/echo')).toBeNull();
  });
});
