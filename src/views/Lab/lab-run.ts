/**
 * Runs Lab cases in this browser: one connection per case to `/echo?lab=ID`, watched from both sides: the page's
 * WebSocket events, and the browser's own frames as the server's tap copied them. Bytes from the tap go through the
 * codec; what comes out is plain data (`LabResult`).
 */
import { parseClosePayload } from '../../codec/close';
import { decodeFrame } from '../../codec/frame';
import type { LabCase } from '../../content/lab/types';
import type { TapMessage } from '../../lib/tap-protocol';
import { parseTapMessage } from '../Live/wire';
import type { LabResult, WireSide } from './lab-results';

/** The server's WebSocket base for the page it serves: `ws://host` (or `wss://`). */
export function defaultServer(): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}`;
}

interface UserAgentData {
  getHighEntropyValues(hints: string[]): Promise<{ fullVersionList?: { brand: string; version: string }[] }>;
}

/**
 * The full version of a Chromium-based browser (`Chromium 156.0.8078.129`), which its reduced user agent string hides
 * (`Chrome/156.0.0.0`); null elsewhere or when the browser will not say.
 */
export async function fullChromiumName(): Promise<string | null> {
  const data = (navigator as Navigator & { userAgentData?: UserAgentData }).userAgentData;
  if (!data) return null;
  try {
    const { fullVersionList = [] } = await data.getHighEntropyValues(['fullVersionList']);
    const names: Record<string, string> = {
      'Google Chrome': 'Chrome',
      'Microsoft Edge': 'Edge',
      Chromium: 'Chromium',
    };
    const b = fullVersionList.find((x) => x.brand in names);
    return b ? `${names[b.brand]} ${b.version}` : null;
  } catch {
    return null;
  }
}

/** A tap on its way: resolves with the open socket and the id the server gave it, or an error in words. */
function openTap(
  server: string,
  onMessage: (m: TapMessage) => void,
  timeoutMs: number,
): Promise<{ ws: WebSocket; id: string } | { error: string }> {
  const url = `${server}/tap`;
  return new Promise((resolve) => {
    let ws: WebSocket;
    try {
      ws = new WebSocket(url);
    } catch (err) {
      resolve({
        error: `${url} is not a WebSocket URL (${err instanceof Error ? err.message : String(err)}).`,
      });
      return;
    }
    let settled = false;
    const settle = (value: { ws: WebSocket; id: string } | { error: string }) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if ('error' in value) ws.close();
      resolve(value);
    };
    const timer = setTimeout(
      () => settle({ error: `No answer from ${url} within ${timeoutMs / 1000} s.` }),
      timeoutMs,
    );
    ws.onmessage = (e) => {
      const m = typeof e.data === 'string' ? parseTapMessage(e.data) : null;
      if (!m) return;
      if (m.type === 'hello') settle({ ws, id: m.id });
      else onMessage(m);
    };
    ws.onerror = () =>
      settle({ error: `Could not connect to ${url}: nothing answered, or not a WebSocket server.` });
    ws.onclose = () => settle({ error: `${url} closed before saying hello: not a Framescope tap.` });
  });
}

/** Whether a Framescope server (echo and tap) answers at `server`: null if so, else the reason in words. */
export async function probeServer(server: string, timeoutMs = 10_000): Promise<string | null> {
  const tap = await openTap(server, () => {}, timeoutMs);
  if ('error' in tap) return tap.error;
  tap.ws.close();
  return null;
}

const utf8 = new TextDecoder();

/** The browser's frames and the server's, as the tap copied them, read with the codec. */
function readWire(messages: TapMessage[]): WireSide {
  const wire: WireSide = {
    close: null,
    pongs: [],
    other: [],
    serverFrames: 0,
    tcpClosed: false,
    extensions: null,
  };
  for (const m of messages) {
    if (m.type === 'handshake') wire.extensions = m.extensions;
    if (m.type === 'end') wire.tcpClosed = true;
    if (m.type === 'note' && /^The server sent a \d+-byte frame/.test(m.text)) wire.serverFrames++;
    if (m.type !== 'frame') continue;
    if (m.from === 'server') {
      wire.serverFrames++;
      continue;
    }
    const bytes = Uint8Array.from(atob(m.bytes), (ch) => ch.charCodeAt(0));
    const f = decodeFrame(bytes, 0, { role: 'server', fields: false });
    if (f.incomplete) {
      wire.other.push(`a cut-off frame of ${bytes.length} bytes`);
    } else if (f.opcode === 0x8) {
      const close = parseClosePayload(f.payload);
      wire.close = { code: close.code ?? null, reason: close.reason };
    } else if (f.opcode === 0xa) {
      wire.pongs.push(utf8.decode(f.payload));
    } else {
      wire.other.push(`${f.opcodeName} frame of ${f.payloadLength} bytes`);
    }
  }
  return wire;
}

function preview(data: unknown): { kind: string; size: number; preview: string } {
  if (typeof data === 'string') {
    return { kind: 'text', size: new TextEncoder().encode(data).length, preview: data.slice(0, 40) };
  }
  const bytes = new Uint8Array(data as ArrayBuffer);
  const hex = Array.from(bytes.subarray(0, 12), (b) => b.toString(16).padStart(2, '0')).join(' ');
  return { kind: 'binary', size: bytes.length, preview: hex + (bytes.length > 12 ? ' …' : '') };
}

export interface RunOptions {
  /** The server's base, e.g. `ws://127.0.0.1:5173`. */
  server: string;
  /** How long a case may take before it counts as timed out (default 30 s). */
  timeoutMs?: number;
  /** Aborts the run (the case's sockets are closed, the result says timed out). */
  signal?: AbortSignal;
}

