/**
 * The contract of `src/subprotocol`: the application protocols and payload encodings carried inside WebSocket
 * messages. Pure TypeScript like `src/codec` (no DOM, no Node, no Svelte). Bytes in, plain objects out.
 */

/** Which side sent a WebSocket message. */
export type Direction = 'c2s' | 's2c';

/** One reassembled WebSocket data message, as the codec or a capture importer hands it over. */
export interface WsMessage {
  direction: Direction;
  /** 1 = text, 2 = binary (RFC 6455 §5.6). */
  opcode: 1 | 2;
  /** The message's (inflated) payload. Never modified by a decoder. */
  data: Uint8Array;
  /** Milliseconds on any clock shared by all messages of the input (capture time, `performance.now()`, …). */
  time?: number;
}

/** What `interpretMessages` is handed. */
export interface InterpretInput {
  /** The negotiated `Sec-WebSocket-Protocol`, or null when none was agreed. */
  subprotocol: string | null;
  /** The WebSocket URL (or request target), for hints such as `/socket.io/?EIO=4` or `?vsn=2.0.0`. */
  url?: string | null;
  messages: readonly WsMessage[];
}

export interface InterpretOptions {
  /** Force a protocol by its id (`socketio`, `mqtt`, …), overriding negotiation, URL hints and sniffing. */
  protocol?: string;
}

/** Bytes `[start, end)` of the payload of WebSocket message number `message` (an index into `messages`). */
export interface Span {
  message: number;
  start: number;
  end: number;
}

/** One decoded field, named as the protocol's specification names it, tied to its bytes where it has some. */
export interface Field {
  name: string;
  /** The value as a person reads it: a number, a string, a boolean, null, or a short rendering of bytes. */
  value: string | number | boolean | null;
  span?: Span;
  /** Nested values (a JSON or MessagePack map, MQTT properties, a Protobuf sub-message). */
  children?: Field[];
  /** True when the structure is a guess (for example a Protobuf length-delimited field read as a sub-message). */
  guess?: boolean;
}

/** One application-level message. */
export interface Unit {
  direction: Direction;
  /** The protocol's own name for the message type, spelled as its specification spells it (`PUBLISH`, `next`). */
  type: string;
  /** One line for a list row, e.g. `EVENT "chat" in /chat, ack 3`. */
  summary: string;
  /** Indexes into `messages` of the WebSocket messages this unit came from, in order. */
  messages: number[];
  fields: Field[];
  /** Index into `units` of the request this unit answers. */
  replyTo?: number;
  /** Time from the request to this reply, when both messages have a `time`. */
  latencyMs?: number;
  /** What breaks the protocol's rules: which byte and which rule (cite the rule's number where it has one). */
  problems: string[];
}

/** How the protocol was chosen. */
export type ChosenBy = 'negotiated' | 'url' | 'sniffed' | 'forced' | 'none';

export interface Interpretation {
  protocol: {
    /** The decoder's id, or null when no protocol was recognised (units are then empty). */
    id: string | null;
    /** A human name, e.g. `Socket.IO v4 (Engine.IO v4)`. */
    name: string | null;
    how: ChosenBy;
    /** One sentence on why, e.g. `negotiated Sec-WebSocket-Protocol: mqtt`. */
    reason: string;
  };
  units: Unit[];
}

/**
 * One application protocol. Each lives in its own module and is listed in `registry.ts`.
 * `decode` never throws on any bytes: malformed input becomes units with `problems`.
 */
export interface ProtocolDecoder {
  /** Stable id used by `options.protocol`, share links and the views' picker, e.g. `socketio`, `mqtt`. */
  id: string;
  name: string;
  /** `Sec-WebSocket-Protocol` values (lower case) that select this decoder. */
  subprotocols: readonly string[];
  /** True when the URL points at this protocol (e.g. `/socket.io/?EIO=4`). */
  matchesUrl?(url: string): boolean;
  /** 0 (certainly not) to 1 (certainly): how well the messages look like this protocol. */
  sniff(messages: readonly WsMessage[]): number;
  /** Decode every message into units, pairing replies with requests (`replyTo`, `latencyMs`). */
  decode(messages: readonly WsMessage[]): Unit[];
}
