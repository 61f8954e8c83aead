import type { MessageDeflater, PermessageDeflateParams } from '../src/codec/index.ts';

/** permessage-deflate as accepted by the server: the parameters, the header value it answers, its compressor. */
export interface NegotiatedDeflate {
  params: Required<PermessageDeflateParams>;
  response: string;
  deflater: MessageDeflater;
}

/**
 * The server's answer to the client's `Sec-WebSocket-Extensions` offer.
 * @see RFC 7692 §5, §7.1
 */
export function negotiateDeflate(offer: string | null): NegotiatedDeflate | null {
  void offer;
  return null;
}
