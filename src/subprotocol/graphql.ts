/**
 * GraphQL over WebSocket, in its two dialects, told apart by the negotiated subprotocol:
 * - `graphql-transport-ws`, the protocol of the graphql-ws library (its PROTOCOL.md);
 * - `graphql-ws`, the legacy protocol of Apollo's subscriptions-transport-ws (its PROTOCOL.md).
 */
import type { ProtocolDecoder, Unit } from './types';
import { decodeTypedJson, typedJsonType, type TypedJsonProtocol } from './typed-json';
import { share } from './unit-kit';
import { asString, briefValue, mapGet, type Value } from './values';

/** The close codes graphql-ws defines (its `CloseCode` enum), with what each means. Used to explain close frames. */
export const GRAPHQL_TRANSPORT_WS_CLOSE_CODES: Readonly<Record<number, { name: string; meaning: string }>> = {
  4400: {
    name: 'Bad Request',
    meaning: 'the server received a message it cannot read, or one of a type not allowed at that moment',
  },
  4401: {
    name: 'Unauthorized',
    meaning: 'a subscribe arrived before the server acknowledged the connection',
  },
  4403: {
    name: 'Forbidden',
    meaning: 'the server refused the connection_init (for example bad credentials)',
  },
  4406: { name: 'Subprotocol not acceptable', meaning: 'the client did not offer graphql-transport-ws' },
  4408: {
    name: 'Connection initialisation timeout',
    meaning: 'no connection_init arrived within the server’s wait time',
  },
  4409: {
    name: 'Subscriber already exists',
    meaning: 'a subscribe reused the id of an operation still running',
  },
  4429: { name: 'Too many initialisation requests', meaning: 'the client sent connection_init twice' },
  4500: { name: 'Internal server error', meaning: 'the server failed while handling a message' },
  4504: {
    name: 'Connection acknowledgement timeout',
    meaning: 'the server did not send connection_ack in time (closed by the client)',
  },
  4004: {
    name: 'Bad response',
    meaning: 'the client received a message it cannot read (closed by the client)',
  },
  4005: { name: 'Internal client error', meaning: 'the client failed while handling a message' },
};

function describeOperation(payload: Value | undefined): string {
  const name = asString(mapGet(payload, 'operationName'));
  if (name) return name;
  const query = asString(mapGet(payload, 'query'));
  return query
    ? briefValue({ kind: 'string', start: 0, end: 0, value: query.replace(/\s+/g, ' ').trim() }, 50)
    : '';
}

function describeResult(type: string, message: Value): string {
  const payload = mapGet(message, 'payload');
  if (type === 'subscribe' || type === 'start') return describeOperation(payload);
  if (type === 'next' || type === 'data')
    return briefValue(mapGet(payload, 'data') ?? mapGet(payload, 'errors'), 50);
  if (type === 'error' || type === 'connection_error') {
    const first = payload?.kind === 'array' ? payload.items?.[0] : payload;
    return asString(mapGet(first, 'message')) ?? briefValue(payload, 50);
  }
  return '';
}

const TRANSPORT_WS: TypedJsonProtocol = {
  name: 'graphql-transport-ws',
  source: 'graphql-ws PROTOCOL.md',
  typeKey: () => 'type',
  idKey: 'id',
  rules: {
    connection_init: { from: 'c2s', id: 'none' },
    connection_ack: { from: 's2c', id: 'none', answers: ['connection_init'] },
    ping: { from: 'both', id: 'none' },
    pong: { from: 'both', id: 'none', answers: ['ping'] },
    subscribe: { from: 'c2s', id: 'required' },
    next: { from: 's2c', id: 'required', answers: ['subscribe'], more: true },
    error: { from: 's2c', id: 'required', answers: ['subscribe'] },
    complete: { from: 'both', id: 'required', answers: ['subscribe'] },
  },
  describe: describeResult,
  check(type, message, problems) {
    if (type === 'subscribe' && asString(mapGet(mapGet(message, 'payload'), 'query')) === null) {
      problems.push('"subscribe" needs payload.query, a string (graphql-ws PROTOCOL.md, Subscribe)');
    }
    if (type === 'error' && mapGet(message, 'payload')?.kind !== 'array') {
      problems.push('"error" carries an array of GraphQL errors in payload (graphql-ws PROTOCOL.md, Error)');
    }
  },
};

