/**
 * permessage-deflate parameters (RFC 7692 §7.1) read from one parsed `Sec-WebSocket-Extensions` element: which
 * are known, which need a value, which values are allowed. Negotiation itself is in
 * `permessage-deflate-negotiation.ts`. Nothing here throws.
 */
import type { Extension, ExtensionParam } from './extensions';

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

/** A checked offer or response element: its parameters, or every problem found in it. */
export type OfferCheck =
  { ok: true; offer: PermessageDeflateOffer } | { ok: false; problems: NegotiationProblem[] };

const WINDOW_BITS = /^(?:[89]|1[0-5])$/;
const PARAMS = [
  'server_no_context_takeover',
  'client_no_context_takeover',
  'server_max_window_bits',
  'client_max_window_bits',
] as const;
type ParamName = (typeof PARAMS)[number];
/** The RFC section ruling each parameter. */
export const PARAM_SECTION: Record<ParamName, string> = {
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
    const rfc = PARAM_SECTION[name];
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
