/**
 * What a Masking link holds: the payload as typed (text or hex), the key as typed, the cursor ("byte 3, bit 2")
 * and whether the view is unmasking. The cursor is clamped to the payload when restored.
 */
import { bool, int, type Infer, obj, oneOf, optional, str } from '../../lib/link-schema';

/** The longest payload a link carries, as typed (characters). */
export const LINK_PAYLOAD_CHARS = 64 * 1024;

export const maskingLinkSchema = obj({
  mode: oneOf(['text', 'hex'] as const),
  payload: str(LINK_PAYLOAD_CHARS),
  key: str(64),
  position: optional(int(0, 8 * LINK_PAYLOAD_CHARS), 0),
  unmasking: optional(bool(), false),
});

export type MaskingLink = Infer<typeof maskingLinkSchema>;
