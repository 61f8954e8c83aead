/** Imports large captures off the main thread so the page keeps answering. One request at a time. */
import { importCapture } from '../../capture';
import { captureTransferables, packCapture } from '../../capture/transfer';
import type { ImportRequest, ImportResponse } from './import-protocol';

const post = (msg: ImportResponse, transfer: Transferable[]) =>
  (self as unknown as { postMessage(m: unknown, t: Transferable[]): void }).postMessage(msg, transfer);

self.onmessage = (e: MessageEvent<ImportRequest>) => {
  const { id, name, bytes, maxMessageSize } = e.data;
  // Packed and transferred: 100,000 frames as objects take about a second to clone on the page's side.
  const packed = packCapture(importCapture(name, bytes, { maxMessageSize }));
  post({ id, packed }, captureTransferables(packed));
};
