import { describe, expect, it } from 'vitest';
import { CloseCode } from 'graphql-ws';
import { interpretMessages } from '../../../src/subprotocol';
import { GRAPHQL_TRANSPORT_WS_CLOSE_CODES } from '../../../src/subprotocol/graphql';
import { captureInputs } from './fixtures';

describe('interpretMessages() on the captures of part B', () => {
  it.each([
    ['graphql/graphql-transport-ws.pcapng', 'graphql-transport-ws', 'negotiated'],
    ['graphql/graphql-ws-legacy.pcapng', 'graphql-ws', 'negotiated'],
    ['stomp/stompjs-ws.pcapng', 'stomp', 'negotiated'],
    ['sockjs/stompjs-sockjs.pcapng', 'sockjs', 'url'],
    ['signalr/signalr-json.pcapng', 'signalr', 'sniffed'],
    ['signalr/signalr-messagepack.pcapng', 'signalr', 'sniffed'],
    ['wamp/autobahn-json.pcapng', 'wamp-json', 'negotiated'],
    ['wamp/autobahn-msgpack.pcapng', 'wamp-msgpack', 'negotiated'],
    ['phoenix/phoenix-js.pcapng', 'phoenix', 'url'],
    ['actioncable/actioncable-js.pcapng', 'actioncable', 'negotiated'],
  ])('%s is %s (%s), and sniffed as it without the name or the URL', (path, id, how) => {
    const [input] = captureInputs(path);
    const chosen = interpretMessages(input!);
    expect([chosen.protocol.id, chosen.protocol.how]).toEqual([id, how]);
    expect(chosen.units.length).toBeGreaterThan(0);
    const sniffed = interpretMessages({ subprotocol: null, url: null, messages: input!.messages });
    expect([sniffed.protocol.id, sniffed.protocol.how]).toEqual([id, 'sniffed']);
  });

  it('claims no protocol for bare MessagePack, CBOR or Protobuf payloads: those are chosen by hand', () => {
    for (const name of ['msgpack', 'cbor', 'protobuf']) {
      const [input] = captureInputs(`encodings/payload-${name}.pcapng`);
      expect(interpretMessages(input!).protocol.id).toBeNull();
      expect(interpretMessages(input!, { protocol: name }).protocol.how).toBe('forced');
    }
  });
});

describe('GRAPHQL_TRANSPORT_WS_CLOSE_CODES', () => {
  it('explains every close code of graphql-ws’s CloseCode enum', () => {
    const codes = Object.values(CloseCode).filter((v): v is number => typeof v === 'number');
    expect(Object.keys(GRAPHQL_TRANSPORT_WS_CLOSE_CODES).map(Number).sort()).toEqual(codes.sort());
  });
});
