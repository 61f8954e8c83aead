import type { Server } from 'node:net';
import type { Duplex } from 'node:stream';
import { Server as TlsServer } from 'node:tls';

/**
 * Keeps the last bytes each plain-HTTP socket received, so the upgrade request can be shown byte for byte: Node's
 * HTTP parser hands over a parsed request and throws the raw bytes away.
 *
 * A `data` listener prepended on every new socket sees each chunk before Node's parser does (adding it makes Node
 * feed the parser from JavaScript `data` events instead of its native stream: same parser, same results). The
 * `upgrade` event fires while the parser handles the chunk that ends the request head, and Node's `head` argument
 * is the rest of that chunk, so the recorded bytes minus `head` end exactly where the head ends. Where the head
 * starts (after earlier keep-alive requests) is found and checked against Node's parse by `exactRequest`.
 */

/** Enough to hold any request head (Node's default limit is 16 KiB) plus what came before it in the same chunk. */
const WINDOW = 64 * 1024;

interface Recording {
  chunks: Buffer[];
  /** Bytes in `chunks` before the last one. */
  before: number;
  listener: (chunk: Buffer) => void;
}

const recordings = new WeakMap<Duplex, Recording>();

function record(socket: Duplex): void {
  const rec: Recording = { chunks: [], before: 0, listener: () => {} };
  rec.listener = (chunk: Buffer) => {
    const last = rec.chunks[rec.chunks.length - 1];
    if (last) rec.before += last.length;
    rec.chunks.push(chunk);
    // Keep references, never copies, and only as many chunks as a head can span.
    while (rec.chunks.length > 1 && rec.before - rec.chunks[0]!.length >= WINDOW)
      rec.before -= rec.chunks.shift()!.length;
  };
  recordings.set(socket, rec);
  socket.prependListener('data', rec.listener);
  socket.once('close', () => recordings.delete(socket));
}

/**
 * Start recording on every connection of a plain HTTP server. A TLS server is left alone: its sockets carry
 * ciphertext, and the request is then shown rebuilt.
 */
export function recordRequestHeads(server: Server): void {
  if (server instanceof TlsServer) return;
  server.on('connection', record);
}

/**
 * At `upgrade`: stop recording this socket and return the bytes it received up to the end of the request head
 * (the head is at the end, possibly after earlier requests), or null when nothing was recorded.
 */
export function takeRecordedHead(socket: Duplex, head: Uint8Array): Uint8Array | null {
  const rec = recordings.get(socket);
  if (!rec) return null;
  recordings.delete(socket);
  socket.removeListener('data', rec.listener);
  const all = Buffer.concat(rec.chunks);
  rec.chunks = [];
  return all.length >= head.length ? all.subarray(0, all.length - head.length) : null;
}
