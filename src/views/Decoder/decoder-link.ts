/**
 * What a Decoder link holds: the bytes (up to `SHARE_LIMIT`), the direction, permessage-deflate (off/on/auto and
 * its parameters), the largest-message limit and the selected frame or message. The older `?hex=…&dir=…&deflate=…` links are still read.
 */
import type { PermessageDeflateParams } from '../../codec/types';
import { base64, bool, type Infer, nullable, obj, oneOf, optional, int } from '../../lib/link-schema';
import { DEFAULT_MESSAGE_MIB, MAX_MESSAGE_MIB } from '../../lib/message-limit';
import { SHARE_LIMIT } from './decoder-export';

const windowBits = nullable(int(8, 15));

export const decoderLinkSchema = obj({
  bytes: base64(SHARE_LIMIT),
  direction: optional(oneOf(['auto', 'c2s', 's2c'] as const), 'auto'),
  deflate: optional(oneOf(['off', 'on', 'auto'] as const), 'off'),
  params: optional(
    obj({
      serverNoContextTakeover: optional(bool(), false),
      clientNoContextTakeover: optional(bool(), false),
      serverMaxWindowBits: windowBits,
      clientMaxWindowBits: windowBits,
    }),
    {
      serverNoContextTakeover: false,
      clientNoContextTakeover: false,
      serverMaxWindowBits: null,
      clientMaxWindowBits: null,
    },
  ),
  limitMiB: optional(int(1, MAX_MESSAGE_MIB), DEFAULT_MESSAGE_MIB),
  /** The frame, message or other span shown ("this exact frame"); the first one when absent or not there. */
  select: optional(
    nullable(obj({ kind: oneOf(['frame', 'message', 'span'] as const), index: int(0, SHARE_LIMIT) })),
    null,
  ),
});

export type DecoderLink = Infer<typeof decoderLinkSchema>;
type LinkParams = DecoderLink['params'];

/** The negotiated parameters as the link writes them (every field present, so the JSON is stable). */
export function paramsToLink(p: PermessageDeflateParams): LinkParams {
  return {
    serverNoContextTakeover: p.serverNoContextTakeover ?? false,
    clientNoContextTakeover: p.clientNoContextTakeover ?? false,
    serverMaxWindowBits: p.serverMaxWindowBits ?? null,
    clientMaxWindowBits: p.clientMaxWindowBits ?? null,
  };
}

/** The parameters as the codec takes them (only what is set). */
export function paramsFromLink(l: LinkParams): PermessageDeflateParams {
  return {
    ...(l.serverNoContextTakeover ? { serverNoContextTakeover: true } : {}),
    ...(l.clientNoContextTakeover ? { clientNoContextTakeover: true } : {}),
    ...(l.serverMaxWindowBits !== null ? { serverMaxWindowBits: l.serverMaxWindowBits } : {}),
    ...(l.clientMaxWindowBits !== null ? { clientMaxWindowBits: l.clientMaxWindowBits } : {}),
  };
}
