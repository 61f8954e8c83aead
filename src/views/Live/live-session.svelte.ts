/**
 * One live connection through the browser's WebSocket API, its event log, its frames (real from the tap, or
 * reconstructed), reconnects with backoff, and every connection's handshake for the session export.
 */
import type { TapMessage } from '../../lib/tap-protocol';
import { backoffCeiling, backoffDelay } from './backoff';
import { checkCloseInput } from './close-input';
import { checkUrl, explainFailedOpen, parseProtocols } from './connect-errors';
import { messageLine, readSendInput, type SendKind } from './send-input';
import { TapInfo } from './tap-info.svelte';
import { openTap, tapUrlFor, withTapId } from './tap-link';
import { reconstructClose, reconstructMessage, TapDecoder, type Side, type WireFrame } from './wire';

export type LogKind = 'state' | 'open' | 'message' | 'send' | 'error' | 'close' | 'reconnect' | 'tap';
export interface LogEntry {
  key: number;
  t: number;
  kind: LogKind;
  text: string;
}

/** A data message as the page sent or received it (application level, whatever the tap shows). */
export interface LiveMessage {
  direction: 'c2s' | 's2c';
  opcode: 1 | 2;
  data: Uint8Array;
  /** ms since the epoch. */
  time: number;
}

/** One connection of the session: where it went and what its handshake said. */
export interface ConnectionInfo {
  id: number;
  url: string;
  request: string | null;
  response: string | null;
  protocol: string;
  extensions: string;
}

export type { SendKind };
export type TapState = 'off' | 'connecting' | 'on' | 'none';

const MAX_ENTRIES = 5000;
const encoder = new TextEncoder();

