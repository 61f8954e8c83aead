/**
 * The opening handshake end to end (RFC 6455 §4): what a correct server answers to a request.
 * The parts live beside this file: handshake-http.ts (text), handshake-accept.ts (key and accept),
 * handshake-request.ts and handshake-response.ts (the checks).
 */
import { formatExtensions } from './extensions';
import { type AcceptSteps, acceptSteps, type HashBackend } from './handshake-accept';
import { buildResponse } from './handshake-build';
import { type HandshakeCheck, makeCheck } from './handshake-check';
import { type HandshakeRequest, headerValues } from './handshake-http';
import { chooseSubprotocol, type RequestValidation, validateRequest } from './handshake-request';
import {
  negotiatePermessageDeflate,
  type PermessageDeflateServerConfig,
} from './permessage-deflate-negotiation';

/** What the simulated server is willing to speak. */
export interface ServerPolicy {
  /** Subprotocols the server speaks; it picks the client's most preferred of these. */
  protocols?: readonly string[];
  /** Accept permessage-deflate with this configuration; `null` or absent declines every extension. */
  permessageDeflate?: PermessageDeflateServerConfig | null;
  prefer?: HashBackend;
  /**
   * Origins whose pages the server accepts, e.g. `https://chat.example.com`; absent: it does not check Origin.
   * A request without Origin (not a browser) passes.
   */
  allowedOrigins?: readonly string[];
}

/**
 * The server's Origin decision: a browser always sends Origin, so a server that lists the origins it serves can
 * refuse pages of every other site with 403; a client without Origin is not such a page.
 * @example originCheck(parseRequest('GET / HTTP/1.1\r\nOrigin: http://evil.example\r\n\r\n'), ['https://a.example']).status // 'fail'
 * @see RFC 6455 §4.2.2 (4), §10.2
 */
export function originCheck(request: HandshakeRequest, allowed: readonly string[]): HandshakeCheck {
  const origins = headerValues(request, 'origin');
  // RFC 6455 §4.2.2 (4): the origin is serialized to ASCII and converted to lowercase before it is compared.
  const origin = origins[0]?.trim().toLowerCase();
  const ok = origin === undefined || allowed.some((a) => a.trim().toLowerCase() === origin);
  const detail =
    origin === undefined
      ? 'No Origin: not a browser page, so not one another site could send here (§4.1).'
      : ok
        ? `Origin “${origin}” is one the server accepts.`
        : `Origin “${origin}” is not one the server accepts (${allowed.join(', ')}): it answers 403 Forbidden.`;
  return makeCheck(
    'origin-allowed',
    'server-answers',
    'The server accepts pages from this Origin',
    'RFC 6455 §4.2.2 (4), §10.2',
    ['origin'],
    ok ? 'pass' : 'fail',
    detail,
  );
}

/** The request's checks with the Origin decision added; a failed one ends the handshake with 403. */
function withOriginCheck(validation: RequestValidation, check: HandshakeCheck): RequestValidation {
  const checks = [...validation.checks, check];
  if (check.status !== 'fail') return { ...validation, checks };
  return {
    ...validation,
    checks,
    ok: false,
    failedAt: check,
    reply: {
      status: 403,
      reason: 'Forbidden',
      why: 'The page comes from a site this server does not serve: 403 Forbidden, and no WebSocket (RFC 6455 §10.2).',
      text: buildResponse({
        status: 403,
        reason: 'Forbidden',
        connection: 'close',
        extraHeaders: [['Content-Length', '0']],
      }),
    },
  };
}

/** A server's answer and how it was reached. */
export interface ServerAnswer {
  request: RequestValidation;
  /** The accept computation (null when the request was refused before it). */
  accept: AcceptSteps | null;
  protocol: string | null;
  extensions: string | null;
  /** The exact reply text: a 101, or the 400/426 of `request.reply`. */
  text: string;
}

/**
 * What a correct server sends back for a request: a 400/426 when a check fails, a 403 when it checks Origin and
 * does not accept it, else a 101 with the accept value, the chosen subprotocol and the negotiated extensions.
 * @example (await answerRequest(parseRequest(buildRequest({ host: 'a', key: 'dGhlIHNhbXBsZSBub25jZQ==' })), {})).accept?.accept
 *   // 's3pPLMBiTxaQ9kYGzzhZRbK+xOo='
 * @see RFC 6455 §4.2.2
 */
export async function answerRequest(
  request: HandshakeRequest,
  policy: ServerPolicy = {},
): Promise<ServerAnswer> {
  const read = validateRequest(request);
  const validation =
    read.ok && policy.allowedOrigins
      ? withOriginCheck(read, originCheck(request, policy.allowedOrigins))
      : read;
  if (!validation.ok || validation.offer.key === null) {
    return {
      request: validation,
      accept: null,
      protocol: null,
      extensions: null,
      text: validation.reply?.text ?? '',
    };
  }
  const accept = await acceptSteps(validation.offer.key, policy.prefer ? { prefer: policy.prefer } : {});
  const protocol = chooseSubprotocol(validation.offer.protocols, policy.protocols ?? []);
  const negotiated = policy.permessageDeflate
    ? negotiatePermessageDeflate(validation.offer.extensions, policy.permessageDeflate)
    : null;
  const extensions = negotiated?.response ? formatExtensions([negotiated.response]) : null;
  return {
    request: validation,
    accept,
    protocol,
    extensions,
    text: buildResponse({ accept: accept.accept, protocol, extensions }),
  };
}
