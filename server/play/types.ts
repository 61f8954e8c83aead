import type { Connection } from '../connection.ts';

/** What a scripted conversation needs: the connection, a way to tell the tap what a step does, and timers it owns. */
export interface PlayContext {
  conn: Connection;
  note: (text: string) => void;
  /** A timer cleared when the connection ends. */
  later: (ms: number, fn: () => void) => void;
  /** A repeating timer cleared when the connection ends. */
  every: (ms: number, fn: () => void) => void;
}

/** One protocol the echo server can play (`/echo?play=ID`): its side of a typical conversation. */
export interface Play {
  id: string;
  /** `Sec-WebSocket-Protocol` values the protocol uses, preferred first; chosen when the client offers one. */
  subprotocols: readonly string[];
  /** Starts on a freshly opened connection; sets `conn.onMessage` to answer the client. */
  start(ctx: PlayContext): void;
}

export const encodeText = (s: string): Uint8Array => new TextEncoder().encode(s);
export const decodeText = (b: Uint8Array): string => new TextDecoder().decode(b);
