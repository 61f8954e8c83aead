/**
 * The opening handshake end to end (RFC 6455 §4): what a correct server answers to a request.
 * The parts live beside this file: handshake-http.ts (text), handshake-accept.ts (key and accept),
 * handshake-request.ts and handshake-response.ts (the checks).
 */
import { formatExtensions } from './extensions';
import { type AcceptSteps, acceptSteps, type HashBackend } from './handshake-accept';
import { buildResponse } from './handshake-build';
import type { HandshakeRequest } from './handshake-http';
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
 * What a correct server sends back for a request: a 400/426 when a check fails, else a 101 with the accept
 * value, the chosen subprotocol and the negotiated extensions.
 * @example (await answerRequest(parseRequest(buildRequest({ host: 'a', key: 'dGhlIHNhbXBsZSBub25jZQ==' })), {})).accept?.accept
 *   // 's3pPLMBiTxaQ9kYGzzhZRbK+xOo='
 * @see RFC 6455 §4.2.2
 */
export async function answerRequest(
  request: HandshakeRequest,
  policy: ServerPolicy = {},
): Promise<ServerAnswer> {
  const validation = validateRequest(request);
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
