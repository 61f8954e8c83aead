/**
 * The Lab's results as plain data: what one browser did in each case, from the page and from the wire; how that
 * compares with what the RFC asks and with another browser's recorded table; and the JSON file they travel in.
 */
import type { ExpectedClose, LabCase, LabExpectation } from '../../content/lab/types';

export interface PageSide {
  /** `onopen` fired. */
  opened: boolean;
  /** Each `onmessage`, as `text:SIZE` (UTF-8 bytes) or `binary:SIZE`. */
  messages: string[];
  /** The first characters (text) or bytes (binary) of each message, for people; not compared. */
  previews: string[];
  /** `onerror` fired. */
  error: boolean;
  close: { code: number; reason: string; wasClean: boolean } | null;
  /** Milliseconds from `new WebSocket()` to the close event; not compared. */
  closeMs: number | null;
}

export interface WireSide {
  /** The browser's close frame: its code (null for an empty payload) and reason; null when it sent none. */
  close: { code: number | null; reason: string } | null;
  /** Payloads of the browser's pongs, as text. */
  pongs: string[];
  /** Any other frame the browser sent, one line each. */
  other: string[];
  /** Frames the server got to send (a case stops early once the browser has closed). */
  serverFrames: number;
  /** The server saw the TCP connection end. */
  tcpClosed: boolean;
  /** The negotiated `Sec-WebSocket-Extensions`, or null. */
  extensions: string | null;
}

export interface LabResult {
  id: string;
  page: PageSide;
  /** From the tap; null when the tap could not be opened. */
  wire: WireSide | null;
  /** The case did not end (close event and TCP closed) within its time limit. */
  timedOut: boolean;
}

/** A results file: one browser's run of the whole Lab. */
export interface LabFile {
  format: 'framescope-lab';
  version: 1;
  /** e.g. `Chromium 156.0.8078.79`. */
  browser: string;
  userAgent: string;
  /** ISO date of the run. */
  date: string;
  results: LabResult[];
}

/** A results file for this run, dated now. */
export function labFile(browser: string, userAgent: string, results: LabResult[]): LabFile {
  return {
    format: 'framescope-lab',
    version: 1,
    browser,
    userAgent,
    date: new Date().toISOString(),
    results,
  };
}

/** `Chromium 156.0.8078.79`, `Firefox 140.0` or `Safari 18.2` from a user agent string. */
export function browserName(userAgent: string): string {
  const firefox = /Firefox\/([\d.]+)/.exec(userAgent);
  if (firefox) return `Firefox ${firefox[1]}`;
  const chrome = /(?:Headless)?Chrome\/([\d.]+)/.exec(userAgent);
  if (chrome) return `${/Edg\//.test(userAgent) ? 'Edge' : 'Chromium'} ${chrome[1]}`;
  const safari = /Version\/([\d.]+).*Safari\//.exec(userAgent);
  if (safari) return `Safari ${safari[1]}`;
  return 'This browser';
}

const quoted = (s: string) => (s ? ` “${s}”` : '');

/** The browser's answer on the wire, in words: `close 1002 “reason”`, `empty close`, `no close frame`. */
export function wireCloseText(wire: WireSide | null): string {
  if (!wire) return 'not seen (no tap)';
  if (!wire.close) return wire.tcpClosed ? 'no close frame (TCP closed)' : 'no close frame';
  return wire.close.code === null
    ? 'empty close frame'
    : `close ${wire.close.code}${quoted(wire.close.reason)}`;
}

/** The page's close event in words: `1006, not clean` or `1000 “done”, clean`. */
export function pageCloseText(page: PageSide): string {
  if (!page.close) return 'no close event';
  const { code, reason, wasClean } = page.close;
  return `${code}${quoted(reason)}, ${wasClean ? 'clean' : 'not clean'}`;
}

export function messagesText(messages: readonly string[]): string {
  return messages.length === 0 ? 'no message' : messages.join(', ');
}

function expectedCloseText(close: ExpectedClose): string {
  return close === 'none' ? 'no close frame' : close === 'any' ? 'a close frame' : `close ${close}`;
}

type Expected = Pick<LabExpectation, 'wireClose' | 'messages' | 'pageCode' | 'wasClean'> & {
  pongs?: string[];
};

function differencesFrom(e: Expected, section: string, r: LabResult, who: string): string[] {
  const out: string[] = [];
  if (r.timedOut) out.push(`${who} did not finish the case in time.`);
  if (r.wire) {
    const got = r.wire.close;
    const ok =
      e.wireClose === 'none'
        ? got === null
        : e.wireClose === 'any'
          ? got !== null
          : got?.code === e.wireClose;
    if (!ok) {
      out.push(
        `${who} sends ${wireCloseText(r.wire)}; ${section} asks for ${expectedCloseText(e.wireClose)}.`,
      );
    }
    const pongs = e.pongs ?? [];
    if (r.wire.pongs.join('\n') !== pongs.join('\n')) {
      out.push(
        `${who} sends ${r.wire.pongs.length} pong(s); ${section} asks for ${pongs.length === 0 ? 'none' : pongs.map((p) => `“${p}”`).join(', ')}.`,
      );
    }
  }
  if (r.page.messages.join() !== e.messages.join()) {
    out.push(`The page gets ${messagesText(r.page.messages)}; expected ${messagesText(e.messages)}.`);
  }
  const close = r.page.close;
  if (!close || close.code !== e.pageCode || close.wasClean !== e.wasClean) {
    out.push(
      `The page sees ${pageCloseText(r.page)}; expected ${e.pageCode}, ${e.wasClean ? 'clean' : 'not clean'}.`,
    );
  }
  return out;
}

/**
 * How a result differs from what the specifications ask, one sentence each (empty: it does what they ask, or what
 * the case's alternative allows).
 */
