import { spawn } from 'node:child_process';
import { connect } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../', import.meta.url));

/** `npm run echo` on an ephemeral loopback port with a 1 s header timeout. */
const child = spawn(
  process.execPath,
  ['--import', 'tsx', 'server/main.ts', '--port', '0', '--header-timeout-ms', '1000'],
  {
    cwd: root,
  },
);
let out = '';
child.stdout.on('data', (d) => (out += d));
child.stderr.on('data', (d) => (out += d));
let port = 0;

beforeAll(async () => {
  for (;;) {
    const m = /ws:\/\/127\.0\.0\.1:(\d+)\/echo/.exec(out);
    if (m) {
      port = Number(m[1]);
      return;
    }
    if (child.exitCode !== null) throw new Error(out);
    await new Promise((r) => setTimeout(r, 50));
  }
}, 30_000);

afterAll(() => {
  child.kill('SIGTERM');
});

/** Sends `chunks` (one every `gapMs`) and resolves with everything the server wrote once it closes the socket. */
function exchange(chunks: string[], gapMs = 0): Promise<{ reply: string; sent: number }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let reply = '';
    let sent = 0;
    let timer: NodeJS.Timeout | undefined;
    socket.on('data', (d) => (reply += d.toString('latin1')));
    socket.on('error', () => {});
    socket.on('close', () => {
      clearInterval(timer);
      resolve({ reply, sent });
    });
    socket.on('connect', () => {
      if (gapMs === 0) {
        for (const c of chunks) socket.write(c);
        sent = chunks.length;
        return;
      }
      timer = setInterval(() => {
        if (sent >= chunks.length) return reject(new Error('the server kept a header open past every byte'));
        socket.write(chunks[sent++] as string);
      }, gapMs);
    });
  });
}

const UPGRADE = 'GET /echo HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n';

describe('the echo server’s HTTP limits', () => {
  it('answers a 100 KB request header with 431 instead of a silent reset', async () => {
    const { reply } = await exchange([`${UPGRADE}X-Big: ${'a'.repeat(100_000)}\r\n\r\n`]);
    expect(reply).toMatch(/^HTTP\/1\.1 431 Request Header Fields Too Large\r\n/);
  });

  it('answers a 10 MB request header with a 431 status line, and stops reading it', async () => {
    const { reply } = await exchange([`${UPGRADE}X-Big: ${'a'.repeat(10 * 1024 * 1024)}\r\n\r\n`]);
    expect(reply).toMatch(/^HTTP\/1\.1 431 Request Header Fields Too Large\r\n/);
  });

  it('holds a Lab case’s upgrade (/echo?lab=) to the same limits: 431 and 408', async () => {
    const lab = UPGRADE.replace('GET /echo ', 'GET /echo?lab=invalid-utf8 ');
    const big = await exchange([`${lab}X-Big: ${'a'.repeat(100_000)}\r\n\r\n`]);
    expect(big.reply).toMatch(/^HTTP\/1\.1 431 /);
    const slow = await exchange([...`${lab}X-Slow: ${'b'.repeat(150)}`], 50);
    expect(slow.reply).toMatch(/^HTTP\/1\.1 408 /);
    expect(slow.sent).toBeLessThan(200);
  });

  it('closes a header sent one byte at a time once the header timeout passes, with 408', async () => {
    // 200 bytes at one per 50 ms would take 10 s; the 1 s timeout (checked every 250 ms) ends it well before.
    const { reply, sent } = await exchange([...`${UPGRADE}X-Slow: ${'b'.repeat(150)}`], 50);
    expect(reply).toMatch(/^HTTP\/1\.1 408 Request Timeout\r\n/);
    expect(sent).toBeLessThan(200);
  });
});
