/**
 * The HTTP/1.1 text of the opening handshake (RFC 6455 §4.1, §4.2.2): parse it tolerantly, build it exactly.
 */

/** One header line as received: the name keeps its case, the value is trimmed of surrounding whitespace. */
export interface HttpHeader {
  name: string;
  value: string;
  /** 1-based line number in the parsed text. */
  line: number;
}

/** Something in the text the parser could not read, or read only by being lenient. */
export interface ParseProblem {
  /** 1-based line number (0 when it concerns the whole text). */
  line: number;
  /** The offending line, as written. */
  text: string;
  message: string;
  /** `warning`: read anyway (e.g. bare `\n` line endings); `error`: ignored or unreadable. */
  severity: 'error' | 'warning';
}

interface HttpMessage {
  headers: HttpHeader[];
  problems: ParseProblem[];
  /** Anything after the blank line that ends the headers (empty in a handshake). */
  body: string;
}

/** A parsed client opening handshake. */
export interface HandshakeRequest extends HttpMessage {
  kind: 'request';
  /** `null` when the text has no readable request line. */
  method: string | null;
  target: string | null;
  httpVersion: string | null;
}

/** A parsed server opening handshake (or error reply). */
export interface HandshakeResponse extends HttpMessage {
  kind: 'response';
  httpVersion: string | null;
  /** `null` when the text has no readable status line. */
  status: number | null;
  reason: string | null;
}

/** RFC 7230 §3.2.6 token characters. */
export const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const REQUEST_LINE = /^(\S+) (\S+) (HTTP\/\S+)$/;
const STATUS_LINE = /^(HTTP\/\S+) (\d{3})(?: (.*))?$/;

function splitLines(text: string, problems: ParseProblem[]): string[] {
  const lines = text.split('\n');
  const bare = lines.slice(0, -1).some((l) => !l.endsWith('\r'));
  if (bare) {
    problems.push({
      line: 0,
      text: '',
      message: 'Some lines end with a bare \\n instead of \\r\\n (HTTP requires CRLF); read anyway.',
      severity: 'warning',
    });
  }
  return lines.map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
}

/** Read header lines from `start` up to the blank line; returns the body after it. */
function readHeaders(lines: string[], start: number, out: HttpMessage): void {
  let i = start;
  for (; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (line === '') break;
    const lineNo = i + 1;
    if (/^[ \t]/.test(line)) {
      const prev = out.headers[out.headers.length - 1];
      if (prev) {
        prev.value = `${prev.value} ${line.trim()}`.trim();
        out.problems.push({
          line: lineNo,
          text: line,
          message:
            'A folded header line (starts with whitespace) is obsolete (RFC 7230 §3.2.4); joined to the previous header.',
          severity: 'warning',
        });
      } else {
        out.problems.push({
          line: lineNo,
          text: line,
          message: 'A continuation line with no header before it.',
          severity: 'error',
        });
      }
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) {
      out.problems.push({
        line: lineNo,
        text: line,
        message: 'Not a header line (expected “Name: value”).',
        severity: 'error',
      });
      continue;
    }
    const name = line.slice(0, colon);
    if (!TOKEN.test(name)) {
      out.problems.push({
        line: lineNo,
        text: line,
        message: `“${name}” is not a valid header name (a token, with no spaces before the colon).`,
        severity: 'error',
      });
      continue;
    }
    out.headers.push({ name, value: line.slice(colon + 1).trim(), line: lineNo });
  }
  out.body = lines.slice(i + 1).join('\r\n');
}

/** Skip leading blank lines (common in pasted text). */
function firstContentLine(lines: string[]): number {
  let i = 0;
  while (i < lines.length && (lines[i] ?? '').trim() === '') i++;
  return i;
}

/**
 * Parse a client's opening handshake. Tolerant of `\n` line endings, header-name case, repeated headers and
 * text without a request line (e.g. headers copied from DevTools); whatever it cannot read is in `problems`.
 * Never throws.
 * @example parseRequest('GET /chat HTTP/1.1\r\nHost: server.example.com\r\n\r\n').target === '/chat'
 * @see RFC 6455 §4.1, §4.2.1
 */