export function differencesFromRfc(c: LabCase, r: LabResult, who: string): string[] {
  const main = differencesFrom(c.expect, c.expect.section, r, who);
  if (main.length === 0 || !c.expect.alternative) return main;
  return differencesFrom(c.expect.alternative, c.expect.section, r, who).length === 0 ? [] : main;
}

/** The reason the RFC also allows this result, when it matches the case's alternative rather than its main answer. */
export function allowedAlternative(c: LabCase, r: LabResult): string | null {
  const alt = c.expect.alternative;
  if (!alt || differencesFrom(c.expect, c.expect.section, r, '').length === 0) return null;
  return differencesFrom(alt, c.expect.section, r, '').length === 0 ? alt.why : null;
}

/** The fields two runs are compared on: behaviour, not timing or previews. */
export function comparable(r: LabResult): string {
  return JSON.stringify({
    messages: r.page.messages,
    opened: r.page.opened,
    error: r.page.error,
    close: r.page.close,
    wire: r.wire && {
      close: r.wire.close,
      pongs: r.wire.pongs,
      other: r.wire.other,
      serverFrames: r.wire.serverFrames,
      tcpClosed: r.wire.tcpClosed,
      extensions: r.wire.extensions,
    },
    timedOut: r.timedOut,
  });
}

/** One line a person can read for a result: page side, then wire side. */
export function resultLine(r: LabResult): string {
  const page = `page: ${messagesText(r.page.messages)}${r.page.error ? ', error' : ''}, close ${pageCloseText(r.page)}`;
  const pongs = r.wire && r.wire.pongs.length ? `, pong ${r.wire.pongs.map((p) => `“${p}”`).join(', ')}` : '';
  return `${page}; wire: ${wireCloseText(r.wire)}${pongs}${r.timedOut ? '; timed out' : ''}`;
}

/**
 * Cases where two runs differ, one readable block each (`id: committed … / recorded …`); empty when they agree.
 * Cases missing from either side count as differences.
 */
export function diffRuns(before: LabFile, after: LabFile): string[] {
  const out: string[] = [];
  const ids = new Set([...before.results.map((r) => r.id), ...after.results.map((r) => r.id)]);
  for (const id of ids) {
    const a = before.results.find((r) => r.id === id);
    const b = after.results.find((r) => r.id === id);
    if (a && b && comparable(a) === comparable(b)) continue;
    out.push(
      `${id}:\n  ${before.browser}: ${a ? resultLine(a) : 'not run'}\n  ${after.browser}: ${b ? resultLine(b) : 'not run'}`,
    );
  }
  return out;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
const strings = (v: unknown): string[] | null =>
  Array.isArray(v) && v.every((x) => typeof x === 'string') ? (v as string[]) : null;

/** A result read field by field from untrusted JSON; null when a field has the wrong shape. */
function readResult(r: unknown): LabResult | null {
  if (!isObject(r) || typeof r.id !== 'string' || !isObject(r.page)) return null;
  const p = r.page;
  const messages = strings(p.messages);
  if (!messages || typeof p.error !== 'boolean') return null;
  const c = p.close;
  const close =
    c === null || c === undefined
      ? null
      : isObject(c) &&
          typeof c.code === 'number' &&
          typeof c.reason === 'string' &&
          typeof c.wasClean === 'boolean'
        ? { code: c.code, reason: c.reason, wasClean: c.wasClean }
        : undefined;
  if (close === undefined) return null;
  let wire: WireSide | null = null;
  if (isObject(r.wire)) {
    const w = r.wire;
    const wc = w.close;
    const wireClose =
      wc === null || wc === undefined
        ? null
        : isObject(wc) && (typeof wc.code === 'number' || wc.code === null) && typeof wc.reason === 'string'
          ? { code: wc.code, reason: wc.reason }
          : undefined;
    const pongs = strings(w.pongs);
    const other = strings(w.other ?? []);
    if (wireClose === undefined || !pongs || !other) return null;
    wire = {
      close: wireClose,
      pongs,
      other,
      serverFrames: typeof w.serverFrames === 'number' ? w.serverFrames : 0,
      tcpClosed: w.tcpClosed === true,
      extensions: typeof w.extensions === 'string' ? w.extensions : null,
    };
  }
  return {
    id: r.id,
    page: {
      opened: p.opened === true,
      messages,
      previews: strings(p.previews) ?? [],
      error: p.error,
      close,
      closeMs: typeof p.closeMs === 'number' ? p.closeMs : null,
    },
    wire,
    timedOut: r.timedOut === true,
  };
}

/** Read a results file; an error in words when it is not one. */
export function parseLabFile(text: string): LabFile | { error: string } {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    return { error: `This is not JSON: ${err instanceof Error ? err.message : String(err)}` };
  }
  if (!isObject(data) || data.format !== 'framescope-lab') {
    return {
      error: 'This JSON is not a Framescope Lab results file (its "format" is not "framescope-lab").',
    };
  }
  if (data.version !== 1)
    return { error: `Lab results version ${String(data.version)} is not supported (1 is).` };
  if (!Array.isArray(data.results)) return { error: 'The file has no "results" list.' };
  const results: LabResult[] = [];
  for (const [i, raw] of data.results.entries()) {
    const r = readResult(raw);
    if (!r)
      return { error: `Result ${i + 1} is not a Lab result (a field is missing or has the wrong type).` };
    results.push(r);
  }
  return {
    format: 'framescope-lab',
    version: 1,
    browser: typeof data.browser === 'string' ? data.browser : 'Imported browser',
    userAgent: typeof data.userAgent === 'string' ? data.userAgent : '',
    date: typeof data.date === 'string' ? data.date : '',
    results,
  };
}
