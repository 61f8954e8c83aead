/**
 * One STOMP 1.2 frame read from bytes (stomp.github.io/stomp-specification-1.2.html, "Augmented BNF"):
 *   frame = command EOL *( header EOL ) EOL *OCTET NULL *( EOL ),  EOL = [CR] LF
 * with the header escapes of "Value Encoding" and the body length of "Header content-length".
 */
import type { ByteSource } from './byte-source';
import { lenientText, utf8Text } from './text';
import type { Field } from './types';
import { bytesValue } from './values';

export const CLIENT_COMMANDS = [
  'CONNECT',
  'STOMP',
  'SEND',
  'SUBSCRIBE',
  'UNSUBSCRIBE',
  'ACK',
  'NACK',
  'BEGIN',
  'COMMIT',
  'ABORT',
  'DISCONNECT',
] as const;
export const SERVER_COMMANDS = ['CONNECTED', 'MESSAGE', 'RECEIPT', 'ERROR'] as const;

/** Headers each frame must carry ("Client Frames", "Server Frames"). */
const REQUIRED: Readonly<Record<string, readonly string[]>> = {
  CONNECT: ['accept-version', 'host'],
  STOMP: ['accept-version', 'host'],
  CONNECTED: ['version'],
  SEND: ['destination'],
  SUBSCRIBE: ['destination', 'id'],
  UNSUBSCRIBE: ['id'],
  ACK: ['id'],
  NACK: ['id'],
  BEGIN: ['transaction'],
  COMMIT: ['transaction'],
  ABORT: ['transaction'],
  MESSAGE: ['destination', 'message-id', 'subscription'],
  RECEIPT: ['receipt-id'],
};
const MAY_HAVE_BODY = new Set(['SEND', 'MESSAGE', 'ERROR']);

export interface StompFrame {
  command: string;
  /** Header values after unescaping; a repeated header keeps its first value ("Repeated Header Entries"). */
  headers: Map<string, string>;
  body: Uint8Array;
  fields: Field[];
  problems: string[];
  /** Where the frame starts and ends (after its trailing EOLs) in the source. */
  start: number;
  end: number;
}

export type StompRead =
  | { kind: 'frame'; frame: StompFrame }
  /** EOLs where a frame could start: heart-beats ("Heart-beating"). */
  | { kind: 'heart-beat'; start: number; end: number }
  /** The bytes end before the frame does. */
  | { kind: 'incomplete'; reason: string };

const LF = 0x0a;
const CR = 0x0d;
const NUL = 0x00;

function eolLength(bytes: Uint8Array, at: number): number {
  if (bytes[at] === LF) return 1;
  if (bytes[at] === CR && bytes[at + 1] === LF) return 2;
  return 0;
}

/** "Value Encoding": \r \n \c \\ ; anything else after a backslash is a fatal error. */
function unescape(text: string): { value: string; bad: string | null } {
  let bad: string | null = null;
  const value = text.replace(/\\(.?)/gs, (all, c: string) => {
    const map: Record<string, string> = { r: '\r', n: '\n', c: ':', '\\': '\\' };
    const out = map[c];
    if (out === undefined) {
      bad ??= all;
      return all;
    }
    return out;
  });
  return { value, bad };
}

