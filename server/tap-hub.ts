import { randomBytes } from 'node:crypto';
import type { Connection } from './connection.ts';
import { redactHead, redactProtocol } from './redact.ts';
import { TAP_REFUSED, tapNow, type TapMessage } from '../src/lib/tap-protocol.ts';

type Handshake = Extract<TapMessage, { type: 'handshake' }>;
type Side = 'client' | 'server';

/** How much the tap may hold, in bytes of JSON waiting to be written (or held for an id nobody watches). */
export interface TapLimits {
  /** Most bytes waiting to be written to one tap (its socket's `writableLength`); more are dropped. */
  perTapBytes: number;
  /** Most bytes all taps together may have waiting, held traffic included. */
  totalBytes: number;
  /** Most bytes held for one id nobody watches (its tap closed; a tap may attach again with `/tap?id=`). */
  heldPerIdBytes: number;
  /** How long an id nobody watches is kept, with what is held for it. */
  holdMs: number;
  /** Most ids nobody watches kept at once: past it the oldest is forgotten. */
  maxUnwatchedIds: number;
}

export const DEFAULT_TAP_LIMITS: TapLimits = {
  perTapBytes: 16 * 1024 * 1024,
  totalBytes: 128 * 1024 * 1024,
  heldPerIdBytes: 4 * 1024 * 1024,
  holdMs: 10_000,
  maxUnwatchedIds: 64,
};

/** What one live connection (an echo, a Lab case) tells the tap watching its id. */
export interface TapFeed {
  /** A frame exactly as it crossed the wire. */
  frame(from: Side, bytes: Uint8Array): void;
  /** What a scripted behaviour does, in words. */
  note(text: string): void;
  /** The opening handshake, unredacted: the hub redacts it for the tap and keeps it for `reveal`. */
  handshake(message: Handshake): void;
  /** The TCP connection ended. */
  end(clean: boolean, code: number | null, reason: string): void;
}

interface Dropped {
  frames: number;
  bytes: number;
  other: number;
  reason: string;
}

interface Channel {
  id: string;
  tap: Connection | null;
  /** Messages kept while nobody watches, in order, as UTF-8 JSON. */
  held: Buffer[];
  heldBytes: number;
  /** Not shown since the last `dropped` message. */
  dropped: Dropped | null;
  /** A `dropped` message waits for the tap's socket to drain. */
  drainArmed: boolean;
  /** The last handshake, unredacted, for `reveal`. */
  handshake: Handshake | null;
  /** Forgets the id once nobody has watched it for `holdMs`. */
  expiry: NodeJS.Timeout | null;
}

/** Fresh id: 128 random bits, base64url (22 characters). */
const newId = () => randomBytes(16).toString('base64url');
const encode = (m: TapMessage) => Buffer.from(JSON.stringify(m));
/** JSON overhead of a frame message beside its base64 bytes, generously. */
const FRAME_OVERHEAD = 128;
const mib = (n: number) => `${Number((n / 1024 / 1024).toFixed(2))} MiB`;

/**
 * Pairs live connections with the tap watching them. Ids are the server's: a tap opened without one gets a fresh
 * id in its `hello`, and `/echo?tap=ID` is accepted only for an id issued here. One tap per id: a second is
 * refused. What waits for a tap is bounded in bytes (per tap, per held id, in total); what does not fit is dropped
 * and counted, and the tap gets a `dropped` message where the gap is.
 */
export class TapHub {
  private readonly channels = new Map<string, Channel>();
  /** Ids nobody watches, oldest first. */
  private readonly unwatched = new Set<string>();
  private readonly taps = new Set<Connection>();
  private held = 0;

  constructor(private readonly limits: TapLimits = DEFAULT_TAP_LIMITS) {}

  /** Whether `/echo?tap=ID` may publish to this id. */
  knows(id: string): boolean {
    return this.channels.has(id);
  }

