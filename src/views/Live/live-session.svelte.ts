/**
 * One live connection through the browser's WebSocket API, its event log, its frames (real from the tap, or
 * reconstructed), reconnects with backoff, and a recording of every message for export.
 */
import { parseHex } from '../../codec';
import type { TapMessage } from '../../../server/tap-protocol';
import { backoffCeiling, backoffDelay } from './backoff';
import { checkCloseInput } from './close-input';
import { checkUrl, explainFailedOpen, parseProtocols } from './connect-errors';
import { newTapId, openTap, tapUrls } from './tap-link';
import { reconstructClose, reconstructMessage, TapDecoder, type Side, type WireFrame } from './wire';

export type LogKind = 'state' | 'open' | 'message' | 'send' | 'error' | 'close' | 'reconnect' | 'tap';
export interface LogEntry {
  key: number;
  t: number;
  kind: LogKind;
  text: string;
}

/** A message as the page saw it, for the recording. */
export interface RecordedEvent {
  t: number;
  from: Side;
  kind: 'text' | 'binary' | 'close';
  data: Uint8Array;
  code?: number;
  reason?: string;
}

export type SendKind = 'text' | 'json' | 'hex';
export type TapState = 'off' | 'connecting' | 'on' | 'none';

const MAX_ENTRIES = 5000;
const encoder = new TextEncoder();

