import { answerRequest } from '../../codec/handshake';
import { type AcceptSteps, type HashBackendInfo, hashBackend } from '../../codec/handshake-accept';
import { buildRequest, buildResponse } from '../../codec/handshake-build';
import {
  type HandshakeRequest,
  type HandshakeResponse,
  parseRequest,
  parseResponse,
} from '../../codec/handshake-http';
import type { RequestValidation } from '../../codec/handshake-request';
import { type ResponseValidation, validateResponse } from '../../codec/handshake-response';
import type { RequestFields, ServerOverrides } from '../../content/handshake';
import { buildTimeline, type Step } from './timeline';

/** Everything computed from one set of inputs. */
export interface HandshakeRun {
  requestText: string;
  responseText: string;
  /** Where the response text came from. */
  responseSource: 'server' | 'pasted';
  request: HandshakeRequest;
  response: HandshakeResponse;
  requestChecks: RequestValidation;
  responseChecks: ResponseValidation;
  accept: AcceptSteps | null;
  hash: HashBackendInfo;
  steps: Step[];
}

function emptyToNull(value: string): string | null {
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}

/** The request text the editor fields describe. */
export function requestFromFields(f: RequestFields): string {
  return buildRequest({
    method: f.method.trim() || 'GET',
    path: f.path.trim() || '/',
    host: emptyToNull(f.host),
    upgrade: emptyToNull(f.upgrade),
    connection: emptyToNull(f.connection),
    key: emptyToNull(f.key),
    origin: emptyToNull(f.origin),
    version: emptyToNull(f.version),
    protocols: f.protocols
      .split(',')
      .map((p) => p.trim())
      .filter((p) => p !== ''),
    extensions: emptyToNull(f.extensions),
  });
}

/** Compute a whole run: parse, check, answer, verify, and lay out the animation. */
export async function computeRun(input: {
  requestText: string;
  pastedResponse: string | null;
  overrides: ServerOverrides;
  serverProtocols: string[];
  serverDeflate: boolean;
  /** Origins the server accepts; empty: it does not check Origin. */
  allowedOrigins?: string[];
  forceFallback: boolean;
  source: 'editor' | 'pasted';
}): Promise<HandshakeRun> {
  const prefer = input.forceFallback ? ('noble-hashes' as const) : undefined;
  const request = parseRequest(input.requestText);
  const answer = await answerRequest(request, {
    protocols: input.serverProtocols,
    permessageDeflate: input.serverDeflate ? {} : null,
    ...(prefer ? { prefer } : {}),
    ...(input.allowedOrigins?.length ? { allowedOrigins: input.allowedOrigins } : {}),
  });
  let responseText = answer.text;
  const o = input.overrides;
  if (answer.request.ok && (o.accept.trim() || o.protocol.trim() || o.extensions.trim())) {
    responseText = buildResponse({
      accept: o.accept.trim() || answer.accept?.accept || null,
      protocol: o.protocol.trim() || answer.protocol,
      extensions: o.extensions.trim() || answer.extensions,
    });
  }
  if (input.pastedResponse !== null) responseText = input.pastedResponse;
  const response = parseResponse(responseText);
  const responseChecks = await validateResponse(response, {
    key: answer.request.offer.key,
    offeredProtocols: answer.request.offer.protocols,
    offeredExtensions: answer.request.offer.extensions,
    ...(prefer ? { prefer } : {}),
  });
  const accept = answer.accept ?? responseChecks.expected;
  return {
    requestText: input.requestText,
    responseText,
    responseSource: input.pastedResponse !== null ? 'pasted' : 'server',
    request,
    response,
    requestChecks: answer.request,
    responseChecks,
    accept,
    hash:
      accept?.hash ?? (prefer ? { backend: prefer, reason: 'The fallback was requested.' } : hashBackend()),
    steps: buildTimeline({
      request: answer.request,
      accept: answer.accept,
      response: responseChecks,
      responseStatus: response.status,
      source: input.source,
    }),
  };
}
