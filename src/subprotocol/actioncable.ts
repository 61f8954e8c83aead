/**
 * Rails Action Cable, subprotocol `actioncable-v1-json` (actioncable's INTERNAL.message_types and its JavaScript
 * consumer): the server sends `welcome`, `ping`, `disconnect`, `confirm_subscription`, `reject_subscription` and
 * broadcasts `{identifier, message}` without a type; the client sends the commands `subscribe`, `unsubscribe` and
 * `message`. The identifier (a JSON string naming the channel) pairs confirmations and broadcasts with the
 * subscription.
 */
import type { ProtocolDecoder } from './types';
import { readJson } from './json-values';
import { decodeTypedJson, typedJsonType, type TypedJsonProtocol } from './typed-json';
import { share } from './unit-kit';
import { asInteger, asString, briefValue, mapGet, type Value } from './values';

/** The channel named by an identifier such as `{"channel":"ChatChannel","room":"1"}`. */
function channelOf(message: Value): string | null {
  const identifier = asString(mapGet(message, 'identifier'));
  if (identifier === null) return null;
  const r = readJson(new TextEncoder().encode(identifier));
  return asString(mapGet(r.value ?? undefined, 'channel')) ?? identifier;
}

const ACTION_CABLE: TypedJsonProtocol = {
  name: 'Action Cable',
  source: 'actioncable-v1-json',
  typeKey: (direction) => (direction === 'c2s' ? 'command' : 'type'),
  idKey: 'identifier',
  idInSummary: false,
  rules: {
    welcome: { from: 's2c', id: 'none' },
    ping: { from: 's2c', id: 'none' },
    disconnect: { from: 's2c', id: 'none' },
    confirm_subscription: { from: 's2c', id: 'required', answers: ['subscribe'], more: true },
    reject_subscription: { from: 's2c', id: 'required', answers: ['subscribe'] },
    subscribe: { from: 'c2s', id: 'required' },
    unsubscribe: { from: 'c2s', id: 'required' },
    // The client's `message` command, and the server's broadcasts, which carry no type.
    message: { from: 'both', id: 'required', answers: ['subscribe'], more: true },
  },
  untyped: (direction, message) =>
    direction === 's2c' && mapGet(message, 'message') !== undefined ? 'message' : null,
  describe(type, message) {
    const channel = channelOf(message);
    const parts: string[] = [];
    if (channel) parts.push(channel);
    if (type === 'ping') parts.push(String(asInteger(mapGet(message, 'message')) ?? ''));
    if (type === 'disconnect') parts.push(asString(mapGet(message, 'reason')) ?? '');
    if (type === 'message') parts.push(briefValue(mapGet(message, 'data') ?? mapGet(message, 'message'), 50));
    return parts.filter(Boolean).join(' ');
  },
  check(type, message, problems) {
    if (
      type === 'message' &&
      mapGet(message, 'command') !== undefined &&
      asString(mapGet(message, 'data')) === null
    ) {
      problems.push('the message command carries its data as a JSON string in "data" (actioncable-v1-json)');
    }
  },
};

export const actionCableDecoder: ProtocolDecoder = {
  id: 'actioncable',
  name: 'Action Cable (actioncable-v1-json)',
  subprotocols: ['actioncable-v1-json'],
  sniff: (messages) =>
    0.85 *
    share(messages, (m) => {
      const type = typedJsonType(m, m.direction === 'c2s' ? 'command' : 'type');
      return type !== null && ACTION_CABLE.rules[type] !== undefined;
    }),
  decode: (messages) => decodeTypedJson(ACTION_CABLE, messages),
};
