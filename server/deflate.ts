import { formatExtensions, parseExtensions } from '../src/codec/extensions.ts';
import { negotiatePermessageDeflate } from '../src/codec/permessage-deflate-negotiation.ts';
import { createDeflater } from '../src/codec/permessage-deflate.ts';
import type { MessageDeflater, PermessageDeflateParams } from '../src/codec/types.ts';

/** permessage-deflate as accepted by the server: the parameters, the header value it answers, its compressor. */
export interface NegotiatedDeflate {
  params: Required<PermessageDeflateParams>;
  response: string;
  deflater: MessageDeflater;
}

/**
 * The server's answer to the client's `Sec-WebSocket-Extensions` offer: the first acceptable permessage-deflate
 * element, or null (no offer, or none acceptable; a malformed header is declined rather than failed).
 * @see RFC 7692 §5, §7.1
 */
export function negotiateDeflate(offer: string | null): NegotiatedDeflate | null {
  if (offer === null) return null;
  const parsed = parseExtensions(offer);
  const result = negotiatePermessageDeflate(parsed.extensions);
  if (!result.response || !result.params) return null;
  return {
    params: result.params,
    response: formatExtensions([result.response]),
    deflater: createDeflater(result.params, 'server'),
  };
}
