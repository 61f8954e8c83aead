/**
 * Imports large captures off the main thread so the page keeps answering. One request at a time. A file arrives as
 * a Blob and is read here as a stream into one buffer of its size, so the page never holds its bytes.
 */
import { importCapture } from '../capture';
import { captureTransferables, packCapture } from '../lib/transfer/capture';
import type { ImportRequest, ImportResponse } from '../lib/transfer/import-protocol';

const post = (msg: ImportResponse, transfer: Transferable[]) =>
  (self as unknown as { postMessage(m: unknown, t: Transferable[]): void }).postMessage(msg, transfer);

/** The Blob's bytes, read chunk by chunk into one buffer (no second copy of the whole file). */
async function readAll(file: Blob): Promise<Uint8Array> {
  const out = new Uint8Array(file.size);
  let at = 0;
  const reader = file.stream().getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    out.set(value.subarray(0, out.length - at), at);
    at += value.length;
  }
  return at === out.length ? out : out.subarray(0, at);
}

self.onmessage = async (e: MessageEvent<ImportRequest>) => {
  const request = e.data;
  let bytes: Uint8Array;
  try {
    bytes = 'file' in request ? await readAll(request.file) : request.bytes;
  } catch (err) {
    const error = `the file could not be read: ${err instanceof Error ? err.message : String(err)}`;
    const packed = packCapture({ name: request.name, format: null, connections: [], warnings: [], error });
    post({ id: request.id, packed }, captureTransferables(packed));
    return;
  }
  // Packed and transferred: 100,000 frames as objects take about a second to clone on the page's side.
  const packed = packCapture(importCapture(request.name, bytes, { maxMessageSize: request.maxMessageSize }));
  post({ id: request.id, packed }, captureTransferables(packed));
};
