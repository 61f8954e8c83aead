/**
 * permessage-deflate negotiation (RFC 7692 §5–§7.1): what a client may offer, what a server answers, and how a
 * client checks that answer. Works on the parsed `Sec-WebSocket-Extensions` elements of `extensions.ts`.
 * Nothing here throws: every rejection comes back with its reasons and the RFC section behind each.
 */
import type { Extension, ExtensionParam } from './extensions';
import {
  PARAM_SECTION as SECTION,
  PERMESSAGE_DEFLATE,
  parsePermessageDeflateOffer,
  parsePermessageDeflateResponse,
  type NegotiationProblem,
  type PermessageDeflateOffer,
} from './permessage-deflate-params';
import type { PermessageDeflateParams } from './types';

export { PERMESSAGE_DEFLATE };

/** What a server may configure; each field is a wish the negotiation combines with the client's offer. */
export interface PermessageDeflateServerConfig {
  /** The server resets its compressor after each message. */
  serverNoContextTakeover?: boolean;
  /** The server asks the client to reset its compressor after each message. */
  clientNoContextTakeover?: boolean;
  /** The server's own window limit, 8–15. */
  serverMaxWindowBits?: number;
  /** The limit the server sets on the client's window, 8–15 (only possible when the client offered the parameter). */
  clientMaxWindowBits?: number;
}

/** The outcome of {@link negotiatePermessageDeflate}. */
export interface ServerNegotiation {
  /** Index in `offers` of the accepted element, or -1 when none was acceptable (or none was offered). */
  acceptedIndex: number;
  /** The element to send back in `Sec-WebSocket-Extensions`, or null to decline. */
  response: Extension | null;
  /** What both ends use from now on, every field filled; null when declined. */
  params: Required<PermessageDeflateParams> | null;
  /** Each permessage-deflate element that was passed over, with why. */
  declined: { index: number; problems: NegotiationProblem[] }[];
}

/** The outcome of {@link validatePermessageDeflateResponse}. */
export type ResponseCheck =
  | {
      ok: true;
      /** What both ends use from now on, every field filled; null when the server did not accept the extension. */
      params: Required<PermessageDeflateParams> | null;
      /** Index in `offers` of the first offer the response fits, or -1 when not negotiated. */
      offerIndex: number;
    }
  | { ok: false; problems: NegotiationProblem[] };

function responseParams(
  serverNoContextTakeover: boolean,
  clientNoContextTakeover: boolean,
  serverMaxWindowBits: number | undefined,
  clientMaxWindowBits: number | undefined,
): ExtensionParam[] {
  const params: ExtensionParam[] = [];
  if (serverNoContextTakeover) params.push({ name: 'server_no_context_takeover', value: true });
  if (clientNoContextTakeover) params.push({ name: 'client_no_context_takeover', value: true });
  if (serverMaxWindowBits !== undefined) {
    params.push({ name: 'server_max_window_bits', value: String(serverMaxWindowBits) });
  }
  if (clientMaxWindowBits !== undefined) {
    params.push({ name: 'client_max_window_bits', value: String(clientMaxWindowBits) });
  }
  return params;
}

function minDefined(a: number | undefined, b: number | undefined): number | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return Math.min(a, b);
}

/**
 * What a server does with the client's `Sec-WebSocket-Extensions`: accept the first well-formed permessage-deflate
 * element (at most one is accepted, §5), combining it with its own wishes; elements for other extensions are ignored.
 * An offered `server_no_context_takeover` is always honoured, window limits take the smaller of both sides, and
 * `client_max_window_bits` is only sent when the client offered it.
 *
 * @example
 * negotiatePermessageDeflate(parseExtensions('permessage-deflate; client_max_window_bits').extensions, {})
 * // { acceptedIndex: 0, response: { name: 'permessage-deflate', params: [] },
 * //   params: { serverNoContextTakeover: false, clientNoContextTakeover: false,
 * //             serverMaxWindowBits: 15, clientMaxWindowBits: 15 }, declined: [] }
 * @see RFC 7692 §5, §7.1
 */
export function negotiatePermessageDeflate(
  offers: readonly Extension[],
  config: PermessageDeflateServerConfig = {},
): ServerNegotiation {
  const declined: ServerNegotiation['declined'] = [];
  for (const [index, extension] of offers.entries()) {
    if (extension.name !== PERMESSAGE_DEFLATE) continue;
    const check = parsePermessageDeflateOffer(extension);
    if (!check.ok) {
      declined.push({ index, problems: check.problems });
      continue;
    }
    const offer = check.offer;
    const serverNoContextTakeover = offer.serverNoContextTakeover || config.serverNoContextTakeover === true;
    const clientNoContextTakeover = offer.clientNoContextTakeover || config.clientNoContextTakeover === true;
    const serverBits = minDefined(offer.serverMaxWindowBits, config.serverMaxWindowBits);
    // Bare client_max_window_bits only says "I can honour a limit"; a number is the client's own limit, echoed so
    // both ends agree; the server may lower it but never raise it.
    const offeredClientBits = offer.clientMaxWindowBits === true ? undefined : offer.clientMaxWindowBits;
    const clientBits =
      offer.clientMaxWindowBits === undefined
        ? undefined
        : minDefined(offeredClientBits, config.clientMaxWindowBits);
    return {
      acceptedIndex: index,
      response: {
        name: PERMESSAGE_DEFLATE,
        params: responseParams(serverNoContextTakeover, clientNoContextTakeover, serverBits, clientBits),
      },
      params: {
        serverNoContextTakeover,
        clientNoContextTakeover,
        serverMaxWindowBits: serverBits ?? 15,
        clientMaxWindowBits: clientBits ?? 15,
      },
      declined,
    };
  }
  return { acceptedIndex: -1, response: null, params: null, declined };
}

