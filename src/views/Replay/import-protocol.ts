/** Messages between the Replay view and its import worker. Plain data only. */
import type { CaptureImport } from '../../capture';

export interface ImportRequest {
  id: number;
  name: string;
  bytes: Uint8Array;
}

export interface ImportResponse {
  id: number;
  result: CaptureImport;
}
