/** Messages between the Replay view and its import worker. Plain data only. */
import type { PackedCapture } from './capture';

export interface ImportRequest {
  id: number;
  name: string;
  bytes: Uint8Array;
}

/** The import, packed into columns whose buffers are transferred (see `src/lib/transfer/capture.ts`). */
export interface ImportResponse {
  id: number;
  packed: PackedCapture;
}
