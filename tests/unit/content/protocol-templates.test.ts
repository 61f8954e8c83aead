import { describe, expect, it } from 'vitest';
import { Decoder as SocketIoDecoder } from 'socket.io-parser';
import { parseMessage } from 'graphql-ws';
import { isJSONRPCRequest } from 'json-rpc-2.0';
import { Parser as StompParser } from '@stomp/stompjs';
import mqttPacket from 'mqtt-packet';
import { BUILDER_PRESETS } from '../../../src/content/builder-presets';
import { interpretMessages, type Field } from '../../../src/subprotocol/index';

/** The Builder's protocol templates: each payload decodes as its protocol's message, by us and by the real library. */
const templates = BUILDER_PRESETS.filter((p) => p.source.startsWith('Protocol template'));
const payloadOf = (id: string) => BUILDER_PRESETS.find((p) => p.id === id)!.frames[0]!.text!;

function decode(id: string, protocol: string) {
  const data = new TextEncoder().encode(payloadOf(id));
  const { units } = interpretMessages(
    { subprotocol: null, messages: [{ direction: 'c2s', opcode: 1, data }] },
    { protocol },
  );
  expect(units).toHaveLength(1);
  expect(units[0]!.problems).toEqual([]);
  const field = (name: string) => units[0]!.fields.find((f: Field) => f.name === name)?.value;
  return { type: units[0]!.type, field };
}

describe('Builder protocol templates', () => {
  it('are listed, client frames', () => {
    expect(templates.map((t) => t.id)).toEqual([
      'template-socketio-event',
      'template-graphql-subscribe',
      'template-stomp-send',
      'template-jsonrpc-request',
      'template-mqtt-connect',
      'template-mqtt-publish',
    ]);
    expect(templates.every((t) => t.role === 'client')).toBe(true);
  });

  it('Socket.IO: an EVENT "chat" with ack id 1, as socket.io-parser reads it', () => {
    const d = decode('template-socketio-event', 'socketio');
    expect([d.type, d.field('event name'), d.field('ack id')]).toEqual(['EVENT', 'chat', 1]);
    const decoder = new SocketIoDecoder();
    const packets: unknown[] = [];
    decoder.on('decoded', (p: unknown) => packets.push(p));
    // socket.io-parser reads the Socket.IO packet, after Engine.IO's "4" (message).
    decoder.add(payloadOf('template-socketio-event').slice(1));
    expect(packets).toEqual([{ type: 2, nsp: '/', id: 1, data: ['chat', 'hello'] }]);
  });

  it('graphql-transport-ws: a subscribe, as graphql-ws validates it', () => {
    expect(decode('template-graphql-subscribe', 'graphql-transport-ws').type).toBe('subscribe');
    expect(parseMessage(payloadOf('template-graphql-subscribe'))).toEqual({
      id: '1',
      type: 'subscribe',
      payload: { query: 'subscription { greeting }' },
    });
  });

  it('STOMP 1.2: a SEND with a body, as the parser of @stomp/stompjs reads it', () => {
    const d = decode('template-stomp-send', 'stomp');
    expect([d.type, d.field('body')]).toEqual(['SEND', 'hello']);
    const frames: { command: string | undefined; headers: [string, string][]; body: string }[] = [];
    const parser = new StompParser(
      (f) =>
        frames.push({ command: f.command, headers: f.headers, body: new TextDecoder().decode(f.binaryBody) }),
      () => {},
    );
    parser.parseChunk(payloadOf('template-stomp-send'));
    expect(frames).toEqual([
      {
        command: 'SEND',
        headers: [
          ['destination', '/topic/news'],
          ['content-type', 'text/plain'],
        ],
        body: 'hello',
      },
    ]);
  });

  it('JSON-RPC 2.0: a request add, id 1, as json-rpc-2.0 reads it', () => {
    const d = decode('template-jsonrpc-request', 'jsonrpc');
    expect([d.type, d.field('method'), d.field('id')]).toEqual(['request', 'add', 1]);
    expect(isJSONRPCRequest(JSON.parse(payloadOf('template-jsonrpc-request')))).toBe(true);
  });

  /** Our decoder and mqtt-packet (the parser mqtt.js uses) read the binary payload as one whole MQTT 3.1.1 packet. */
  function mqtt(id: string) {
    const hex = BUILDER_PRESETS.find((p) => p.id === id)!.frames[0]!.payloadHex!;
    const data = Uint8Array.from(hex.match(/../g)!, (h) => parseInt(h, 16));
    const { units } = interpretMessages(
      { subprotocol: 'mqtt', messages: [{ direction: 'c2s', opcode: 2, data }] },
      {},
    );
    expect(units).toHaveLength(1);
    expect(units[0]!.problems).toEqual([]);
    const packets: Record<string, unknown>[] = [];
    const errors: Error[] = [];
    const parser = mqttPacket.parser({ protocolVersion: 4 });
    parser.on('packet', (p) => packets.push(p as unknown as Record<string, unknown>));
    parser.on('error', (e) => errors.push(e));
    expect(parser.parse(Buffer.from(data))).toBe(0);
    expect(errors).toEqual([]);
    expect(packets).toHaveLength(1);
    const field = (name: string) => units[0]!.fields.find((f: Field) => f.name === name)?.value;
    return { type: units[0]!.type, field, packet: packets[0]! };
  }

  it('MQTT 3.1.1: a CONNECT, client id "framescope", as mqtt-packet reads it', () => {
    const d = mqtt('template-mqtt-connect');
    expect([d.type, d.field('Client Identifier')]).toEqual(['CONNECT', 'framescope']);
    expect(d.packet).toMatchObject({
      cmd: 'connect',
      protocolId: 'MQTT',
      protocolVersion: 4,
      clean: true,
      keepalive: 60,
      clientId: 'framescope',
    });
  });

  it('MQTT 3.1.1: a PUBLISH "hello" to a/b at QoS 0, as mqtt-packet reads it', () => {
    const d = mqtt('template-mqtt-publish');
    expect([d.type, d.field('Topic Name')]).toEqual(['PUBLISH', 'a/b']);
    expect(d.packet).toMatchObject({ cmd: 'publish', topic: 'a/b', qos: 0 });
    expect(Buffer.from(d.packet['payload'] as Uint8Array).toString()).toBe('hello');
  });
});
