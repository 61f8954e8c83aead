/**
 * Decodes large inputs off the main thread so the page keeps answering: reads pasted hex with `parseHex`, walks
 * the bytes with `decodeStream`, and reports progress as it goes. One request at a time; the page terminates
 * the worker to cancel.
 */
import { parseHex } from '../codec/hex';
import { decodeStream } from '../codec/stream';
import { packStream, transferables } from '../lib/transfer/stream';
import type { DecodeRequest, DecodeResponse } from '../lib/transfer/decode-protocol';

const post = (msg: DecodeResponse, transfer: Transferable[] = []) =>
  (self as unknown as { postMessage(m: unknown, t: Transferable[]): void }).postMessage(msg, transfer);

self.onmessage = (e: MessageEvent<DecodeRequest>) => {
  const { id, options } = e.data;
  try {
    let bytes: Uint8Array;
    if (e.data.source === 'text') {
      post({ id, type: 'progress', phase: 'reading hex', done: 0, total: e.data.text.length });
      const parsed = parseHex(e.data.text);
      if (!parsed.ok) {
        const { error, line, column, index, length } = parsed;
        post({ id, type: 'input-error', error, line, column, index, length });
        return;
      }
      bytes = parsed.bytes;
    } else {
      bytes = e.data.bytes;
    }
    const result = decodeStream(bytes, {
      ...options,
      fields: false,
      onProgress: (done, total) => post({ id, type: 'progress', phase: 'decoding', done, total }),
    });
    // Packed and transferred: 100,000 frames as objects would take seconds to clone.
    const packed = packStream(result);
    post({ id, type: 'done', bytes, packed }, [...transferables(packed), bytes.buffer as ArrayBuffer]);
  } catch (err) {
    post({ id, type: 'crash', message: err instanceof Error ? err.message : String(err) });
  }
};
