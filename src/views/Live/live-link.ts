/**
 * What a Live link holds: the set-up only (URL, subprotocols, tap and reconnect switches, binaryType and the
 * message draft). Never a tap id or credentials: the URL loses its user name, password and any query parameter
 * that looks like a secret, both when a link is written and when one is read. Opening a link never connects.
 */
import { bool, type Infer, obj, oneOf, str } from '../../lib/link-schema';

/** The longest message draft a link carries. */
export const LINK_DRAFT_CHARS = 16 * 1024;

export const liveLinkSchema = obj({
  url: str(2048),
  protocols: str(1024),
  tap: bool(),
  reconnect: bool(),
  binaryType: oneOf(['arraybuffer', 'blob'] as const),
  kind: oneOf(['text', 'json', 'hex'] as const),
  message: str(LINK_DRAFT_CHARS),
});

export type LiveLink = Infer<typeof liveLinkSchema>;

/** Query parameters left out of a link: the tap id and anything named like a credential. */
const SECRET_PARAM = /^tap$|token|key|auth|pass|secret|session|sig|credential|jwt|cookie|code/i;

/** The URL as a link may carry it: no user name or password, no tap id, no secret-looking parameter. */
export function shareableUrl(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    // Not a URL the browser reads: still drop anything that looks like `user:password@`.
    return text.replace(/^([a-z][\w+.-]*:\/\/)[^/?#]*@/i, '$1');
  }
  url.username = '';
  url.password = '';
  for (const name of [...url.searchParams.keys()]) if (SECRET_PARAM.test(name)) url.searchParams.delete(name);
  return url.href;
}
