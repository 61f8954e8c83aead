import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { JSONRPCClient, type JSONRPCRequest } from 'json-rpc-2.0';
import { io } from 'socket.io-client';
import mqtt from 'mqtt';
import { createClient } from 'graphql-ws';
import { Client } from '@stomp/stompjs';
import { interpretMessages, type WsMessage } from '../../../src/subprotocol/index';
import { startServer, type Running } from './helpers';

let server: Running;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.stop());

/** A `ws` client that records every message in both directions, as interpretMessages takes them. */
function recorded(url: string, protocols: string[] = []) {
  const ws = new WebSocket(url, protocols);
  const messages: WsMessage[] = [];
  const waiters: (() => void)[] = [];
  ws.on('message', (data: Buffer, isBinary) => {
    messages.push({ direction: 's2c', opcode: isBinary ? 2 : 1, data: new Uint8Array(data) });
    for (const w of waiters.splice(0)) w();
  });
  const send = (text: string) => {
    messages.push({ direction: 'c2s', opcode: 1, data: new TextEncoder().encode(text) });
    ws.send(text);
  };
  /** Resolves once the server has sent `n` messages. */
  const serverSent = (n: number) =>
    new Promise<void>((resolve) => {
      const check = () =>
        messages.filter((m) => m.direction === 's2c').length >= n ? resolve() : waiters.push(check);
      check();
    });
  const opened = new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  return { ws, messages, send, serverSent, opened };
}

describe('/echo?play=jsonrpc', () => {
  it('answers json-rpc-2.0 client requests, errors and batches; the library is the judge', async () => {
    const c = recorded(server.url('/echo?play=jsonrpc'), ['jsonrpc-2.0']);
    await c.opened;
    expect(c.ws.protocol).toBe('jsonrpc-2.0');
    await c.serverSent(1);
    const client: JSONRPCClient = new JSONRPCClient((payload: JSONRPCRequest | JSONRPCRequest[]) => {
      c.send(JSON.stringify(payload));
    });
    c.ws.on('message', (data: Buffer) => client.receive(JSON.parse(data.toString())));

    await expect(client.request('add', [2, 3])).resolves.toBe(5);
    await expect(client.request('echo', { a: 1 })).resolves.toEqual({ a: 1 });
    await expect(client.request('nope', [])).rejects.toMatchObject({ code: -32601 });
    const batch = await client.requestAdvanced([
      { jsonrpc: '2.0', id: 10, method: 'add', params: { x: 1, y: 2 } },
      { jsonrpc: '2.0', id: 11, method: 'add', params: ['x'] },
    ]);
    expect(batch).toEqual([
      { jsonrpc: '2.0', id: 10, result: 3 },
      { jsonrpc: '2.0', id: 11, error: { code: -32602, message: expect.any(String) } },
    ]);
    client.notify('log', ['hi']);
    // A request after the notification: its answer arriving means the notification got none.
    await expect(client.request('add', [1])).resolves.toBe(1);
    c.ws.close();

    const { protocol, units } = interpretMessages({ subprotocol: 'jsonrpc-2.0', messages: c.messages });
    expect(protocol.id).toBe('jsonrpc');
    expect(units.map((u) => `${u.direction} ${u.type}`)).toEqual([
      's2c notification',
      'c2s request',
      's2c response',
      'c2s request',
      's2c response',
      'c2s request',
      's2c error',
      'c2s request',
      'c2s request',
      's2c response',
      's2c error',
      'c2s notification',
      'c2s request',
      's2c response',
    ]);
    expect(units.every((u) => u.problems.length === 0)).toBe(true);
    expect(
      units
        .filter((u) => u.direction === 's2c' && u.type !== 'notification')
        .every((u) => u.replyTo !== undefined),
    ).toBe(true);
  });

  it('answers bad JSON with -32700 and an empty batch with -32600 (JSON-RPC 2.0 §5.1, §6)', async () => {
    const c = recorded(server.url('/echo?play=jsonrpc'));
    await c.opened;
    expect(c.ws.protocol).toBe('');
    c.send('{"jsonrpc":');
    c.send('[]');
    await c.serverSent(3);
    c.ws.close();
    const replies = c.messages
      .filter((m) => m.direction === 's2c')
      .map((m) => JSON.parse(new TextDecoder().decode(m.data)));
    expect(replies[1]).toEqual({ jsonrpc: '2.0', id: null, error: { code: -32700, message: 'Parse error' } });
    expect(replies[2]).toEqual({
      jsonrpc: '2.0',
      id: null,
      error: { code: -32600, message: 'Invalid Request' },
    });
  });

  it('rejects an unknown play with 400 and the list', async () => {
    const ws = new WebSocket(server.url('/echo?play=nope'));
    const status = await new Promise<number>((resolve) =>
      ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0)),
    );
    expect(status).toBe(400);
  });
});