/**
 * Run one case: open the tap, then `/echo?lab=ID&tap=…`; record the page's events and the browser's frames until the
 * page's close event has fired and the server has seen TCP close (or the time limit).
 * @see RFC 6455 §7.1.7, §7.1.5
 */
export async function runCase(c: LabCase, options: RunOptions): Promise<LabResult | { error: string }> {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const tapMessages: TapMessage[] = [];
  let onTap = () => {};
  const tap = await openTap(
    options.server,
    (m) => {
      tapMessages.push(m);
      onTap();
    },
    Math.min(timeoutMs, 15_000),
  );
  if ('error' in tap) return tap;

  const result: LabResult = {
    id: c.id,
    page: { opened: false, messages: [], previews: [], error: false, close: null, closeMs: null },
    wire: null,
    timedOut: false,
  };
  const started = performance.now();
  const ws = new WebSocket(
    `${options.server}/echo?lab=${encodeURIComponent(c.id)}&tap=${encodeURIComponent(tap.id)}`,
  );
  ws.binaryType = 'arraybuffer';

  await new Promise<void>((resolve) => {
    const check = () => {
      if (result.page.close && tapMessages.some((m) => m.type === 'end')) finish(false);
    };
    const finish = (timedOut: boolean) => {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', abort);
      result.timedOut = timedOut;
      resolve();
    };
    const abort = () => finish(true);
    const timer = setTimeout(() => finish(true), timeoutMs);
    options.signal?.addEventListener('abort', abort);
    onTap = check;
    ws.onopen = () => (result.page.opened = true);
    ws.onmessage = (e) => {
      const p = preview(e.data);
      result.page.messages.push(`${p.kind}:${p.size}`);
      result.page.previews.push(p.preview);
    };
    ws.onerror = () => (result.page.error = true);
    ws.onclose = (e) => {
      result.page.close = { code: e.code, reason: e.reason, wasClean: e.wasClean };
      result.page.closeMs = Math.round(performance.now() - started);
      check();
    };
  });
  if (ws.readyState !== WebSocket.CLOSED) ws.close();
  tap.ws.close();
  result.wire = readWire(tapMessages);
  return result;
}
