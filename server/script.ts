import { describeCloseCode } from '../src/codec/close.ts';
import { Opcode, type FrameSpec } from '../src/codec/types.ts';

/** Protocol errors the server can commit on purpose (`?bad=…`), so a class can watch the browser fail the connection. */
export const BAD_KINDS = ['rsv1', 'rsv2', 'opcode', 'mask', 'utf8', 'control', 'continuation'] as const;
export type BadKind = (typeof BAD_KINDS)[number];

/**
 * What `/echo` does on this connection, read from its URL query:
 * - `ping=5s`       the server pings every 5 s (also `500ms`, or a bare number of seconds)
 * - `fragment=3`    every echo is split into 3 frames
 * - `close=4000`    after echoing the first message the server closes with 4000 (`reason=…` sets the reason)
 * - `bad=rsv1`      after echoing the first message the server sends a frame that breaks the protocol ({@link BAD_KINDS})
 * - `slow=1`        every echo waits 1 s (also `250ms`)
 * - `deflate=0`     refuse permessage-deflate even when offered
 * - `max=1024`      a smaller maxMessageSize for this connection (bigger messages fail with 1009)
 * - `tap=ID`        stream this connection's handshake and frames to the tap that holds ID (an id the server issued)
 */
export interface Script {
  pingEveryMs: number | null;
  fragments: number;
  closeCode: number | null;
  closeReason: string;
  bad: BadKind | null;
  slowMs: number;
  deflate: boolean;
  maxMessageSize: number;
  tapId: string | null;
}

export const TAP_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** Milliseconds from `5s`, `500ms` or `5` (seconds); null when unreadable. */
export function parseDuration(text: string): number | null {
  const m = /^(\d+(?:\.\d+)?)(ms|s)?$/.exec(text.trim());
  if (!m) return null;
  const n = Number(m[1]);
  return m[2] === 'ms' ? n : n * 1000;
}

function intIn(text: string, min: number, max: number): number | null {
  if (!/^\d+$/.test(text)) return null;
  const n = Number(text);
  return n >= min && n <= max ? n : null;
}

/** Reads the query; an unreadable value is an error the handshake answers with 400 and these words. */
export function parseScript(params: URLSearchParams, maxMessageSize: number): Script | { error: string } {
  const script: Script = {
    pingEveryMs: null,
    fragments: 1,
    closeCode: null,
    closeReason: '',
    bad: null,
    slowMs: 0,
    deflate: true,
    maxMessageSize,
    tapId: null,
  };
  for (const [key, value] of params) {
    switch (key) {
      case 'ping': {
        const ms = parseDuration(value);
        if (ms === null || ms < 100 || ms > 3_600_000)
          return { error: `ping=${value}: use a duration from 100ms to 3600s` };
        script.pingEveryMs = ms;
        break;
      }
      case 'fragment': {
        const n = intIn(value, 1, 1000);
        if (n === null) return { error: `fragment=${value}: use a number of frames from 1 to 1000` };
        script.fragments = n;
        break;
      }
      case 'close': {
        const n = intIn(value, 1000, 4999);
        if (n === null || !describeCloseCode(n).allowedOnWire) {
          return {
            error: `close=${value}: not a close code a server may send (1000–1003, 1007–1014, 3000–4999)`,
          };
        }
        script.closeCode = n;
        break;
      }
      case 'reason':
        if (new TextEncoder().encode(value).length > 123) return { error: 'reason: at most 123 UTF-8 bytes' };
        script.closeReason = value;
        break;
      case 'bad':
        if (!(BAD_KINDS as readonly string[]).includes(value))
          return { error: `bad=${value}: use one of ${BAD_KINDS.join(', ')}` };
        script.bad = value as BadKind;
        break;
      case 'slow': {
        const ms = parseDuration(value);
        if (ms === null || ms > 60_000) return { error: `slow=${value}: use a delay up to 60s` };
        script.slowMs = ms;
        break;
      }
      case 'deflate':
        script.deflate = value !== '0' && value !== 'false';
        break;
      case 'max': {
        const n = intIn(value, 0, maxMessageSize);
        if (n === null) return { error: `max=${value}: use a size from 0 to ${maxMessageSize} bytes` };
        script.maxMessageSize = n;
        break;
      }
      case 'tap':
        if (!TAP_ID.test(value)) return { error: 'tap: an id of 1–64 letters, digits, - or _' };
        script.tapId = value;
        break;
      default:
        break;
    }
  }
  return script;
}

const text = (s: string) => new TextEncoder().encode(s);

/**
 * The frame a `?bad=` script sends, and what it shows. With permessage-deflate negotiated RSV1 is legal on a data
 * frame, so `rsv1` then sets it on a ping, where it never is.
 * @see RFC 6455 §5.2, §5.5, §8.1
 */
export function badFrame(kind: BadKind, deflate: boolean): { spec: FrameSpec; note: string } {
  switch (kind) {
    case 'rsv1':
      return deflate
        ? { spec: { opcode: Opcode.Ping, rsv1: true, payload: text('rsv1') }, note: 'a ping with RSV1 = 1' }
        : {
            spec: { opcode: Opcode.Text, rsv1: true, payload: text('rsv1') },
            note: 'a text frame with RSV1 = 1 and no extension',
          };
    case 'rsv2':
      return {
        spec: { opcode: Opcode.Text, rsv2: true, payload: text('rsv2') },
        note: 'a text frame with RSV2 = 1',
      };
    case 'opcode':
      return {
        spec: { opcode: 0x3, payload: text('reserved') },
        note: 'a frame with the reserved opcode 0x3',
      };
    case 'mask':
      return {
        spec: { opcode: Opcode.Text, mask: new Uint8Array([1, 2, 3, 4]), payload: text('masked') },
        note: 'a masked frame (servers must not mask)',
      };
    case 'utf8':
      return {
        spec: { opcode: Opcode.Text, payload: new Uint8Array([0x62, 0x61, 0x64, 0x20, 0xc3, 0x28]) },
        note: 'a text frame whose payload is not UTF-8 (c3 28)',
      };
    case 'control':
      return {
        spec: { opcode: Opcode.Ping, payload: new Uint8Array(126) },
        note: 'a ping with a 126-byte payload',
      };
    case 'continuation':
      return {
        spec: { opcode: Opcode.Continuation, payload: text('orphan') },
        note: 'a continuation frame with no message to continue',
      };
  }
}