describe('/echo?play=socketio', () => {
  it('socket.io-client connects, gets events, a binary event, acks both ways', async () => {
    const socket = io(`http://127.0.0.1:${server.port}`, {
      path: '/echo',
      addTrailingSlash: false,
      transports: ['websocket'],
      query: { play: 'socketio' },
      reconnection: false,
    });
    const welcome = new Promise<unknown>((resolve) => socket.once('welcome', resolve));
    const snapshot = new Promise<unknown>((resolve) => socket.once('snapshot', resolve));
    const question = new Promise<string>((resolve) =>
      socket.once('question', (q: string, ack: (a: string) => void) => {
        ack('yes');
        resolve(q);
      }),
    );
    const echoed = new Promise<unknown[]>((resolve) =>
      socket.once('echo', (...args: unknown[]) => resolve(args)),
    );
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('connect_error', reject);
    });
    expect(await welcome).toEqual({ text: expect.any(String) });
    expect(await question).toBe('Are you there?');
    const attachment = (await snapshot) as Buffer;
    expect([...attachment]).toEqual([0xde, 0xad, 0xbe, 0xef]);
    const acked = await socket.timeout(10_000).emitWithAck('chat', 'hello');
    expect(acked).toEqual({ received: 'chat', at: expect.any(Number) });
    socket.emit('note', 1, 'two');
    expect(await echoed).toEqual(['note', 1, 'two']);
    socket.disconnect();
  });

  it('what the server sends decodes as the script says', async () => {
    const c = recorded(server.url('/echo?play=socketio&EIO=4&transport=websocket'));
    await c.opened;
    await c.serverSent(1);
    c.send('40');
    await c.serverSent(6);
    c.send('421["chat","hi"]');
    await c.serverSent(7);
    c.ws.close();
    const { protocol, units } = interpretMessages({
      subprotocol: null,
      url: '/echo?play=socketio&EIO=4&transport=websocket',
      messages: c.messages,
    });
    expect(protocol.id).toBe('socketio');
    expect(units.map((u) => `${u.direction} ${u.type}`)).toEqual([
      's2c open',
      'c2s CONNECT',
      's2c CONNECT',
      's2c EVENT',
      's2c EVENT',
      's2c BINARY_EVENT',
      'c2s EVENT',
      's2c ACK',
    ]);
    expect(units.every((u) => u.problems.length === 0)).toBe(true);
    expect(units.at(-1)!.replyTo).toBe(6);
  });
});