/** How one response fits one offer: the parameters in force, or what does not fit. */
function fitResponse(
  offer: PermessageDeflateOffer,
  response: PermessageDeflateOffer,
): { params: Required<PermessageDeflateParams> } | { problems: NegotiationProblem[] } {
  const problems: NegotiationProblem[] = [];
  if (offer.serverNoContextTakeover && !response.serverNoContextTakeover) {
    problems.push({
      message: 'the offer has server_no_context_takeover, so an accepting server must answer with it too',
      rfc: SECTION.server_no_context_takeover,
    });
  }
  if (offer.serverMaxWindowBits !== undefined) {
    if (response.serverMaxWindowBits === undefined) {
      problems.push({
        message: `the offer has server_max_window_bits=${offer.serverMaxWindowBits}, so an accepting server must answer with a value no larger`,
        rfc: SECTION.server_max_window_bits,
      });
    } else if (response.serverMaxWindowBits > offer.serverMaxWindowBits) {
      problems.push({
        message: `server_max_window_bits=${response.serverMaxWindowBits} is larger than the offered ${offer.serverMaxWindowBits}`,
        rfc: SECTION.server_max_window_bits,
      });
    }
  }
  const answered = response.clientMaxWindowBits === true ? undefined : response.clientMaxWindowBits;
  if (answered !== undefined) {
    if (offer.clientMaxWindowBits === undefined) {
      problems.push({
        message: `client_max_window_bits=${answered} in the response, but the offer did not have client_max_window_bits`,
        rfc: SECTION.client_max_window_bits,
      });
    } else if (offer.clientMaxWindowBits !== true && answered > offer.clientMaxWindowBits) {
      problems.push({
        message: `client_max_window_bits=${answered} is larger than the offered ${offer.clientMaxWindowBits}`,
        rfc: SECTION.client_max_window_bits,
      });
    }
  }
  if (problems.length > 0) return { problems };
  const offeredClientBits = offer.clientMaxWindowBits === true ? undefined : offer.clientMaxWindowBits;
  return {
    params: {
      serverNoContextTakeover: response.serverNoContextTakeover,
      // A client that offered client_no_context_takeover keeps its promise even if the server did not echo it.
      clientNoContextTakeover: response.clientNoContextTakeover || offer.clientNoContextTakeover,
      serverMaxWindowBits: response.serverMaxWindowBits ?? 15,
      clientMaxWindowBits: answered ?? offeredClientBits ?? 15,
    },
  };
}

/**
 * What a client does with the server's `Sec-WebSocket-Extensions`: the permessage-deflate element, if any, must be
 * the only one, well formed, and fit one of the client's offers (no parameter the offer did not allow, no
 * `client_max_window_bits` unless offered, no window larger than offered). Other extensions are ignored here.
 *
 * @example
 * validatePermessageDeflateResponse(
 *   parseExtensions('permessage-deflate; client_max_window_bits').extensions,
 *   parseExtensions('permessage-deflate; client_max_window_bits=10').extensions,
 * ) // { ok: true, offerIndex: 0, params: { …, clientMaxWindowBits: 10, serverMaxWindowBits: 15 } }
 * @see RFC 7692 §5, §7.1
 */
export function validatePermessageDeflateResponse(
  offers: readonly Extension[],
  response: readonly Extension[],
): ResponseCheck {
  const answered = response.filter((extension) => extension.name === PERMESSAGE_DEFLATE);
  const [element] = answered;
  if (element === undefined) return { ok: true, params: null, offerIndex: -1 };
  if (answered.length > 1) {
    return {
      ok: false,
      problems: [
        {
          message: `the response accepts ${PERMESSAGE_DEFLATE} ${answered.length} times`,
          rfc: 'RFC 7692 §5',
        },
      ],
    };
  }
  const parsed = parsePermessageDeflateResponse(element);
  if (!parsed.ok) return parsed;
  const problems: NegotiationProblem[] = [];
  const candidates = offers.flatMap((extension, index) =>
    extension.name === PERMESSAGE_DEFLATE ? [index] : [],
  );
  for (const index of candidates) {
    const offer = parsePermessageDeflateOffer(offers[index]!);
    if (!offer.ok) continue;
    const fit = fitResponse(offer.offer, parsed.offer);
    if ('params' in fit) return { ok: true, params: fit.params, offerIndex: index };
    const prefix = candidates.length > 1 ? `against offer ${index + 1}: ` : '';
    problems.push(...fit.problems.map((p) => ({ ...p, message: prefix + p.message })));
  }
  if (candidates.length === 0) {
    problems.push({
      message: `the server accepted ${PERMESSAGE_DEFLATE}, which the client did not offer`,
      rfc: 'RFC 6455 §4.1',
    });
  } else if (problems.length === 0) {
    problems.push({
      message: `none of the client's ${PERMESSAGE_DEFLATE} offers is well formed`,
      rfc: 'RFC 7692 §7.1',
    });
  }
  return { ok: false, problems };
}
