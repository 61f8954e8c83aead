/** Messages between the Replay view and its import worker. Plain data only. */
import type { PackedCapture } from '../../capture/transfer';

export interface ImportRequest {
  id: number;
  name: string;
  bytes: Uint8Array;
  /** The largest message to accept, in bytes (the "Largest message" setting). */
  maxMessageSize: number;
}

/** The import, packed into columns whose buffers are transferred (see `src/capture/transfer.ts`). */
export interface ImportResponse {
  id: number;
  packed: PackedCapture;
}
