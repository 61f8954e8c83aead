/**
 * One measured run for the memory benchmark, in a process of its own: builds the same ~200 MB stream of masked
 * client frames (mixed sizes) as one buffer, then decodes it in one call with `ours` (write(), each event handed out
 * as it completes), `ours-array` (push(), every event returned in one array), `ws` (ws's Receiver) or `none` (the
 * input alone, the baseline). Prints JSON: messages decoded, bytes, peak RSS.
 */
import { createRequire } from 'node:module';
import { createReceiver, encodeFrame } from '../src/codec/index';
import { concat, Digest, prng, randomBytes, type WsReceiver } from './harness';

const which = process.argv[2] ?? 'none';
const total = Number(process.argv[3] ?? 200e6);

function stream(): Buffer {
  const rand = prng(11);
  // One frame template per size, repeated (building 200 MB of unique frames would dominate the run).
  const sizes = [16, 200, 1_500, 16, 64, 65_536, 300, 16];
  const frames = sizes.map((n, i) =>
    encodeFrame({
      opcode: i % 2 ? 2 : 1,
      payload: i % 2 ? randomBytes(rand, n) : new TextEncoder().encode('z'.repeat(n)),
      mask: randomBytes(rand, 4),
    }),
  );
  const parts: Uint8Array[] = [];
  let size = 0;
  for (let i = 0; size < total; i++) {
    const f = frames[i % frames.length]!;
    parts.push(f);
    size += f.length;
  }
  return concat(parts);
}

const input = stream();
const digest = new Digest();
if (which === 'ours') {
  createReceiver({ role: 'server', frameEvents: false }).write(input, (e) => {
    if (e.type === 'message') digest.add(e.data);
  });
} else if (which === 'ours-array') {
  for (const e of createReceiver({ role: 'server', frameEvents: false }).push(input)) {
    if (e.type === 'message') digest.add(e.data);
  }
} else if (which === 'ws') {
  const require = createRequire(import.meta.url);
  const ws = require('ws') as { Receiver: new (o: { isServer: boolean; maxPayload: number }) => WsReceiver };
  const rx = new ws.Receiver({ isServer: true, maxPayload: 0 });
  rx.on('message', (data) => digest.add(data as Buffer));
  rx._write(input, 'buffer', () => {});
}
console.log(
  JSON.stringify({
    which,
    bytes: input.length,
    digest: String(digest),
    maxRssKb: process.resourceUsage().maxRSS,
  }),
);
