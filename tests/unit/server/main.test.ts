import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';

const root = fileURLToPath(new URL('../../../', import.meta.url));

/** `npm run echo` is `tsx server/main.ts`: start it on an ephemeral port and read the URLs it prints. */
function start(
  args: string[],
): Promise<{ output: () => string; stop: () => Promise<number | null>; exited: Promise<number | null> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts', ...args], { cwd: root });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return Promise.resolve({
    output: () => out,
    exited,
    stop: () => {
      child.kill('SIGTERM');
      return exited;
    },
  });
}

async function until(check: () => boolean, ms = 15_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('server/main.ts (npm run echo)', () => {
  it('prints the URLs it serves, echoes, and stops cleanly on SIGTERM', async () => {
    const server = await start(['--host', '127.0.0.1', '--port', '0']);
    await until(() => /ws:\/\/127\.0\.0\.1:\d+\/echo/.test(server.output()));
    const url = /(ws:\/\/127\.0\.0\.1:\d+\/echo)/.exec(server.output())![1]!;
    expect(server.output()).toContain('/echo?tap=ID');
    expect(server.output()).toContain('pages allowed: loopback');
    const ws = new WebSocket(url);
    const reply = await new Promise<string>((resolve, reject) => {
      ws.once('open', () => ws.send('from main'));
      ws.once('message', (d) => resolve(d.toString()));
      ws.once('error', reject);
    });
    expect(reply).toBe('from main');
    const closed = new Promise<number>((resolve) => ws.once('close', resolve));
    expect(await server.stop()).toBe(0);
    expect(await closed).toBe(1001);
  });

  it('prints the default 64 MiB limit, and --max-message-size sets another that it enforces with 1009', async () => {
    const plain = await start(['--port', '0']);
    await until(() => /max message size/.test(plain.output()));
    expect(plain.output()).toContain('max message size 67108864 bytes (64 MiB); bigger fails with 1009');
    await plain.stop();

    const server = await start(['--port', '0', '--max-message-size', '1000']);
    await until(() => /max message size/.test(server.output()));
    expect(server.output()).toContain('max message size 1000 bytes');
    const url = /(ws:\/\/127\.0\.0\.1:\d+\/echo)/.exec(server.output())![1]!;
    const ws = new WebSocket(url, { perMessageDeflate: false });
    const code = await new Promise<number>((resolve, reject) => {
      ws.once('open', () => ws.send('x'.repeat(1000)));
      ws.once('message', () => ws.send('x'.repeat(1001)));
      ws.once('close', resolve);
      ws.once('error', reject);
    });
    expect(code).toBe(1009);
    await server.stop();
  });

  it('--allow-origin and FRAMESCOPE_ALLOW_ORIGINS admit those pages; others get 403 (RFC 6455 §10.2)', async () => {
    process.env.FRAMESCOPE_ALLOW_ORIGINS = 'https://env.example';
    const server = await start(['--port', '0', '--allow-origin', 'https://a.example,https://b.example']);
    delete process.env.FRAMESCOPE_ALLOW_ORIGINS;
    await until(() => /pages allowed/.test(server.output()));
    expect(server.output()).toContain(
      'pages allowed: loopback, its own IP address, https://env.example, https://a.example, https://b.example',
    );
    const url = /(ws:\/\/127\.0\.0\.1:\d+\/echo)/.exec(server.output())![1]!;
    const opens = (origin: string) =>
      new Promise<string>((resolve) => {
        const ws = new WebSocket(url, { origin });
        ws.once('open', () => (ws.close(), resolve('open')));
        ws.once('error', (err) => resolve(err.message));
      });
    expect(await opens('https://b.example')).toBe('open');
    expect(await opens('https://env.example')).toBe('open');
    expect(await opens('https://c.example')).toBe('Unexpected server response: 403');
    await server.stop();
  });

  it('refuses a bad --max-message-size with exit code 2', async () => {
    const server = await start(['--max-message-size', '1MB']);
    expect(await server.exited).toBe(2);
    expect(server.output()).toContain('--max-message-size 1MB: not a number of bytes');
  });

  it('refuses a bad port with exit code 2', async () => {
    const server = await start(['--port', 'seventy']);
    expect(await server.exited).toBe(2);
    expect(server.output()).toContain('not a port number');
  });
});
