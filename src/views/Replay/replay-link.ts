/**
 * What a Replay link holds: a bundled sample (by file name) or a small imported capture (its bytes), the chosen
 * connection and the selected frame ("frame 14"). A larger capture has no link: the view offers the session file.
 */
import { base64, type Infer, int, nullable, obj, str } from '../../lib/link-schema';

/** The largest capture carried in a link (bytes, before compression). */
export const LINK_CAPTURE_BYTES = 24 * 1024;

/** A file name is shown as text only; path separators and markup characters are still refused. */
const fileName = str(255, /^[^<>"'`\\/]*$/);

export const replayLinkSchema = obj({
  sample: nullable(str(200, /^[\w.-]+$/)),
  file: nullable(obj({ name: fileName, bytes: base64(LINK_CAPTURE_BYTES) })),
  connection: nullable(str(200)),
  frame: int(-1, 10_000_000),
});

export type ReplayLink = Infer<typeof replayLinkSchema>;

/** Where the open capture came from: what a link can carry of it. */
export type ReplaySource = { sample: string } | { name: string; bytes: Uint8Array | null; size: number };