const LEGACY_WS: TypedJsonProtocol = {
  name: 'graphql-ws (subscriptions-transport-ws)',
  source: 'subscriptions-transport-ws PROTOCOL.md',
  typeKey: () => 'type',
  idKey: 'id',
  rules: {
    connection_init: { from: 'c2s', id: 'none' },
    connection_ack: { from: 's2c', id: 'none', answers: ['connection_init'] },
    connection_error: { from: 's2c', id: 'none', answers: ['connection_init'] },
    ka: { from: 's2c', id: 'none' },
    connection_terminate: { from: 'c2s', id: 'none' },
    start: { from: 'c2s', id: 'required' },
    data: { from: 's2c', id: 'required', answers: ['start'], more: true },
    error: { from: 's2c', id: 'required', answers: ['start'] },
    complete: { from: 's2c', id: 'required', answers: ['start'] },
    stop: { from: 'c2s', id: 'required' },
  },
  describe: describeResult,
};

const TRANSPORT_ONLY = new Set(['subscribe', 'next', 'ping', 'pong']);
const LEGACY_ONLY = new Set(['start', 'data', 'stop', 'ka', 'connection_terminate']);

function sniffDialect(onlyMine: Set<string>, onlyTheirs: Set<string>, common: Set<string>) {
  return (messages: Parameters<ProtocolDecoder['sniff']>[0]): number => {
    const types = messages.slice(0, 20).map((m) => typedJsonType(m, 'type'));
    if (types.some((t) => t !== null && onlyTheirs.has(t))) return 0.1;
    const mine = share(messages, (m) => {
      const t = typedJsonType(m, 'type');
      return t !== null && (onlyMine.has(t) || common.has(t));
    });
    return types.some((t) => t !== null && onlyMine.has(t)) ? 0.8 * mine : 0.4 * mine;
  };
}

const COMMON = new Set(['connection_init', 'connection_ack', 'complete', 'error']);

/** A unit's top-level string member, read from its field tree. */
function member(u: Unit, name: string): string | null {
  const value = u.fields[0]?.children?.find((f) => f.name === name)?.value;
  return typeof value === 'string' ? value : null;
}

/**
 * The rules of graphql-ws PROTOCOL.md that depend on what came before, each with the close code the server
 * answers with (`CloseCode`): a subscribe before connection_ack (4401), a second connection_init (4429), and a
 * subscribe reusing the id of an operation still running (4409).
 */
function checkSession(units: Unit[]): Unit[] {
  let inits = 0;
  let acked = false;
  const running = new Set<string>();
  const explain = (code: number) =>
    `the server closes with ${code} ${GRAPHQL_TRANSPORT_WS_CLOSE_CODES[code]?.name ?? ''}`;
  for (const u of units) {
    const id = member(u, 'id');
    if (u.direction === 's2c' && u.type === 'connection_ack') acked = true;
    if (u.direction === 'c2s' && u.type === 'connection_init' && ++inits > 1) {
      u.problems.push(`a second connection_init: ${explain(4429)} (graphql-ws PROTOCOL.md, ConnectionInit)`);
    }
    if (u.direction === 'c2s' && u.type === 'subscribe') {
      // Only when the capture holds the connection's start: one that began later has no ack to see.
      if (inits > 0 && !acked)
        u.problems.push(
          `subscribe before connection_ack: ${explain(4401)} (graphql-ws PROTOCOL.md, Subscribe)`,
        );
      if (id !== null && running.has(id)) {
        u.problems.push(`id "${id}" is still running: ${explain(4409)} (graphql-ws PROTOCOL.md, Subscribe)`);
      }
      if (id !== null) running.add(id);
    }
    if ((u.type === 'complete' || u.type === 'error') && id !== null) running.delete(id);
  }
  return units;
}

export const graphqlTransportWsDecoder: ProtocolDecoder = {
  id: 'graphql-transport-ws',
  name: 'GraphQL over WebSocket (graphql-transport-ws)',
  subprotocols: ['graphql-transport-ws'],
  sniff: sniffDialect(TRANSPORT_ONLY, LEGACY_ONLY, COMMON),
  decode: (messages) => checkSession(decodeTypedJson(TRANSPORT_WS, messages)),
};

export const graphqlWsLegacyDecoder: ProtocolDecoder = {
  id: 'graphql-ws',
  name: 'GraphQL over WebSocket, legacy (subscriptions-transport-ws)',
  subprotocols: ['graphql-ws'],
  sniff: sniffDialect(LEGACY_ONLY, TRANSPORT_ONLY, COMMON),
  decode: (messages) => decodeTypedJson(LEGACY_WS, messages),
};
