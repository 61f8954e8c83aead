/**
 * What the tap hides from a handshake unless the page asks to see it: credentials a projector, a screenshot or an
 * exported session should not show.
 *
 * The rule:
 * 1. `Cookie`, `Authorization` and `Proxy-Authorization`: the whole value, always (they exist to carry credentials).
 * 2. `Sec-WebSocket-Protocol` (request and response) and the negotiated protocol: each comma-separated token that
 *    looks like a credential, and only those. A token looks like one when it
 *    a. is a JWT: three dot-separated base64url parts, the first starting `eyJ` (base64 of `{"`);
 *    b. names a credential and carries one: `bearer`, `token`, `access_token`, `auth`, `authorization`, `api_key`,
 *       `apikey`, `secret`, `password`, `jwt` or `session`, then `.`, `_`, `-`, `=` or `:`, then at least 8 more
 *       characters (`base64url.bearer.authorization.k8s.io.…`, `token.c2VjcmV0…`);
 *    c. is long and random-looking: at least 20 characters, all of them base64, base64url or hex characters (or
 *       dots), with at least two of uppercase letters, lowercase letters and digits appearing 3 times or more
 *       (random base64, hex strings, UUIDs).
 *    Protocol names stay: `graphql-transport-ws`, `mqtt`, `v12.stomp`, `wamp.2.json`, `com.example.chat.v2.json`.
 * A replaced value reads `[redacted: N bytes]`.
 */
import type { Redaction } from '../src/lib/tap-protocol.ts';

const ALWAYS = new Set(['cookie', 'authorization', 'proxy-authorization']);
const TOKENS = 'sec-websocket-protocol';

const JWT = /^eyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;
const NAMED =
  /(?:^|[._:=-])(?:bearer|token|access_token|auth|authorization|api_key|apikey|secret|password|jwt|session)[._:=-][^\s,]{8,}/i;
const RANDOM_ALPHABET = /^[A-Za-z0-9+/=_.-]{20,}$/;

const count = (text: string, re: RegExp) => text.match(re)?.length ?? 0;

/** Which rule makes a subprotocol token a credential, in words; null when it is shown. */
export function credentialRule(token: string): string | null {
  if (JWT.test(token)) return 'looks like a JWT';
  if (NAMED.test(token)) return 'names a credential';
  if (RANDOM_ALPHABET.test(token)) {
    const classes = [/[A-Z]/g, /[a-z]/g, /[0-9]/g].filter((re) => count(token, re) >= 3).length;
    if (classes >= 2) return 'long and random-looking';
  }
  return null;
}

export const placeholder = (bytes: number) => `[redacted: ${bytes} bytes]`;

const byteLength = (latin1: string) => latin1.length;

/** Replace credential tokens in a comma-separated header value, keeping the commas and spaces around them. */
function redactTokens(value: string, header: string, found: Redaction[]): string {
  return value.replace(/[^,\s]+/g, (token) => {
    const rule = credentialRule(token);
    if (!rule) return token;
    found.push({ header, part: 'token', bytes: byteLength(token), rule });
    return placeholder(byteLength(token));
  });
}

/**
 * An HTTP head (request or response, one character per byte) with credentials replaced, and what was replaced.
 * Only header lines change: the start line and the line ends stay as they were.
 */
export function redactHead(head: string): { text: string; redacted: Redaction[] } {
  const redacted: Redaction[] = [];
  const lines = head.split('\r\n');
  const text = lines
    .map((line, i) => {
      const colon = line.indexOf(':');
      if (i === 0 || colon <= 0 || /[\s]/.test(line.slice(0, colon))) return line;
      const name = line.slice(0, colon);
      // Split "name:  value  " by hand: a regular expression with a lazy value and trailing blanks is quadratic.
      let start = colon + 1;
      while (line[start] === ' ' || line[start] === '\t') start++;
      let end = line.length;
      while (end > start && (line[end - 1] === ' ' || line[end - 1] === '\t')) end--;
      const [head, value, trailing] = [line.slice(0, start), line.slice(start, end), line.slice(end)];
      const lower = name.toLowerCase();
      if (ALWAYS.has(lower) && value !== '') {
        redacted.push({ header: name, part: 'value', bytes: byteLength(value), rule: 'always a credential' });
        return `${head}${placeholder(byteLength(value))}${trailing}`;
      }
      if (lower === TOKENS) return `${head}${redactTokens(value, name, redacted)}${trailing}`;
      return line;
    })
    .join('\r\n');
  return { text, redacted };
}

/** The negotiated subprotocol as the tap shows it. */
export function redactProtocol(protocol: string | null): string | null {
  if (protocol === null) return null;
  return credentialRule(protocol) ? placeholder(byteLength(protocol)) : protocol;
}
