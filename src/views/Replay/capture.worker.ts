/** Imports large captures off the main thread so the page keeps answering. One request at a time. */
import { importCapture } from '../../capture';
import type { ImportRequest, ImportResponse } from './import-protocol';

const post = (msg: ImportResponse) => (self as unknown as { postMessage(m: unknown): void }).postMessage(msg);

self.onmessage = (e: MessageEvent<ImportRequest>) => {
  const { id, name, bytes } = e.data;
  post({ id, result: importCapture(name, bytes) });
};
