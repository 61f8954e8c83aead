/**
 * Every application-protocol decoder, in the order sniffing breaks ties. One import and one line per decoder,
 * so branches adding decoders merge without trouble.
 */
import { jsonrpc } from './jsonrpc';
import { mqtt } from './mqtt';
import { socketio } from './socketio';
import { actionCableDecoder } from './actioncable';
import { cborDecoder } from './cbor';
import { graphqlTransportWsDecoder, graphqlWsLegacyDecoder } from './graphql';
import { msgpackDecoder } from './msgpack';
import { phoenixDecoder } from './phoenix';
import { protobufDecoder } from './protobuf';
import { signalrDecoder } from './signalr';
import { sockjsDecoder } from './sockjs';
import { stompDecoder } from './stomp';
import { wampCborDecoder, wampJsonDecoder, wampMsgpackDecoder } from './wamp';
import type { ProtocolDecoder } from './types';

// prettier-ignore
export const DECODERS: readonly ProtocolDecoder[] = [
  socketio,
  mqtt,
  jsonrpc,
  graphqlTransportWsDecoder,
  graphqlWsLegacyDecoder,
  stompDecoder,
  sockjsDecoder,
  signalrDecoder,
  wampJsonDecoder,
  wampMsgpackDecoder,
  wampCborDecoder,
  phoenixDecoder,
  actionCableDecoder,
  msgpackDecoder,
  cborDecoder,
  protobufDecoder,
];
