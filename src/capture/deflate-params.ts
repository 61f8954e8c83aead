/** The permessage-deflate parameters a capture's handshake negotiated (RFC 7692 §7.1). */
import { parseExtensions } from '../codec/extensions';
import { parsePermessageDeflateResponse, PERMESSAGE_DEFLATE } from '../codec/permessage-deflate-params';
import type { PermessageDeflateParams } from '../codec/types';

/** The negotiated permessage-deflate parameters from the response's Sec-WebSocket-Extensions. */
export function deflateFromExtensions(header: string | null): PermessageDeflateParams | null {
  if (!header) return null;
  const ext = parseExtensions(header).extensions.find((e) => e.name === PERMESSAGE_DEFLATE);
  if (!ext) return null;
  const checked = parsePermessageDeflateResponse(ext);
  if (!checked.ok) return {};
  const o = checked.offer;
  return {
    serverNoContextTakeover: o.serverNoContextTakeover,
    clientNoContextTakeover: o.clientNoContextTakeover,
    serverMaxWindowBits: o.serverMaxWindowBits ?? 15,
    clientMaxWindowBits: typeof o.clientMaxWindowBits === 'number' ? o.clientMaxWindowBits : 15,
  };
}