/** Read the frame (or the heart-beat EOLs) starting at `start` of the source. */
export function readStompFrame(src: ByteSource, start: number): StompRead {
  const bytes = src.bytes;
  let pos = start;
  if (eolLength(bytes, pos) > 0) {
    while (eolLength(bytes, pos) > 0) pos += eolLength(bytes, pos);
    return { kind: 'heart-beat', start, end: pos };
  }
  if (bytes[pos] === CR && pos + 1 >= bytes.length) return { kind: 'incomplete', reason: 'a lone CR' };

  const problems: string[] = [];
  const lines: { start: number; end: number; text: string }[] = [];
  // The command and header lines, up to the empty line.
  for (;;) {
    const lf = bytes.indexOf(LF, pos);
    if (lf < 0)
      return {
        kind: 'incomplete',
        reason: lines.length === 0 ? 'no EOL after the command' : 'no empty line after the headers',
      };
    const end = lf > pos && bytes[lf - 1] === CR ? lf - 1 : lf;
    const text = lenientText(bytes.subarray(pos, end));
    const lineStart = pos;
    pos = lf + 1;
    if (text === '' && lines.length > 0) break;
    lines.push({ start: lineStart, end, text });
    if (lines.length === 1 && text === '') break;
  }
  const [commandLine, ...headerLines] = lines;
  const command = commandLine?.text ?? '';
  const fields: Field[] = [
    {
      name: 'command',
      value: command,
      span: src.span(commandLine?.start ?? start, commandLine?.end ?? start),
    },
  ];
  const known =
    (CLIENT_COMMANDS as readonly string[]).includes(command) ||
    (SERVER_COMMANDS as readonly string[]).includes(command);
  if (!known)
    problems.push(
      `byte ${src.span(start, start + 1).start}: "${command.slice(0, 40)}" is not a STOMP 1.2 command`,
    );

  const headers = new Map<string, string>();
  const headerFields: Field[] = [];
  // CONNECT and CONNECTED frames are not escaped, for 1.0 compatibility ("Value Encoding").
  const escaped = command !== 'CONNECT' && command !== 'CONNECTED';
  for (const line of headerLines) {
    const colon = line.text.indexOf(':');
    const span = src.span(line.start, line.end);
    if (colon < 0) {
      problems.push(
        `byte ${span.start}: header line "${line.text.slice(0, 40)}" has no ':' (STOMP 1.2 Augmented BNF)`,
      );
      headerFields.push({ name: line.text, value: null, span });
      continue;
    }
    let name = line.text.slice(0, colon);
    let value = line.text.slice(colon + 1);
    if (escaped) {
      const n = unescape(name);
      const v = unescape(value);
      const bad = n.bad ?? v.bad;
      if (bad)
        problems.push(
          `byte ${span.start}: "${bad}" is not a STOMP 1.2 escape (Value Encoding: a fatal protocol error)`,
        );
      name = n.value;
      value = v.value;
    }
    if (!headers.has(name)) headers.set(name, value);
    headerFields.push({ name, value, span });
  }
  if (headerLines.length > 0) {
    const first = headerLines[0];
    const last = headerLines[headerLines.length - 1];
    fields.push({
      name: 'headers',
      value: `${headerLines.length}`,
      span: src.span(first?.start ?? 0, last?.end ?? 0),
      children: headerFields,
    });
  }
  for (const name of REQUIRED[command] ?? []) {
    if (!headers.has(name)) problems.push(`${command} needs a "${name}" header (STOMP 1.2, ${command})`);
  }

  // The body: content-length octets, else up to the first NUL.
  const bodyStart = pos;
  let bodyEnd: number;
  const declared = headers.get('content-length');
  if (declared !== undefined && /^\d+$/.test(declared)) {
    bodyEnd = bodyStart + Number(declared);
    if (bodyEnd >= bytes.length)
      return { kind: 'incomplete', reason: `content-length ${declared} runs past the bytes` };
    if (bytes[bodyEnd] !== NUL) {
      problems.push(
        `byte ${src.span(bodyEnd, bodyEnd + 1).start}: content-length is ${declared} but the body is not followed by NULL there`,
      );
      const nul = bytes.indexOf(NUL, bodyEnd);
      if (nul < 0) return { kind: 'incomplete', reason: 'no NULL ends the frame' };
      bodyEnd = nul;
    }
  } else {
    if (declared !== undefined) problems.push(`content-length "${declared}" is not a number of octets`);
    bodyEnd = bytes.indexOf(NUL, bodyStart);
    if (bodyEnd < 0) return { kind: 'incomplete', reason: 'no NULL ends the frame' };
  }
  const body = bytes.subarray(bodyStart, bodyEnd);
  if (body.length > 0) {
    const text = utf8Text(body);
    fields.push({ name: 'body', value: text ?? bytesValue(body), span: src.span(bodyStart, bodyEnd) });
    if (!MAY_HAVE_BODY.has(command) && known)
      problems.push(`${command} must not have a body (STOMP 1.2: only SEND, MESSAGE and ERROR have one)`);
  }
  pos = bodyEnd + 1;
  while (eolLength(bytes, pos) > 0) pos += eolLength(bytes, pos);
  return { kind: 'frame', frame: { command, headers, body, fields, problems, start, end: pos } };
}
