import { describe, expect, it } from 'vitest';
import { interpretMessages, protocolList, type WsMessage } from '../../../src/subprotocol';

const text = (s: string): WsMessage => ({ direction: 'c2s', opcode: 1, data: new TextEncoder().encode(s) });
const rpc = [text('{"jsonrpc":"2.0","id":1,"method":"a"}')];

describe('interpretMessages()', () => {
  it("chooses in Firefox DevTools' order: forced, negotiated, URL, sniffed, none", () => {
    const how = (input: Parameters<typeof interpretMessages>[0], protocol?: string) =>
      interpretMessages(input, protocol === undefined ? {} : { protocol }).protocol;
    const url = 'ws://h/socket.io/?EIO=4&transport=websocket';
    expect(how({ subprotocol: 'mqtt', url, messages: rpc }, 'jsonrpc')).toMatchObject({
      id: 'jsonrpc',
      how: 'forced',
    });
    expect(how({ subprotocol: 'MQTT', url, messages: rpc })).toMatchObject({ id: 'mqtt', how: 'negotiated' });
    expect(how({ subprotocol: 'chat', url, messages: rpc })).toMatchObject({ id: 'socketio', how: 'url' });
    expect(how({ subprotocol: 'chat', url: 'ws://h/', messages: rpc })).toMatchObject({
      id: 'jsonrpc',
      how: 'sniffed',
    });
    expect(how({ subprotocol: 'chat', messages: [text('hello')] })).toMatchObject({ id: null, how: 'none' });
    expect(how({ subprotocol: null, messages: rpc }, 'none')).toMatchObject({ id: null, how: 'none' });
    expect(how({ subprotocol: null, messages: rpc }, 'nope')).toMatchObject({
      id: null,
      reason: 'unknown protocol "nope"',
    });
  });

  it('gives no units when no protocol is recognised, and lists the protocols it knows', () => {
    expect(interpretMessages({ subprotocol: null, messages: [text('hello')] }).units).toEqual([]);
    expect(protocolList().map((p) => p.id)).toEqual(expect.arrayContaining(['socketio', 'mqtt', 'jsonrpc']));
  });
});
