import { describe, expect, it } from 'vitest';
import { Decoder as SocketIoDecoder } from 'socket.io-parser';
import { parseMessage } from 'graphql-ws';
import { isJSONRPCRequest } from 'json-rpc-2.0';
import { Parser as StompParser } from '@stomp/stompjs';
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
});
