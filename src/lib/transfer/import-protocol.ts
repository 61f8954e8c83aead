/** Messages between the Replay view and its import worker. Plain data only. */
import type { PackedCapture } from './capture';

/**
 * A capture to import: its bytes (transferred, not copied, when they fill their buffer), or the file itself, which
 * the worker reads as a stream so the page never holds the file's bytes at all.
 */
export type ImportRequest = {
  id: number;
  name: string;
  /** The largest message to accept, in bytes (the "Largest message" setting). */
  maxMessageSize: number;
} & ({ bytes: Uint8Array } | { file: Blob });

/** The import, packed into columns whose buffers are transferred (see `src/lib/transfer/capture.ts`). */
export interface ImportResponse {
  id: number;
  packed: PackedCapture;
}
