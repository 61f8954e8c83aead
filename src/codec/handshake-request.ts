/**
 * Checking a client's opening handshake the way a server must (RFC 6455 §4.1, §4.2.1), and the reply a
 * correct server sends when the request is bad.
 */
import { type Extension, isToken, parseExtensions } from './extensions';
import { base64ToBytes } from './handshake-accept';
import { firstFailure, type HandshakeCheck, makeCheck, shown, syntaxCheck } from './handshake-check';
import { buildResponse } from './handshake-build';
import { type HandshakeRequest, headerTokens, headerValues } from './handshake-http';

/** The error reply a correct server sends instead of a 101. */
export interface ServerReply {
  status: number;
  reason: string;
  /** The exact HTTP text. */
  text: string;
  /** Why this status, in one line. */
  why: string;
}

/** What {@link validateRequest} found. */
export interface RequestValidation {
  /** Every check in RFC order: §4.1 client requirements, then §4.2.1 what the server reads. */
  checks: HandshakeCheck[];
  /** True when no check failed: a server may answer 101. */
  ok: boolean;
  /** The first failed check: where a server stops reading. */
  failedAt: HandshakeCheck | null;
  /** The error reply a correct server sends, or `null` when the request is acceptable. */
  reply: ServerReply | null;
  /** What the client offered, for the server's answer and the client's verification. */
  offer: { key: string | null; protocols: string[]; extensions: Extension[] };
}