describe('/echo?play=mqtt', () => {
  for (const protocolVersion of [4, 5] as const) {
    it(`mqtt.js (protocol level ${protocolVersion}) connects, subscribes, gets QoS 0/1/2, publishes, pings`, async () => {
      const client = mqtt.connect(server.url('/echo?play=mqtt'), {
        protocolVersion,
        reconnectPeriod: 0,
        keepalive: 1,
        clientId: `play-${protocolVersion}`,
      });
      const errors: Error[] = [];
      client.on('error', (e) => errors.push(e));
      const received: { topic: string; qos: number; text: string }[] = [];
      const three = new Promise<void>((resolve) =>
        client.on('message', (topic, payload, pkt) => {
          received.push({ topic, qos: pkt.qos, text: payload.toString() });
          if (received.length === 3) resolve();
        }),
      );
      const pingresp = new Promise<void>((resolve) =>
        client.on('packetreceive', (p) => p.cmd === 'pingresp' && resolve()),
      );
      await new Promise<void>((resolve, reject) => {
        client.once('connect', () => resolve());
        client.once('error', reject);
      });
      const granted = await client.subscribeAsync('demo/#', { qos: 2 });
      expect(granted).toMatchObject([{ topic: 'demo/#', qos: 2 }]);
      await three;
      expect(received).toEqual([
        { topic: 'demo/demo', qos: 0, text: 'hello at QoS 0' },
        { topic: 'demo/demo', qos: 1, text: 'hello at QoS 1' },
        { topic: 'demo/demo', qos: 2, text: 'hello at QoS 2' },
      ]);
      await client.publishAsync('elsewhere', 'one', { qos: 1 });
      await client.publishAsync('elsewhere', 'two', { qos: 2 });
      await client.unsubscribeAsync('demo/#');
      await pingresp;
      await client.endAsync();
      expect(errors).toEqual([]);
    });
  }

  it('what the server sends decodes as the script says, with QoS flows paired', async () => {
    const c = recorded(server.url('/echo?play=mqtt'), ['mqtt']);
    await c.opened;
    expect(c.ws.protocol).toBe('mqtt');
    const sendBytes = (hex: string) => {
      const data = new Uint8Array(Buffer.from(hex.replaceAll(' ', ''), 'hex'));
      c.messages.push({ direction: 'c2s', opcode: 2, data });
      c.ws.send(data);
    };
    // CONNECT, MQTT 3.1.1, clean session, keep alive 60, client id "a" (MQTT 3.1.1 §3.1, bytes written from the spec).
    sendBytes('10 0d 0004 4d515454 04 02 003c 0001 61');
    await c.serverSent(1);
    // SUBSCRIBE id 7, "t" at QoS 2 — split across two WebSocket messages (MQTT-6.0.0-2).
    sendBytes('82 06 0007');
    sendBytes('0001 74 02');
    await c.serverSent(5);
    // PUBACK for the QoS 1 message (id 2), PUBREC for the QoS 2 one (id 3), then PUBCOMP after the PUBREL.
    sendBytes('40 02 0002');
    sendBytes('50 02 0003');
    await c.serverSent(6);
    sendBytes('70 02 0003');
    sendBytes('c0 00');
    await c.serverSent(7);
    c.ws.close();
    const { protocol, units } = interpretMessages({ subprotocol: 'mqtt', messages: c.messages });
    expect(protocol.id).toBe('mqtt');
    expect(units.map((u) => `${u.direction} ${u.type}`)).toEqual([
      'c2s CONNECT',
      's2c CONNACK',
      'c2s SUBSCRIBE',
      's2c SUBACK',
      's2c PUBLISH',
      's2c PUBLISH',
      's2c PUBLISH',
      'c2s PUBACK',
      'c2s PUBREC',
      's2c PUBREL',
      'c2s PUBCOMP',
      'c2s PINGREQ',
      's2c PINGRESP',
    ]);
    expect(units.every((u) => u.problems.length === 0)).toBe(true);
    expect(units[3]!.replyTo).toBe(2);
    expect(units[7]!.replyTo).toBe(5);
    expect(units[12]!.replyTo).toBe(11);
  });
});

