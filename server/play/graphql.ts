import { decodeText, encodeText, type Play, type PlayContext } from './types.ts';

/** How long the server waits for `connection_init` before closing with 4408. */
export const INIT_TIMEOUT_MS = 10_000;
/** The pause between a subscription's `next` messages, so a class sees them arrive one by one. */
const NEXT_EVERY_MS = 300;
const NEXT_COUNT = 3;

/**
 * graphql-transport-ws (subprotocol `graphql-transport-ws`): `connection_ack` for `connection_init`, `pong` for
 * `ping`, and for each `subscribe` three `next` results then `complete`. The query is not executed: every result is
 * `{ "data": { "greeting": … } }`. Protocol errors close with the codes `PROTOCOL.md` gives (4400, 4401, 4408, 4409,
 * 4429).
 * @see https://github.com/enisdenjo/graphql-ws/blob/master/PROTOCOL.md
 */
export const graphqlPlay: Play = {
  id: 'graphql',
  subprotocols: ['graphql-transport-ws'],
  start({ conn, note, later }: PlayContext) {
    let initialised = false;
    let acknowledged = false;
    const active = new Set<string>();
    const send = (message: object) => conn.send(1, encodeText(JSON.stringify(message)));
    later(INIT_TIMEOUT_MS, () => {
      if (!initialised) conn.close(4408, 'Connection initialisation timeout');
    });

    conn.onMessage = (_opcode, data) => {
      let message: { type?: unknown; id?: unknown; payload?: unknown };
      try {
        message = JSON.parse(decodeText(data)) as typeof message;
      } catch {
        conn.close(4400, 'Invalid message received');
        return;
      }
      if (!message || typeof message !== 'object' || typeof message.type !== 'string') {
        conn.close(4400, 'Invalid message received');
        return;
      }
      switch (message.type) {
        case 'connection_init':
          if (initialised) return conn.close(4429, 'Too many initialisation requests');
          initialised = acknowledged = true;
          note('connection_init accepted: connection_ack.');
          return send({ type: 'connection_ack' });
        case 'ping':
          return send({ type: 'pong' });
        case 'pong':
          return;
        case 'subscribe': {
          if (!acknowledged) return conn.close(4401, 'Unauthorized');
          const id = message.id;
          if (typeof id !== 'string' || id === '') return conn.close(4400, 'Invalid message received');
          if (active.has(id)) return conn.close(4409, `Subscriber for ${id} already exists`);
          active.add(id);
          note(`subscribe ${id}: ${NEXT_COUNT} next results, then complete.`);
          for (let n = 1; n <= NEXT_COUNT; n++) {
            later(n * NEXT_EVERY_MS, () => {
              if (!active.has(id)) return;
              send({ id, type: 'next', payload: { data: { greeting: `Hello ${n} of ${NEXT_COUNT}` } } });
              if (n === NEXT_COUNT) {
                active.delete(id);
                send({ id, type: 'complete' });
              }
            });
          }
          return;
        }
        case 'complete':
          if (typeof message.id === 'string') active.delete(message.id);
          return;
        default:
          conn.close(4400, `Invalid message received: unknown type ${message.type.slice(0, 40)}`);
      }
    };
  },
};