  /**
   * Bytes the hub holds now: JSON waiting in every tap's socket plus traffic held for ids nobody watches. For tests
   * and monitoring; the caps bound this number.
   */
  get heldBytes(): number {
    let sum = this.held;
    for (const tap of this.taps) sum += tap.bufferedBytes;
    return sum;
  }

  /** Ids known now (watched or held), for tests. */
  get idCount(): number {
    return this.channels.size;
  }

  /**
   * A tap opened: give it a fresh id (`requested` null) or attach it to an issued id nobody watches; refuse an
   * unknown id or one already watched, with a `refused` message and a close code of `TAP_REFUSED`.
   */
  attach(tap: Connection, requested: string | null): void {
    let ch: Channel | undefined;
    if (requested === null) {
      ch = this.channel(newId());
    } else {
      ch = this.channels.get(requested);
      if (!ch)
        return this.refuse(tap, TAP_REFUSED.unknownId, 'unknown tap id: open /tap without an id to get one');
      if (ch.tap) return this.refuse(tap, TAP_REFUSED.alreadyWatched, 'another tap already watches this id');
    }
    const channel = ch;
    this.watch(channel, tap);
    tap.onMessage = (opcode, data) => {
      if (opcode === 1) this.request(channel, data);
    };
    tap.onEnd = () => this.unwatch(channel, tap);
    tap.send(1, encode({ v: 1, type: 'hello', id: channel.id, t: tapNow() }));
    const held = channel.held;
    this.held -= channel.heldBytes;
    channel.held = [];
    channel.heldBytes = 0;
    for (const json of held) tap.send(1, json);
    this.flushDropped(channel);
  }

  /** The feed of one live connection paired with `id` (which `knows` accepted). */
  feed(id: string): TapFeed {
    const seq = { client: 0, server: 0 };
    return {
      frame: (from, bytes) => {
        const size = Math.ceil(bytes.length / 3) * 4 + FRAME_OVERHEAD;
        if (!this.accepts(id, size, { frames: 1, bytes: bytes.length, other: 0 })) return;
        const b64 = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('base64');
        this.put(id, encode({ v: 1, type: 'frame', t: tapNow(), from, seq: seq[from]++, bytes: b64 }));
      },
      note: (text) => this.publish(id, { v: 1, type: 'note', t: tapNow(), text }),
      handshake: (message) => {
        const ch = this.channels.get(id);
        if (ch) ch.handshake = message;
        this.publish(id, redacted(message));
      },
      end: (clean, code, reason) =>
        this.publish(id, { v: 1, type: 'end', t: tapNow(), clean, code, reason }, true),
    };
  }

  /** Forget every id and what is held (the server is shutting down). */
  clear(): void {
    for (const ch of this.channels.values()) if (ch.expiry) clearTimeout(ch.expiry);
    this.channels.clear();
    this.unwatched.clear();
    this.held = 0;
  }

  private channel(id: string): Channel {
    const ch: Channel = {
      id,
      tap: null,
      held: [],
      heldBytes: 0,
      dropped: null,
      drainArmed: false,
      handshake: null,
      expiry: null,
    };
    this.channels.set(id, ch);
    return ch;
  }

  private refuse(tap: Connection, code: number, reason: string): void {
    tap.send(1, encode({ v: 1, type: 'refused', t: tapNow(), code, reason }));
    tap.close(code, reason);
  }

  private watch(ch: Channel, tap: Connection): void {
    if (ch.expiry) clearTimeout(ch.expiry);
    ch.expiry = null;
    this.unwatched.delete(ch.id);
    ch.tap = tap;
    this.taps.add(tap);
  }

  private unwatch(ch: Channel, tap: Connection): void {
    this.taps.delete(tap);
    if (ch.tap !== tap || this.channels.get(ch.id) !== ch) return;
    ch.tap = null;
    ch.drainArmed = false;
    this.unwatched.add(ch.id);
    ch.expiry = setTimeout(() => this.forget(ch.id), this.limits.holdMs);
    ch.expiry.unref();
    if (this.unwatched.size > this.limits.maxUnwatchedIds) {
      const oldest = this.unwatched.values().next().value;
      if (oldest !== undefined) this.forget(oldest);
    }
  }