describe('/echo?play=graphql', () => {
  it('the graphql-ws client subscribes and gets three next results, then complete', async () => {
    const client = createClient({
      url: server.url('/echo?play=graphql'),
      webSocketImpl: WebSocket,
      retryAttempts: 0,
      lazy: false,
    });
    const results: unknown[] = [];
    await new Promise<void>((resolve, reject) => {
      client.subscribe(
        { query: 'subscription { greeting }' },
        { next: (r) => results.push(r), error: reject, complete: resolve },
      );
    });
    expect(results).toEqual([1, 2, 3].map((n) => ({ data: { greeting: `Hello ${n} of 3` } })));
    await client.dispose();
  });

  it('what the server sends decodes as the script says, next paired with subscribe', async () => {
    const c = recorded(server.url('/echo?play=graphql'), ['graphql-transport-ws']);
    await c.opened;
    expect(c.ws.protocol).toBe('graphql-transport-ws');
    c.send('{"type":"connection_init"}');
    await c.serverSent(1);
    c.send('{"type":"ping"}');
    c.send('{"id":"s1","type":"subscribe","payload":{"query":"subscription { greeting }"}}');
    await c.serverSent(6);
    const closed = new Promise<number>((resolve) => c.ws.once('close', (code) => resolve(code)));
    c.send('{"id":"s1","type":"subscribe","payload":{"query":"{ a }"}}');
    c.send('{"id":"s1","type":"subscribe","payload":{"query":"{ a }"}}');
    // PROTOCOL.md: a second subscribe with an id in use closes with 4409.
    expect(await closed).toBe(4409);
    const { protocol, units } = interpretMessages({
      subprotocol: 'graphql-transport-ws',
      messages: c.messages.slice(0, 9),
    });
    expect(protocol.id).toBe('graphql-transport-ws');
    expect(units.map((u) => `${u.direction} ${u.type}`)).toEqual([
      'c2s connection_init',
      's2c connection_ack',
      'c2s ping',
      'c2s subscribe',
      's2c pong',
      's2c next',
      's2c next',
      's2c next',
      's2c complete',
    ]);
    expect(units.every((u) => u.problems.length === 0)).toBe(true);
    expect(units[5]!.replyTo).toBe(3);
  });
});

describe('/echo?play=stomp', () => {
  it('@stomp/stompjs connects, subscribes, receives, sends with a receipt', async () => {
    const client = new Client({
      webSocketFactory: () => new WebSocket(server.url('/echo?play=stomp'), ['v12.stomp', 'v11.stomp']),
      reconnectDelay: 0,
      heartbeatIncoming: 0,
      heartbeatOutgoing: 0,
    });
    const errors: string[] = [];
    client.onStompError = (f) => errors.push(f.body);
    await new Promise<void>((resolve) => {
      client.onConnect = () => resolve();
      client.activate();
    });
    expect(client.connectedVersion).toBe('1.2');
    const bodies: string[] = [];
    const four = new Promise<void>((resolve) =>
      client.subscribe('/topic/news', (m) => {
        bodies.push(m.body);
        if (bodies.length === 3) resolve();
      }),
    );
    const receipt = new Promise<void>((resolve) => client.watchForReceipt('r-1', () => resolve()));
    client.publish({ destination: '/topic/news', body: 'mine: a\\b:c', headers: { receipt: 'r-1' } });
    await receipt;
    await four;
    expect(bodies).toEqual(['Hello from the Framescope play server', 'A second message', 'mine: a\\b:c']);
    await client.deactivate();
    expect(errors).toEqual([]);
  });

  it('what the server sends decodes as the script says, RECEIPT paired', async () => {
    const c = recorded(server.url('/echo?play=stomp'), ['v12.stomp']);
    await c.opened;
    expect(c.ws.protocol).toBe('v12.stomp');
    c.send('CONNECT\naccept-version:1.2\nhost:localhost\n\n\0');
    await c.serverSent(1);
    c.send('SUBSCRIBE\nid:0\ndestination:/queue/a\nreceipt:77\n\n\0');
    await c.serverSent(4);
    c.ws.close();
    const { protocol, units } = interpretMessages({ subprotocol: 'v12.stomp', messages: c.messages });
    expect(protocol.id).toBe('stomp');
    expect(units.map((u) => `${u.direction} ${u.type}`)).toEqual([
      'c2s CONNECT',
      's2c CONNECTED',
      'c2s SUBSCRIBE',
      's2c RECEIPT',
      's2c MESSAGE',
      's2c MESSAGE',
    ]);
    expect(units.every((u) => u.problems.length === 0)).toBe(true);
    expect(units[3]!.replyTo).toBe(2);
  });
});
