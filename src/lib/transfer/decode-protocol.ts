/** Messages between the Decoder page and its worker (`src/workers/decode.worker.ts`). Plain data only. */
import type { DecodeStreamOptions } from '../../codec/stream';
import type { PackedStream } from './stream';

export type WorkerOptions = Pick<
  DecodeStreamOptions,
  'direction' | 'permessageDeflate' | 'autoDeflateParams' | 'maxMessageSize'
>;

export type DecodeRequest =
  | { id: number; source: 'text'; text: string; options: WorkerOptions }
  | { id: number; source: 'bytes'; bytes: Uint8Array; options: WorkerOptions };

export type DecodeResponse =
  | { id: number; type: 'progress'; phase: 'reading hex' | 'decoding'; done: number; total: number }
  | {
      id: number;
      type: 'input-error';
      error: string;
      line: number;
      column: number;
      index: number;
      length: number;
    }
  | { id: number; type: 'done'; bytes: Uint8Array; packed: PackedStream }
  | { id: number; type: 'crash'; message: string };