export function defaultUrl(): string {
  if (typeof location === 'undefined' || !/^https?:$/.test(location.protocol))
    return 'ws://127.0.0.1:9001/echo';
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/echo`;
}

export class LiveSession {
  url = $state(defaultUrl());
  protocolsText = $state('');
  useTap = $state(true);
  autoReconnect = $state(false);
  binaryType = $state<BinaryType>('arraybuffer');

  readyState = $state(3);
  protocol = $state('');
  extensions = $state('');
  bufferedAmount = $state(0);
  tapState = $state<TapState>('off');
  handshake = $state.raw<{ request: string; response: string; exact: boolean } | null>(null);
  log = $state.raw<LogEntry[]>([]);
  wire = $state.raw<WireFrame[]>([]);
  problem = $state<string | null>(null);
  retry = $state<{ attempt: number; delay: number; ceiling: number } | null>(null);
  /** Each connection opened in this session (reconnects add more), for the session export. */
  connections = $state.raw<ConnectionInfo[]>([]);
  /** Data messages of the current connection, for the protocol decoders ("Inside the frames"). */
  messages = $state.raw<LiveMessage[]>([]);
  /** The tap's id, refusal, redactions and dropped-frame gaps. */
  readonly tapInfo = new TapInfo();
  /** The tap watches a connection another client opens (`watch`), not one of this page's. */
  watching = $state(false);

  private ws: WebSocket | null = null;
  private tap: WebSocket | null = null;
  private decoder = new TapDecoder();
  private userClosed = false;
  private attempt = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private poll: ReturnType<typeof setInterval> | null = null;
  private logKey = 0;
  private generation = 0;

  get connected(): boolean {
    return this.readyState === 0 || this.readyState === 1;
  }

  private note(kind: LogKind, text: string, t = Date.now()): void {
    this.log = [...this.log.slice(-MAX_ENTRIES + 1), { key: ++this.logKey, t, kind, text }];
  }

  private addWire(frame: WireFrame): void {
    frame.connection = this.generation;
    this.wire = [...this.wire.slice(-MAX_ENTRIES + 1), frame];
  }

  private describeConnection(patch: Partial<ConnectionInfo>): void {
    const id = this.generation;
    const current = this.connections.find((c) => c.id === id);
    const base: ConnectionInfo = current ?? {
      id,
      url: '',
      request: null,
      response: null,
      protocol: '',
      extensions: '',
    };
    const next = { ...base, ...patch };
    this.connections = current
      ? this.connections.map((c) => (c.id === id ? next : c))
      : [...this.connections, next];
  }

  clear(): void {
    this.log = [];
    this.messages = [];
    this.wire = [];
    this.connections = [];
    this.handshake = null;
    this.tapInfo.clear();
  }

  /** Check the inputs, open the tap when the server has one, then the connection. */
  async connect(): Promise<void> {
    this.cancelRetry();
    this.problem = null;
    const checked = checkUrl(
      this.url,
      typeof location === 'undefined' ? 'http:' : location.protocol,
      typeof navigator === 'undefined' ? true : navigator.onLine,
    );
    if (!checked.ok) return this.fail(checked.error);
    const protocols = parseProtocols(this.protocolsText);
    if (!protocols.ok) return this.fail(protocols.error);
    this.teardown();
    this.watching = false;
    this.userClosed = false;
    const generation = ++this.generation;
    // "Inside the frames" decodes one connection's conversation: a new connection starts a new one.
    this.messages = [];

    let target = checked.url;
    const tapUrl = this.useTap ? tapUrlFor(checked.url) : null;
    this.tapState = tapUrl ? 'connecting' : 'off';
    this.readyState = 0;
    if (tapUrl) {
      const id = await this.openTapAt(tapUrl, generation);
      if (id === undefined) return;
      if (id !== null) target = withTapId(checked.url, id);
    }
    this.open(target, protocols.protocols, generation);
  }

  /**
   * Watch a connection another client opens (wscat, a script) instead of opening one: with `id`, attach to that id
   * (the server refuses it when another tap watches it); without, get a fresh id to hand to the client.
   */
  async watch(id: string | null): Promise<void> {
    this.cancelRetry();
    this.problem = null;
    const tapUrl = tapUrlFor(this.url, id);
    if (!tapUrl) return this.fail('Watching needs a Framescope server URL ending in /echo.');
    this.teardown();
    const generation = ++this.generation;
    this.watching = true;
    this.tapState = 'connecting';
    if ((await this.openTapAt(tapUrl, generation)) === null) this.watching = false;
  }

  /**
   * Open a tap and record what came of it. Resolves with the issued id, null when there is no tap (or it was
   * refused: `tapInfo.refused` says why), or undefined when a newer attempt replaced this one.
   */
  private async openTapAt(url: string, generation: number): Promise<string | null | undefined> {
    this.note('tap', `Opening the tap ${url}`);
    this.decoder = new TapDecoder();
    this.tapInfo.reset();
    const opening = await openTap(url, (m) => this.onTap(m));
    if (generation !== this.generation) {
      if (opening && 'ws' in opening) opening.ws.close();
      return undefined;
    }
    if (opening && 'ws' in opening) {
      const tap = opening.ws;
      this.tap = tap;
      this.tapState = 'on';
      this.tapInfo.id = opening.id;
      this.note('tap', `The server issued the tap id ${opening.id}`);
      tap.onclose = () => {
        if (this.tap === tap) this.tap = null;
        if (this.watching && this.tap === null) this.tapState = 'off';
      };
      return opening.id;
    }
    this.tapState = 'none';
    if (opening) {
      this.tapInfo.refused = opening.refused;
      this.note('tap', `The server refused the tap: ${opening.refused}. Frames will be reconstructed.`);
    } else this.note('tap', 'No tap answered: frames will be reconstructed.');
    return null;
  }

  /** Stop watching another client's connection. */
  stopWatching(): void {
    this.generation += 1;
    this.teardown();
    this.watching = false;
    this.tapState = 'off';
  }

  /** Ask the server for the handshake again, credentials included (the tap redacted them). */
  reveal(): void {
    if (this.tap?.readyState === 1) this.tap.send(JSON.stringify({ type: 'reveal' }));
  }

  private fail(message: string): void {
    this.problem = message;
    this.note('error', message);
  }

  private open(url: string, protocols: string[], generation: number): void {
    let ws: WebSocket;
    try {
      ws = new WebSocket(url, protocols);
    } catch (err) {
      this.readyState = 3;
      return this.fail(`The browser refused the URL: ${(err as Error).message}`);
    }
    this.ws = ws;
    ws.binaryType = this.binaryType;
    let opened = false;
    this.note('state', `CONNECTING to ${url}${protocols.length ? ` offering ${protocols.join(', ')}` : ''}`);
    this.poll = setInterval(() => {
      this.bufferedAmount = ws.bufferedAmount;
    }, 100);
    ws.onopen = () => {
      opened = true;
      this.attempt = 0;
      this.readyState = ws.readyState;
      this.protocol = ws.protocol;
      this.extensions = ws.extensions;
      this.describeConnection({ url, protocol: ws.protocol, extensions: ws.extensions });
      this.note(
        'open',
        `OPEN · protocol “${ws.protocol || '(none)'}” · extensions “${ws.extensions || '(none)'}”`,
      );
    };
    ws.onmessage = (e) => void this.onMessage(e.data);
    ws.onerror = () => {
      this.note('error', 'error event (the browser gives pages no details; the close event follows)');
    };
    ws.onclose = (e) => {
      if (generation !== this.generation) return;
      this.readyState = 3;
      this.stopPoll();
      this.bufferedAmount = 0;
      this.note('close', `CLOSED · code ${e.code} · reason “${e.reason}” · wasClean ${e.wasClean}`);
      if (!opened) this.fail(explainFailedOpen(url));
      else if (this.tapState !== 'on' && e.wasClean)
        this.addWire(reconstructClose('server', e.code === 1005 ? undefined : e.code, e.reason));
      this.ws = null;
      if (this.autoReconnect && !this.userClosed) this.scheduleRetry();
    };
  }

  private async onMessage(data: unknown): Promise<void> {
    const t = Date.now();
    if (typeof data === 'string') return this.traffic('server', data, t);
    const isBlob = typeof Blob !== 'undefined' && data instanceof Blob;
    const bytes = isBlob ? new Uint8Array(await data.arrayBuffer()) : new Uint8Array(data as ArrayBuffer);
    this.traffic('server', bytes, t, isBlob ? 'Blob' : 'ArrayBuffer');
  }

  /** Log and (without the tap) reconstruct one message in either direction. */
  private traffic(from: Side, payload: string | Uint8Array, t: number, how = ''): void {
    const bytes = typeof payload === 'string' ? encoder.encode(payload) : payload;
    this.note(
      from === 'client' ? 'send' : 'message',
      messageLine(from === 'client' ? 'sent' : 'message', payload, bytes.length, how),
      t,
    );
    const opcode = typeof payload === 'string' ? 1 : 2;
    const message: LiveMessage = {
      direction: from === 'client' ? 'c2s' : 's2c',
      opcode,
      data: bytes,
      time: t,
    };
    this.messages = [...this.messages.slice(-MAX_ENTRIES + 1), message];
    if (this.tapState !== 'on') this.addWire(reconstructMessage(from, opcode, bytes, t));
  }

  private onTap(m: TapMessage): void {
    if (m.type === 'handshake') {
      // Watching another client: each handshake is a new connection. A revealed handshake is the same one again.
      if (this.watching && !m.revealed) {
        this.generation += 1;
        this.describeConnection({ url: '(another client)' });
      }
      this.handshake = { request: m.request, response: m.response, exact: m.requestSource === 'exact' };
      this.describeConnection({ request: m.request, response: m.response });
      this.tapInfo.handshake(m);
      if (m.revealed) return;
    } else if (m.type === 'dropped') {
      this.tapInfo.dropped(m, this.wire.at(-1)?.key ?? 0, this.generation, MAX_ENTRIES);
      this.note('tap', `server: ${m.frames} frames (${m.bytes} bytes) not shown: ${m.reason}`, m.t);
    } else if (m.type === 'note') this.note('tap', `server: ${m.text}`, m.t);
    else if (m.type === 'end')
      this.note(
        'tap',
        `server: TCP connection ended${m.clean ? ' after a clean closing handshake' : ' without a clean closing handshake'}`,
        m.t,
      );
    const frame = this.decoder.accept(m);
    if (frame) this.addWire(frame);
    // The tap has told everything about this connection (a watching tap waits for the client's next one).
    if (m.type === 'end' && !this.watching) this.tap?.close();
  }

  /** Send a message; returns an error to show, or null. */
  send(kind: SendKind, text: string): string | null {
    const ws = this.ws;
    if (!ws || ws.readyState !== 1)
      return 'Not connected: connect first (send() throws while CONNECTING and drops data once CLOSING).';
    const input = readSendInput(kind, text);
    if (!input.ok) return input.error;
    this.sendPayload(input.payload);
    return null;
  }

  async sendFile(file: File): Promise<string | null> {
    if (!this.ws || this.ws.readyState !== 1) return 'Not connected: connect first.';
    this.sendPayload(new Uint8Array(await file.arrayBuffer()), file.name);
    return null;
  }

  private sendPayload(payload: string | Uint8Array, name?: string): void {
    this.ws!.send(typeof payload === 'string' ? payload : new Uint8Array(payload));
    this.bufferedAmount = this.ws!.bufferedAmount;
    this.traffic('client', payload, Date.now(), name ?? '');
  }

  /** Start the closing handshake with an optional code and reason; returns an error to show, or null. */
  close(codeText: string, reason: string): string | null {
    const check = checkCloseInput(codeText, reason);
    if (!check.ok) return check.error;
    this.userClosed = true;
    this.cancelRetry();
    const ws = this.ws;
    if (!ws && this.readyState === 0) {
      // Still waiting for the tap: abandon this attempt before the connection is even created.
      this.generation += 1;
      this.teardown();
      this.readyState = 3;
      this.tapState = 'off';
      this.note('state', 'CLOSED · the attempt was abandoned before the connection was created');
      return null;
    }
    if (!ws || ws.readyState > 1) return 'Not connected.';
    ws.close(check.code, check.code === undefined ? undefined : check.reason);
    this.readyState = ws.readyState;
    this.note('state', `CLOSING · close(${check.code ?? ''}${check.reason ? `, “${check.reason}”` : ''})`);
    if (this.tapState !== 'on') this.addWire(reconstructClose('client', check.code, check.reason));
    return null;
  }

  setBinaryType(type: BinaryType): void {
    this.binaryType = type;
    if (this.ws) this.ws.binaryType = type;
  }

  private scheduleRetry(): void {
    const delay = backoffDelay(this.attempt);
    this.retry = { attempt: this.attempt + 1, delay, ceiling: backoffCeiling(this.attempt) };
    this.note(
      'reconnect',
      `reconnect attempt ${this.attempt + 1} in ${delay} ms (random under ${backoffCeiling(this.attempt)} ms)`,
    );
    this.attempt += 1;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.retry = null;
      void this.connect();
    }, delay);
  }

  cancelRetry(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.retry = null;
  }

  private stopPoll(): void {
    if (this.poll) clearInterval(this.poll);
    this.poll = null;
  }

  private teardown(): void {
    this.stopPoll();
    if (this.ws && this.ws.readyState <= 1) this.ws.close();
    this.ws = null;
    this.tap?.close();
    this.tap = null;
  }

  /** The view is going away: close everything. */
  destroy(): void {
    this.userClosed = true;
    this.generation += 1;
    this.cancelRetry();
    this.teardown();
  }
}
