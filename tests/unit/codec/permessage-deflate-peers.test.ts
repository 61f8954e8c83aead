/**
 * Our inflater and deflater against the `ws` library's PerMessageDeflate (Node's zlib underneath), in both
 * directions and both roles, after a real negotiation between a ws client and a ws server.
 */
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { parseExtensions } from '../../../src/codec/extensions';
import { createDeflater, createInflater } from '../../../src/codec/permessage-deflate';
import { validatePermessageDeflateResponse } from '../../../src/codec/permessage-deflate-negotiation';
import type { PermessageDeflateParams } from '../../../src/codec/types';

type WsParams = Record<string, true | number>;
interface WsPerMessageDeflate {
  offer(): WsParams;
  accept(configurations: Record<string, (string | true)[]>[]): WsParams;
  compress(data: Uint8Array, fin: boolean, callback: (error: Error | null, result?: Buffer) => void): void;
  decompress(data: Uint8Array, fin: boolean, callback: (error: Error | null, result?: Buffer) => void): void;
  cleanup(): void;
}
const ws = createRequire(import.meta.url)('ws') as {
  PerMessageDeflate: new (options: Record<string, unknown>) => WsPerMessageDeflate;
  extension: {
    format(extensions: Record<string, WsParams>): string;
    parse(header: string): Record<string, Record<string, (string | true)[]>[]>;
  };
};

const promised =
  (pmd: WsPerMessageDeflate, op: 'compress' | 'decompress') =>
  (data: Uint8Array, fin: boolean): Promise<Buffer> =>
    new Promise((resolve, reject) =>
      pmd[op](data, fin, (error, result) => (error ? reject(error) : resolve(result!))),
    );

/** A ws client and a ws server that negotiated with each other, and the parameters our code reads from that. */
function negotiate(clientOptions: Record<string, unknown>, serverOptions: Record<string, unknown>) {
  const client = new ws.PerMessageDeflate(clientOptions);
  const server = new ws.PerMessageDeflate({ ...serverOptions, isServer: true });
  const offer = ws.extension.format({ 'permessage-deflate': client.offer() });
  const response = ws.extension.format({
    'permessage-deflate': server.accept(ws.extension.parse(offer)['permessage-deflate']!),
  });
  client.accept(ws.extension.parse(response)['permessage-deflate']!);
  const check = validatePermessageDeflateResponse(
    parseExtensions(offer).extensions,
    parseExtensions(response).extensions,
  );
  if (!check.ok || check.params === null) throw new Error(`${offer} → ${response}: ${JSON.stringify(check)}`);
  return { client, server, params: check.params, response };
}

const utf8 = (text: string) => Buffer.from(text, 'utf8');
const tick = (n: number) =>
  utf8(
    JSON.stringify({
      type: 'tick',
      seq: n,
      symbol: 'FRAME',
      price: 100 + (n % 7),
      note: 'é→✓ '.repeat(n % 3),
    }),
  );
const pseudoRandom = (length: number, seed: number) => {
  const bytes = Buffer.alloc(length);
  let x = seed;
  for (let i = 0; i < length; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    bytes[i] = x >>> 24;
  }
  return bytes;
};
/** Repetitive and not, small and large (past one 32 KiB output buffer), text and binary, empty. */
const MESSAGES: Buffer[] = [
  tick(1),
  tick(1),
  tick(2),
  utf8(''),
  utf8('Lorem ipsum dolor sit amet, consectetur adipiscing elit. '.repeat(2000)),
  pseudoRandom(5000, 7),
  tick(3),
  Buffer.concat([pseudoRandom(600, 1), pseudoRandom(600, 1)]),
];

const CONFIGS: [string, Record<string, unknown>, Record<string, unknown>][] = [
  ['context takeover (defaults)', {}, {}],
  ['no context takeover either way', { serverNoContextTakeover: true, clientNoContextTakeover: true }, {}],
  ['8- and 9-bit windows', { serverMaxWindowBits: 9 }, { clientMaxWindowBits: 8 }],
  [
    '10-bit windows, server without context takeover',
    { serverMaxWindowBits: 10 },
    { serverNoContextTakeover: true, clientMaxWindowBits: 10 },
  ],
];

describe.each(CONFIGS)('permessage-deflate with ws: %s', (_name, clientOptions, serverOptions) => {
  const directions: ['client' | 'server', 'server' | 'client'][] = [
    ['server', 'client'],
    ['client', 'server'],
  ];

  it.each(directions)('ws %s compresses, our %s inflates', async (sender, receiver) => {
    const peers = negotiate(clientOptions, serverOptions);
    const compress = promised(peers[sender], 'compress');
    const inflater = createInflater(peers.params, receiver);
    for (const message of MESSAGES) {
      const result = inflater.inflate(await compress(message, true), true, 1 << 24);
      expect(result.ok && Buffer.from(result.data).equals(message)).toBe(true);
    }
    // A message ws compresses in fragments (each flushed, only the last stripped) inflates frame by frame.
    const parts = [tick(4).subarray(0, 10), tick(4).subarray(10, 11), tick(4).subarray(11)];
    const inflated: Buffer[] = [];
    for (const [i, part] of parts.entries()) {
      const result = inflater.inflate(
        await compress(part, i === parts.length - 1),
        i === parts.length - 1,
        1 << 24,
      );
      if (!result.ok) throw new Error(JSON.stringify(result));
      inflated.push(Buffer.from(result.data));
    }
    expect(Buffer.concat(inflated).equals(tick(4))).toBe(true);
    peers.client.cleanup();
    peers.server.cleanup();
  });

  it.each(directions)('our %s deflates, ws %s decompresses', async (sender, receiver) => {
    const peers = negotiate(clientOptions, serverOptions);
    const decompress = promised(peers[receiver], 'decompress');
    const deflater = createDeflater(peers.params, sender);
    for (const message of MESSAGES) {
      expect((await decompress(deflater.deflate(message), true)).equals(message)).toBe(true);
    }
    peers.client.cleanup();
    peers.server.cleanup();
  });

  it('uses the context as negotiated: a repeated message shrinks only with context takeover', async () => {
    const peers = negotiate(clientOptions, serverOptions);
    for (const sender of ['client', 'server'] as const) {
      const takeover = !(peers.params as Required<PermessageDeflateParams>)[`${sender}NoContextTakeover`];
      const deflater = createDeflater(peers.params, sender);
      const compress = promised(peers[sender], 'compress');
      const ours = [deflater.deflate(tick(9)).length, deflater.deflate(tick(9)).length];
      const theirs = [(await compress(tick(9), true)).length, (await compress(tick(9), true)).length];
      for (const [first, second] of [ours, theirs]) {
        if (takeover) expect(second).toBeLessThan(first! / 2);
        else expect(second).toBe(first);
      }
    }
    peers.client.cleanup();
    peers.server.cleanup();
  });
});

describe('negotiated parameters reach the right direction', () => {
  it('reads the window limits ws agreed on', () => {
    const { params, response } = negotiate({ serverMaxWindowBits: 9 }, { clientMaxWindowBits: 8 });
    expect(response).toBe('permessage-deflate; server_max_window_bits=9; client_max_window_bits=8');
    expect(params).toEqual({
      serverNoContextTakeover: false,
      clientNoContextTakeover: false,
      serverMaxWindowBits: 9,
      clientMaxWindowBits: 8,
    });
  });
});
