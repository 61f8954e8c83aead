import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type Running } from './helpers';

const python = '/usr/bin/python3';
const script = fileURLToPath(new URL('./python-client.py', import.meta.url));
const hasWebsockets =
  existsSync(python) &&
  (await new Promise<boolean>((resolve) =>
    execFile(python, ['-c', 'import websockets'], (err) => resolve(!err)),
  ));

let server: Running;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.stop());

describe.skipIf(!hasWebsockets)('python3-websockets as an independent client', () => {
  it('echoes, fragments, compresses, pings and closes', async () => {
    const stdout = await new Promise<string>((resolve, reject) =>
      execFile(python, [script, `ws://127.0.0.1:${server.port}`], { timeout: 15_000 }, (err, out, errOut) =>
        err ? reject(new Error(`${err.message}\n${errOut}`)) : resolve(out),
      ),
    );
    const result = JSON.parse(stdout);
    expect(result).toMatchObject({
      protocol: 'py.v1',
      extensions: ['PerMessageDeflate'],
      text: 'héllo from python',
      binary: [0, 1, 2, 253],
      fragmented: 'fragmented',
      bigEqual: true,
      pong: true,
      closeCode: 4001,
      serverFragmented: 'four fragments',
      serverClose: [4000, 'server-bye'],
      badClose: 1002,
    });
  });
});
