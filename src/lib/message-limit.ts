/**
 * The "Largest message (MiB)" setting shared by the Decoder and Replay: a number of MiB a person types, turned into
 * the byte limit the codec and the capture importer take (`maxMessageSize`).
 */
import { DEFAULT_MAX_MESSAGE_SIZE } from '../codec/limits';

const MIB = 1024 * 1024;
/** The default, in MiB: 64, as the echo server. */
export const DEFAULT_MESSAGE_MIB = DEFAULT_MAX_MESSAGE_SIZE / MIB;
/** The largest limit offered: 2 GiB, past which a browser tab runs out of memory anyway. */
export const MAX_MESSAGE_MIB = 2048;

/** The limit in bytes for a number of MiB typed in a form (1 MiB to 2 GiB; the default if unreadable). */
export function messageLimitBytes(mib: number): number {
  if (!Number.isFinite(mib) || mib <= 0) return DEFAULT_MAX_MESSAGE_SIZE;
  return Math.round(Math.min(Math.max(mib, 1), MAX_MESSAGE_MIB) * MIB);
}