export function parseRequest(text: string): HandshakeRequest {
  const req: HandshakeRequest = {
    kind: 'request',
    method: null,
    target: null,
    httpVersion: null,
    headers: [],
    problems: [],
    body: '',
  };
  const lines = splitLines(text, req.problems);
  const first = firstContentLine(lines);
  const line = (lines[first] ?? '').trim();
  const m = REQUEST_LINE.exec(line);
  if (m) {
    req.method = m[1] ?? null;
    req.target = m[2] ?? null;
    req.httpVersion = m[3] ?? null;
    readHeaders(lines, first + 1, req);
  } else {
    req.problems.push({
      line: first + 1,
      text: line,
      message: 'No request line (expected “GET /path HTTP/1.1”); reading the rest as headers.',
      severity: 'error',
    });
    readHeaders(lines, first, req);
  }
  return req;
}

/**
 * Parse a server's reply to the opening handshake, as tolerantly as {@link parseRequest}. Never throws.
 * @example parseResponse('HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n\r\n').status === 101
 * @see RFC 6455 §4.2.2, §4.1
 */
export function parseResponse(text: string): HandshakeResponse {
  const res: HandshakeResponse = {
    kind: 'response',
    httpVersion: null,
    status: null,
    reason: null,
    headers: [],
    problems: [],
    body: '',
  };
  const lines = splitLines(text, res.problems);
  const first = firstContentLine(lines);
  const line = (lines[first] ?? '').trim();
  const m = STATUS_LINE.exec(line);
  if (m) {
    res.httpVersion = m[1] ?? null;
    res.status = Number(m[2]);
    res.reason = m[3] ?? '';
    readHeaders(lines, first + 1, res);
  } else {
    res.problems.push({
      line: first + 1,
      text: line,
      message: 'No status line (expected “HTTP/1.1 101 Switching Protocols”); reading the rest as headers.',
      severity: 'error',
    });
    readHeaders(lines, first, res);
  }
  return res;
}

/**
 * Split pasted text holding a request, a response, or both (in either order) into the two messages.
 * A request starts at a line like `GET /path HTTP/1.1`, a response at one like `HTTP/1.1 101 …`.
 * Text with neither is taken as request headers.
 * @example splitHandshakeText('GET / HTTP/1.1\nHost: a\n\nHTTP/1.1 101 OK\n').response?.startsWith('HTTP/1.1 101')
 * @see RFC 6455 §4.1
 */
export function splitHandshakeText(text: string): { request: string | null; response: string | null } {
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  const starts: { index: number; kind: 'request' | 'response' }[] = [];
  lines.forEach((l, index) => {
    const t = l.trim();
    if (STATUS_LINE.test(t)) starts.push({ index, kind: 'response' });
    else if (REQUEST_LINE.test(t)) starts.push({ index, kind: 'request' });
  });
  if (starts.length === 0)
    return text.trim() === '' ? { request: null, response: null } : { request: text, response: null };
  const out: { request: string | null; response: string | null } = { request: null, response: null };
  starts.forEach((s, i) => {
    const end = starts[i + 1]?.index ?? lines.length;
    if (out[s.kind] === null) out[s.kind] = lines.slice(s.index, end).join('\r\n').trim() + '\r\n\r\n';
  });
  return out;
}

/**
 * All values of a header, in order, across repeated lines (names compared case-insensitively).
 * @example headerValues(parseRequest('GET / HTTP/1.1\r\nhost: a\r\n\r\n'), 'Host') // ['a']
 * @see RFC 7230 §3.2.2
 */
export function headerValues(message: { headers: HttpHeader[] }, name: string): string[] {
  const lower = name.toLowerCase();
  return message.headers.filter((h) => h.name.toLowerCase() === lower).map((h) => h.value);
}

/**
 * The comma-separated elements of a header across repeated lines, trimmed, empty elements dropped
 * (RFC 7230 §7 `#rule`). Use for Connection, Upgrade and Sec-WebSocket-Protocol, whose elements hold no commas.
 * @example headerTokens(parseRequest('GET / HTTP/1.1\r\nConnection: keep-alive, Upgrade\r\n\r\n'), 'connection') // ['keep-alive', 'Upgrade']
 * @see RFC 6455 §4.1 (item 6), RFC 7230 §7
 */
export function headerTokens(message: { headers: HttpHeader[] }, name: string): string[] {
  return headerValues(message, name)
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter((v) => v !== '');
}