  private forget(id: string): void {
    const ch = this.channels.get(id);
    if (!ch || ch.tap) return;
    if (ch.expiry) clearTimeout(ch.expiry);
    this.held -= ch.heldBytes;
    this.channels.delete(id);
    this.unwatched.delete(id);
  }

  /** The page asked for something on its tap: `reveal` sends the last handshake again, unredacted. */
  private request(ch: Channel, data: Uint8Array): void {
    let type: unknown;
    try {
      type = (JSON.parse(Buffer.from(data).toString()) as { type?: unknown }).type;
    } catch {
      return;
    }
    if (type === 'reveal' && ch.handshake)
      this.publish(ch.id, { ...ch.handshake, t: tapNow(), revealed: true });
  }

  private publish(id: string, message: TapMessage, essential = false): void {
    const json = encode(message);
    const ch = this.channels.get(id);
    // An `end` is small and once per connection: a watching tap always gets it, so it knows the connection is over.
    if (!(essential && ch?.tap) && !this.accepts(id, json.length, { frames: 0, bytes: 0, other: 1 })) return;
    this.put(id, json);
  }

  /** Whether `size` more bytes fit for this id; if not, count them as dropped and say so when there is room. */
  private accepts(id: string, size: number, what: Omit<Dropped, 'reason'>): boolean {
    const ch = this.channels.get(id);
    if (!ch) return false;
    const { perTapBytes, heldPerIdBytes, totalBytes } = this.limits;
    const mine = ch.tap ? ch.tap.bufferedBytes : ch.heldBytes;
    const cap = ch.tap ? perTapBytes : heldPerIdBytes;
    if (mine + size <= cap && this.heldBytes + size <= totalBytes) return true;
    const reason =
      mine + size > cap
        ? ch.tap
          ? `the tap read too slowly (the server keeps at most ${mib(cap)} waiting for one tap)`
          : `nobody watched the tap (the server holds at most ${mib(cap)} for an id nobody watches)`
        : `the server held too much for all taps together (at most ${mib(totalBytes)})`;
    const d = (ch.dropped ??= { frames: 0, bytes: 0, other: 0, reason });
    d.frames += what.frames;
    d.bytes += what.bytes;
    d.other += what.other;
    if (ch.tap && !ch.drainArmed) {
      ch.drainArmed = true;
      const tap = ch.tap;
      tap.whenDrained(() => {
        ch.drainArmed = false;
        if (ch.tap === tap) this.flushDropped(ch);
      });
    }
    return false;
  }

  /** Deliver (or hold) one message, after the `dropped` marker of any gap before it. */
  private put(id: string, json: Buffer): void {
    const ch = this.channels.get(id);
    if (!ch) return;
    this.flushDropped(ch);
    this.deliver(ch, json);
  }

  private flushDropped(ch: Channel): void {
    if (!ch.dropped) return;
    const d = ch.dropped;
    ch.dropped = null;
    this.deliver(ch, encode({ v: 1, type: 'dropped', t: tapNow(), ...d }));
  }

  private deliver(ch: Channel, json: Buffer): void {
    if (ch.tap) {
      ch.tap.send(1, json);
      return;
    }
    ch.held.push(json);
    ch.heldBytes += json.length;
    this.held += json.length;
  }
}

/** The handshake as the tap shows it: credentials replaced (see `redact.ts`), and a list of what was. */
function redacted(message: Handshake): Handshake {
  const request = redactHead(message.request);
  const response = redactHead(message.response);
  const all = [...request.redacted, ...response.redacted];
  if (all.length === 0) return message;
  return {
    ...message,
    request: request.text,
    ...(message.requestBytes === undefined
      ? {}
      : { requestBytes: Buffer.from(request.text, 'latin1').toString('base64') }),
    response: response.text,
    protocol: redactProtocol(message.protocol),
    redacted: all,
  };
}