const ORIGIN_FORM = /^\/[^\s#]*$/;
const ABSOLUTE_FORM = /^(?:wss?|https?):\/\/[^\s/#]+(?:\/[^\s#]*)?$/i;

function clientChecks(req: HandshakeRequest): HandshakeCheck[] {
  const out: HandshakeCheck[] = [];
  out.push(
    syntaxCheck(
      'request-syntax',
      'client-request',
      'The request is valid HTTP/1.1 text',
      'RFC 6455 §4.1 (1)',
      req.problems,
      `A request line and ${req.headers.length} header lines, ended by a blank line.`,
    ),
  );
  const target = req.target ?? '';
  const targetOk = ORIGIN_FORM.test(target) || ABSOLUTE_FORM.test(target);
  out.push(
    makeCheck(
      'request-target',
      'client-request',
      'The Request-URI names the resource',
      'RFC 6455 §4.1 (3), §3',
      [':start-line'],
      targetOk ? 'pass' : 'fail',
      targetOk
        ? `“${target}” is the /resource name/.`
        : target === ''
          ? 'There is no Request-URI.'
          : `“${target}” is neither a path starting with “/” nor an absolute ws/http URI without a #fragment.`,
    ),
  );
  const origins = headerValues(req, 'origin');
  out.push(
    makeCheck(
      'origin',
      'client-request',
      'Origin is sent (every browser sends it)',
      'RFC 6455 §4.1 (8), §4.2.1 (7)',
      ['origin'],
      origins.length === 1 ? 'pass' : 'warn',
      origins.length === 1
        ? `Origin “${origins[0]}”: the server may refuse origins it does not trust (403).`
        : origins.length === 0
          ? 'No Origin: allowed, but the request must not be taken as coming from a browser.'
          : `Origin appears ${origins.length} times.`,
    ),
  );
  const protocols = headerTokens(req, 'sec-websocket-protocol');
  const badProtocol = protocols.find((p) => !isToken(p));
  const duplicate = protocols.find((p, i) => protocols.indexOf(p) !== i);
  const protocolHeaders = headerValues(req, 'sec-websocket-protocol');
  out.push(
    makeCheck(
      'protocol-tokens',
      'client-request',
      'Offered subprotocols are unique tokens',
      'RFC 6455 §4.1 (10), §4.2.1 (8)',
      ['sec-websocket-protocol'],
      badProtocol !== undefined ||
        duplicate !== undefined ||
        (protocolHeaders.length > 0 && protocols.length === 0)
        ? 'fail'
        : 'pass',
      badProtocol !== undefined
        ? `“${badProtocol}” is not a token (no spaces or separators allowed).`
        : duplicate !== undefined
          ? `“${duplicate}” is offered twice.`
          : protocols.length
            ? `Offered, by preference: ${shown(protocols)}.`
            : protocolHeaders.length
              ? 'Sec-WebSocket-Protocol is present but empty.'
              : 'No subprotocol offered (optional).',
    ),
  );
  const extensionHeaders = headerValues(req, 'sec-websocket-extensions');
  const parsed = parseExtensions(extensionHeaders);
  out.push(
    makeCheck(
      'request-extensions-syntax',
      'client-request',
      'Offered extensions follow the §9.1 grammar',
      'RFC 6455 §4.1 (11), §9.1',
      ['sec-websocket-extensions'],
      parsed.errors.length ? 'fail' : 'pass',
      parsed.errors.length
        ? `Sec-WebSocket-Extensions: ${parsed.errors[0]?.message} (column ${(parsed.errors[0]?.column ?? 0) + 1}).`
        : parsed.extensions.length
          ? `Offered: ${parsed.extensions.map((e) => e.name).join(', ')}.`
          : 'No extension offered (optional).',
    ),
  );
  return out;
}

function serverChecks(req: HandshakeRequest): HandshakeCheck[] {
  const out: HandshakeCheck[] = [];
  const version = /^HTTP\/(\d+)\.(\d+)$/.exec(req.httpVersion ?? '');
  const httpOk =
    version !== null && (Number(version[1]) > 1 || (Number(version[1]) === 1 && Number(version[2]) >= 1));
  out.push(
    makeCheck(
      'method',
      'server-reads',
      'A GET request over HTTP/1.1 or higher',
      'RFC 6455 §4.2.1 (1), §4.1 (2)',
      [':start-line'],
      req.method === 'GET' && httpOk ? 'pass' : 'fail',
      req.method === null
        ? 'There is no request line.'
        : req.method !== 'GET'
          ? `The method is ${req.method}; only GET can open a WebSocket.`
          : httpOk
            ? `GET over ${req.httpVersion}.`
            : `${req.httpVersion} is older than HTTP/1.1 (or not an HTTP version).`,
    ),
  );
  const hosts = headerValues(req, 'host');
  out.push(
    makeCheck(
      'host',
      'server-reads',
      'Host names the server',
      'RFC 6455 §4.2.1 (2), §4.1 (4)',
      ['host'],
      hosts.length === 1 && hosts[0] !== '' ? 'pass' : 'fail',
      hosts.length === 1 && hosts[0] !== ''
        ? `Host “${hosts[0]}”.`
        : hosts.length > 1
          ? `Host appears ${hosts.length} times (${shown(hosts)}); HTTP allows exactly one.`
          : 'Host is missing or empty.',
    ),
  );
  const upgrade = headerTokens(req, 'upgrade');
  const upgradeOk = upgrade.some((t) => t.toLowerCase() === 'websocket');
  out.push(
    makeCheck(
      'request-upgrade',
      'server-reads',
      'Upgrade contains “websocket”',
      'RFC 6455 §4.2.1 (3), §4.1 (5)',
      ['upgrade'],
      upgradeOk ? 'pass' : 'fail',
      upgradeOk
        ? `Upgrade: ${upgrade.join(', ')}.`
        : `Upgrade is ${shown(upgrade)}: the server sees a plain HTTP request.`,
    ),
  );
  const connection = headerTokens(req, 'connection');
  const connectionOk = connection.some((t) => t.toLowerCase() === 'upgrade');
  out.push(
    makeCheck(
      'request-connection',
      'server-reads',
      'Connection includes the token “Upgrade”',
      'RFC 6455 §4.2.1 (4), §4.1 (6)',
      ['connection'],
      connectionOk ? 'pass' : 'fail',
      connectionOk
        ? `Connection: ${connection.join(', ')}.`
        : `Connection is ${shown(connection)}: without “Upgrade” a proxy or server ignores the Upgrade header.`,
    ),
  );
  const keys = headerValues(req, 'sec-websocket-key');
  const decoded = keys.length === 1 ? base64ToBytes(keys[0] ?? '') : null;
  out.push(
    makeCheck(
      'key',
      'server-reads',
      'Sec-WebSocket-Key is Base64 of 16 bytes',
      'RFC 6455 §4.2.1 (5), §4.1 (7)',
      ['sec-websocket-key'],
      decoded?.length === 16 ? 'pass' : 'fail',
      keys.length === 0
        ? 'Sec-WebSocket-Key is missing.'
        : keys.length > 1
          ? `Sec-WebSocket-Key appears ${keys.length} times; it must appear once (§11.3.1).`
          : decoded === null
            ? `“${keys[0]}” is not valid padded Base64.`
            : decoded.length === 16
              ? `“${keys[0]}” decodes to 16 bytes.`
              : `“${keys[0]}” decodes to ${decoded.length} bytes, not 16.`,
    ),
  );
  const versions = headerTokens(req, 'sec-websocket-version');
  const versionOk = versions.length === 1 && versions[0] === '13';
  out.push(
    makeCheck(
      'version',
      'server-reads',
      'Sec-WebSocket-Version is 13',
      'RFC 6455 §4.2.1 (6), §4.4',
      ['sec-websocket-version'],
      versionOk ? 'pass' : 'fail',
      versionOk
        ? 'Version 13, the only version RFC 6455 defines.'
        : versions.length === 0
          ? 'Sec-WebSocket-Version is missing.'
          : `Version ${shown(versions)}: the server answers 426 and lists the versions it speaks.`,
    ),
  );
  return out;
}

/** The reply a correct server sends when `failed` ends the handshake. */
function replyFor(failed: HandshakeCheck, versions: string[]): ServerReply {
  if (failed.id === 'version' && versions.length > 0) {
    return {
      status: 426,
      reason: 'Upgrade Required',
      why: 'The version is not one the server speaks: 426 with the versions it does speak (RFC 6455 §4.4).',
      text: buildResponse({
        status: 426,
        reason: 'Upgrade Required',
        upgrade: 'websocket',
        connection: 'Upgrade',
        extraHeaders: [['Sec-WebSocket-Version', '13']],
      }),
    };
  }
  return {
    status: 400,
    reason: 'Bad Request',
    why: `${failed.title}: no. The server stops reading and answers 400 (RFC 6455 §4.2.1).`,
    text: buildResponse({
      status: 400,
      reason: 'Bad Request',
      connection: 'close',
      extraHeaders: [['Content-Length', '0']],
    }),
  };
}

/**
 * Every check a server makes on a client's opening handshake, in RFC order, and the error reply when one fails.
 * Never throws.
 * @example validateRequest(parseRequest(buildRequest({ host: 'a', key: 'dGhlIHNhbXBsZSBub25jZQ==' }))).ok === true
 * @example validateRequest(parseRequest(buildRequest({ host: 'a', key: 'dGhlIHNhbXBsZSBub25jZQ==', version: '8' }))).reply?.status === 426
 * @see RFC 6455 §4.1, §4.2.1, §4.4
 */
export function validateRequest(request: HandshakeRequest): RequestValidation {
  const checks = [...clientChecks(request), ...serverChecks(request)];
  const failedAt = firstFailure(checks);
  const keys = headerValues(request, 'sec-websocket-key');
  return {
    checks,
    ok: failedAt === null,
    failedAt,
    reply: failedAt ? replyFor(failedAt, headerTokens(request, 'sec-websocket-version')) : null,
    offer: {
      key: keys.length === 1 ? (keys[0] ?? null) : null,
      protocols: headerTokens(request, 'sec-websocket-protocol'),
      extensions: parseExtensions(headerValues(request, 'sec-websocket-extensions')).extensions,
    },
  };
}

/**
 * The subprotocol a server picks: the client's most preferred one that the server also speaks, or `null`
 * (then the response must not carry Sec-WebSocket-Protocol at all).
 * @example chooseSubprotocol(['chat', 'superchat'], ['superchat', 'chat']) === 'chat'
 * @see RFC 6455 §4.2.2 (4, /subprotocol/)
 */
export function chooseSubprotocol(offered: readonly string[], supported: readonly string[]): string | null {
  return offered.find((p) => supported.includes(p)) ?? null;
}