export function defaultUrl(): string {
  if (typeof location === 'undefined' || !/^https?:$/.test(location.protocol))
    return 'ws://127.0.0.1:9001/echo';
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/echo`;
}

function hexPreview(bytes: Uint8Array): string {
  const shown = Array.from(bytes.subarray(0, 16), (b) => b.toString(16).padStart(2, '0')).join(' ');
  return bytes.length > 16 ? `${shown} …` : shown;
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
  handshake = $state.raw<{ request: string; response: string } | null>(null);
  log = $state.raw<LogEntry[]>([]);
  wire = $state.raw<WireFrame[]>([]);
  problem = $state<string | null>(null);
  retry = $state<{ attempt: number; delay: number; ceiling: number } | null>(null);
  recorded = $state.raw<RecordedEvent[]>([]);

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
    this.wire = [...this.wire.slice(-MAX_ENTRIES + 1), frame];
  }

  private record(event: RecordedEvent): void {
    this.recorded = [...this.recorded, event];
  }

  clear(): void {
    this.log = [];
    this.wire = [];
    this.recorded = [];
    this.handshake = null;
  }

  /** Check the inputs, open the tap when the server has one, then the connection. */
  async connect(): Promise<void> {
    this.cancelRetry();
    this.problem = null;
    const checked = checkUrl(this.url, typeof location === 'undefined' ? 'http:' : location.protocol);
    if (!checked.ok) return this.fail(checked.error);
    const protocols = parseProtocols(this.protocolsText);
    if (!protocols.ok) return this.fail(protocols.error);
    this.teardown();
    this.userClosed = false;
    const generation = ++this.generation;

    let target = checked.url;
    const pair = this.useTap ? tapUrls(checked.url, newTapId()) : null;
    this.tapState = pair ? 'connecting' : 'off';
    this.readyState = 0;
    if (pair) {
      this.note('tap', `Opening the tap ${pair.tap}`);
      this.decoder = new TapDecoder();
      const tap = await openTap(pair.tap, (m) => this.onTap(m));
      if (generation !== this.generation) return void tap?.close();
      if (tap) {
        this.tap = tap;
        this.tapState = 'on';
        target = pair.live;
        tap.onclose = () => {
          if (this.tap === tap) this.tap = null;
        };
      } else {
        this.tapState = 'none';
        this.note('tap', 'No tap answered: frames will be reconstructed.');
      }
    }
    this.open(target, protocols.protocols, generation);
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
      this.record({
        t: Date.now(),
        from: 'server',
        kind: 'close',
        data: new Uint8Array(0),
        code: e.code,
        reason: e.reason,
      });
      if (!opened) this.fail(explainFailedOpen(url));
      else if (this.tapState !== 'on' && e.wasClean)
        this.addWire(reconstructClose('server', e.code === 1005 ? undefined : e.code, e.reason));
      this.ws = null;
      if (this.autoReconnect && !this.userClosed) this.scheduleRetry();
    };
  }

  private async onMessage(data: unknown): Promise<void> {
    const t = Date.now();
    if (typeof data === 'string') {
      const bytes = encoder.encode(data);
      this.note(
        'message',
        `message · text · ${bytes.length} B · ${data.length > 200 ? `${data.slice(0, 200)}…` : data}`,
        t,
      );
      this.record({ t, from: 'server', kind: 'text', data: bytes });
      if (this.tapState !== 'on') this.addWire(reconstructMessage('server', 1, bytes, t));
      return;
    }
    const isBlob = typeof Blob !== 'undefined' && data instanceof Blob;
    const bytes = isBlob ? new Uint8Array(await data.arrayBuffer()) : new Uint8Array(data as ArrayBuffer);
    this.note(
      'message',
      `message · binary (${isBlob ? 'Blob' : 'ArrayBuffer'}) · ${bytes.length} B · ${hexPreview(bytes)}`,
      t,
    );
    this.record({ t, from: 'server', kind: 'binary', data: bytes });
    if (this.tapState !== 'on') this.addWire(reconstructMessage('server', 2, bytes, t));
  }

  private onTap(m: TapMessage): void {
    if (m.type === 'handshake') this.handshake = { request: m.request, response: m.response };
    else if (m.type === 'note') this.note('tap', `server: ${m.text}`, m.t);
    else if (m.type === 'end')
      this.note(
        'tap',
        `server: TCP connection ended${m.clean ? ' after a clean closing handshake' : ' without a clean closing handshake'}`,
        m.t,
      );
    const frame = this.decoder.accept(m);
    if (frame) this.addWire(frame);
    // The tap has told everything about this connection.
    if (m.type === 'end') this.tap?.close();
  }

  /** Send a message; returns an error to show, or null. */
  send(kind: SendKind, text: string): string | null {
    const ws = this.ws;
    if (!ws || ws.readyState !== 1)
      return 'Not connected: connect first (send() throws while CONNECTING and drops data once CLOSING).';
    let payload: string | Uint8Array;
    if (kind === 'json') {
      try {
        JSON.parse(text);
      } catch (err) {
        return `Not valid JSON: ${(err as Error).message}`;
      }
      payload = text;
    } else if (kind === 'hex') {
      const parsed = parseHex(text);
      if (!parsed.ok) return `Not hex: ${parsed.error} (line ${parsed.line}, column ${parsed.column})`;
      payload = parsed.bytes;
    } else {
      payload = text;
    }
    this.sendPayload(payload);
    return null;
  }

  async sendFile(file: File): Promise<string | null> {
    if (!this.ws || this.ws.readyState !== 1) return 'Not connected: connect first.';
    this.sendPayload(new Uint8Array(await file.arrayBuffer()), file.name);
    return null;
  }

  private sendPayload(payload: string | Uint8Array, name?: string): void {
    const t = Date.now();
    const bytes = typeof payload === 'string' ? encoder.encode(payload) : payload;
    this.ws!.send(typeof payload === 'string' ? payload : new Uint8Array(payload));
    this.bufferedAmount = this.ws!.bufferedAmount;
    const opcode = typeof payload === 'string' ? 1 : 2;
    this.note(
      'send',
      `sent · ${opcode === 1 ? 'text' : 'binary'}${name ? ` (${name})` : ''} · ${bytes.length} B · ${opcode === 1 ? (payload as string).slice(0, 200) : hexPreview(bytes)}`,
      t,
    );
    this.record({ t, from: 'client', kind: opcode === 1 ? 'text' : 'binary', data: bytes });
    if (this.tapState !== 'on') this.addWire(reconstructMessage('client', opcode, bytes, t));
  }

  /** Start the closing handshake with an optional code and reason; returns an error to show, or null. */
  close(codeText: string, reason: string): string | null {
    const check = checkCloseInput(codeText, reason);
    if (!check.ok) return check.error;
    this.userClosed = true;
    this.cancelRetry();
    const ws = this.ws;
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
