/**
 * permessage-deflate negotiation (RFC 7692 §5–§7.1): what a client may offer, what a server answers, and how a
 * client checks that answer. Works on the parsed `Sec-WebSocket-Extensions` elements of `extensions.ts`.
 * Nothing here throws: every rejection comes back with its reasons and the RFC section behind each.
 */
import type { Extension, ExtensionParam } from './extensions';
import type { PermessageDeflateParams } from './types';

/** The extension name, as registered (RFC 7692 §7). */
export const PERMESSAGE_DEFLATE = 'permessage-deflate';

/** One reason an offer or a response is not acceptable. */
export interface NegotiationProblem {
  /** Plain English with the offending values, e.g. `server_max_window_bits=16 is not an integer from 8 to 15`. */
  message: string;
  /** The rule behind it, e.g. `RFC 7692 §7.1.2.1`. */
  rfc: string;
}

/** A client's permessage-deflate offer, as written, once it is known to be well formed (RFC 7692 §7.1). */
export interface PermessageDeflateOffer {
  serverNoContextTakeover: boolean;
  clientNoContextTakeover: boolean;
  /** The largest window the client lets the server use, when it set one. */
  serverMaxWindowBits?: number;
  /** `true`: the client can honour a limit the server sets; a number: the client's own limit; absent: neither. */
  clientMaxWindowBits?: number | true;
}

export type OfferCheck =
  { ok: true; offer: PermessageDeflateOffer } | { ok: false; problems: NegotiationProblem[] };

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

const WINDOW_BITS = /^(?:[89]|1[0-5])$/;
const PARAMS = [
  'server_no_context_takeover',
  'client_no_context_takeover',
  'server_max_window_bits',
  'client_max_window_bits',
] as const;
type ParamName = (typeof PARAMS)[number];
const SECTION: Record<ParamName, string> = {
  server_no_context_takeover: 'RFC 7692 §7.1.1.1',
  client_no_context_takeover: 'RFC 7692 §7.1.1.2',
  server_max_window_bits: 'RFC 7692 §7.1.2.1',
  client_max_window_bits: 'RFC 7692 §7.1.2.2',
};

function show(param: ExtensionParam): string {
  return param.value === true ? param.name : `${param.name}=${param.value}`;
}

/** Parameters common to offers and responses; `bareClientBits` allows `client_max_window_bits` without a value. */
function readParams(extension: Extension, bareClientBits: boolean): OfferCheck {
  const problems: NegotiationProblem[] = [];
  const seen = new Set<string>();
  const offer: PermessageDeflateOffer = { serverNoContextTakeover: false, clientNoContextTakeover: false };
  for (const param of extension.params) {
    const name = param.name as ParamName;
    if (!PARAMS.includes(name)) {
      problems.push({ message: `unknown parameter "${show(param)}"`, rfc: 'RFC 7692 §7.1' });
      continue;
    }
    if (seen.has(name)) {
      problems.push({ message: `"${name}" appears more than once`, rfc: 'RFC 7692 §7.1' });
      continue;
    }
    seen.add(name);
    const rfc = SECTION[name];
    if (name === 'server_no_context_takeover' || name === 'client_no_context_takeover') {
      if (param.value !== true) problems.push({ message: `"${show(param)}" must not have a value`, rfc });
      else if (name === 'server_no_context_takeover') offer.serverNoContextTakeover = true;
      else offer.clientNoContextTakeover = true;
    } else if (param.value === true) {
      if (name === 'client_max_window_bits' && bareClientBits) offer.clientMaxWindowBits = true;
      else problems.push({ message: `"${name}" needs a value from 8 to 15`, rfc });
    } else if (!WINDOW_BITS.test(param.value)) {
      problems.push({
        message: `"${show(param)}" is not an integer from 8 to 15 without leading zeros`,
        rfc,
      });
    } else if (name === 'server_max_window_bits') {
      offer.serverMaxWindowBits = Number(param.value);
    } else {
      offer.clientMaxWindowBits = Number(param.value);
    }
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, offer };
}

/**
 * Checks one element a client offers. `client_max_window_bits` may be bare; everything else as §7.1 says.
 *
 * @example
 * parsePermessageDeflateOffer({ name: 'permessage-deflate', params: [{ name: 'client_max_window_bits', value: true }] })
 * // { ok: true, offer: { serverNoContextTakeover: false, clientNoContextTakeover: false, clientMaxWindowBits: true } }
 * @see RFC 7692 §7.1
 */
export function parsePermessageDeflateOffer(extension: Extension): OfferCheck {
  if (extension.name !== PERMESSAGE_DEFLATE) {
    return {
      ok: false,
      problems: [{ message: `"${extension.name}" is not ${PERMESSAGE_DEFLATE}`, rfc: 'RFC 7692 §7' }],
    };
  }
  return readParams(extension, true);
}

/**
 * Checks one element a server answers with, on its own (use {@link validatePermessageDeflateResponse} to check it
 * against the offers). Unlike an offer, `client_max_window_bits` must have a value.
 *
 * @example
 * parsePermessageDeflateResponse({ name: 'permessage-deflate', params: [{ name: 'client_max_window_bits', value: true }] })
 * // { ok: false, problems: [{ message: '"client_max_window_bits" needs a value from 8 to 15', rfc: 'RFC 7692 §7.1.2.2' }] }
 * @see RFC 7692 §7.1
 */
export function parsePermessageDeflateResponse(extension: Extension): OfferCheck {
  if (extension.name !== PERMESSAGE_DEFLATE) {
    return {
      ok: false,
      problems: [{ message: `"${extension.name}" is not ${PERMESSAGE_DEFLATE}`, rfc: 'RFC 7692 §7' }],
    };
  }
  return readParams(extension, false);
}

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
