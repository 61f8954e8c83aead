import type { Connection } from '../connection.ts';
import { jsonrpcPlay } from './jsonrpc.ts';
import { graphqlPlay } from './graphql.ts';
import { mqttPlay } from './mqtt.ts';
import { stompPlay } from './stomp.ts';
import { socketioPlay } from './socketio.ts';
import type { Play } from './types.ts';

/** The conversations `/echo?play=ID` can play. */
export const PLAYS: readonly Play[] = [jsonrpcPlay, socketioPlay, mqttPlay, graphqlPlay, stompPlay];

export function findPlay(id: string): Play | undefined {
  return PLAYS.find((p) => p.id === id);
}

/** The protocol's own `Sec-WebSocket-Protocol` when the client offers it, else the client's first offer. */
export function pickSubprotocol(play: Play | null, offered: readonly string[]): string | null {
  const own = play?.subprotocols.find((p) => offered.includes(p));
  return own ?? offered[0] ?? null;
}

/** Runs a play on an open connection; its timers stop when the connection ends. */
export function runPlay(conn: Connection, play: Play, note: (text: string) => void): void {
  const timers = new Set<NodeJS.Timeout>();
  const intervals = new Set<NodeJS.Timeout>();
  const previousEnd = conn.onEnd;
  conn.onEnd = (c) => {
    for (const t of timers) clearTimeout(t);
    for (const t of intervals) clearInterval(t);
    previousEnd(c);
  };
  play.start({
    conn,
    note,
    later(ms, fn) {
      const t = setTimeout(() => {
        timers.delete(t);
        fn();
      }, ms);
      timers.add(t);
    },
    every(ms, fn) {
      intervals.add(setInterval(fn, ms));
    },
  });
}
