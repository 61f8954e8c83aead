/** Imports large captures off the main thread so the page keeps answering. One request at a time. */
import { importCapture } from '../capture';
import { captureTransferables, packCapture } from '../lib/transfer/capture';
import type { ImportRequest, ImportResponse } from '../lib/transfer/import-protocol';

const post = (msg: ImportResponse, transfer: Transferable[]) =>
  (self as unknown as { postMessage(m: unknown, t: Transferable[]): void }).postMessage(msg, transfer);

self.onmessage = (e: MessageEvent<ImportRequest>) => {
  const { id, name, bytes } = e.data;
  // Packed and transferred: 100,000 frames as objects take about a second to clone on the page's side.
  const packed = packCapture(importCapture(name, bytes));
  post({ id, packed }, captureTransferables(packed));
};
