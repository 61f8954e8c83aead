/**
 * What a Handshake link holds: the scenario, every request field and server setting as edited, a pasted
 * handshake (text, and whether it was checked), and the step of the animation ("step 4").
 */
import { PRESETS, REQUEST_FIELDS, type RequestFields } from '../../content/handshake';
import { bool, type Check, type Infer, int, obj, oneOf, optional, str } from '../../lib/link-schema';

/** The longest header value a link carries. */
const FIELD_CHARS = 4096;
/** The longest pasted handshake a link carries. */
export const LINK_PASTE_CHARS = 16 * 1024;

const fields = obj(
  Object.fromEntries(REQUEST_FIELDS.map((f) => [f.id, str(FIELD_CHARS)])) as Record<
    keyof RequestFields,
    Check<string>
  >,
);

export const handshakeLinkSchema = obj({
  preset: oneOf(PRESETS.map((p) => p.id)),
  fields,
  server: obj({ accept: str(FIELD_CHARS), protocol: str(FIELD_CHARS), extensions: str(FIELD_CHARS) }),
  serverProtocols: str(FIELD_CHARS),
  serverDeflate: bool(),
  fallback: optional(bool(), false),
  mode: oneOf(['edit', 'paste'] as const),
  paste: optional(str(LINK_PASTE_CHARS), ''),
  checked: optional(bool(), false),
  step: optional(int(0, 10_000), 0),
});

export type HandshakeLink = Infer<typeof handshakeLinkSchema>;
