import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientFrame, rawClient, startServer, UPGRADE, type Running } from './helpers';

let server: Running;
beforeAll(async () => {
  server = await startServer({ closeTimeoutMs: 300 });
});
afterAll(() => server.stop());

const text = (s: string) => new TextEncoder().encode(s);

/** Send raw bytes, wait for the server to end the connection, and return everything it sent. */
async function exchange(bytes: string | Buffer): Promise<Buffer> {
  const c = await rawClient(server.port);
  c.socket.write(bytes);
  return c.closed;
}

/** The bytes after the 101 response. */
function afterHeaders(all: Buffer): Buffer {
  const end = all.indexOf('\r\n\r\n');
  expect(all.subarray(0, 12).toString()).toBe('HTTP/1.1 101');
  return all.subarray(end + 4);
}

describe('the opening handshake (RFC 6455 §4.2)', () => {
  it('answers the RFC’s sample key with its accept value', async () => {
    const c = await rawClient(server.port);
    c.socket.write(UPGRADE('/echo'));
    await new Promise((r) => setTimeout(r, 100));
    expect(c.received().toString()).toContain('Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n');
    c.socket.destroy();
  });

  it('answers an unsupported version with 426 and Sec-WebSocket-Version: 13', async () => {
    const reply = (await exchange(UPGRADE('/echo').replace('Version: 13', 'Version: 8'))).toString();
    expect(reply).toMatch(/^HTTP\/1\.1 426 /);
    expect(reply).toContain('Sec-WebSocket-Version: 13\r\n');
  });

  it.each([
    ['a key that is not 16 bytes', UPGRADE('/echo').replace('dGhlIHNhbXBsZSBub25jZQ==', 'c2hvcnQ=')],
    ['no key', UPGRADE('/echo').replace(/Sec-WebSocket-Key: .*\r\n/, '')],
    ['POST', UPGRADE('/echo').replace('GET', 'POST')],
    [
      'no upgrade token in Connection',
      UPGRADE('/echo').replace('Connection: Upgrade', 'Connection: Upgrade-ish, keep-alive'),
    ],
  ])('answers %s with 400', async (_name, request) => {
    const reply = (await exchange(request)).toString();
    expect(reply).toMatch(/^HTTP\/1\.1 400 /);
  });

  it('answers a plain GET on /echo with 426', async () => {
    const reply = (await exchange('GET /echo HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n')).toString();
    expect(reply).toMatch(/^HTTP\/1\.1 426 /);
    expect(reply.toLowerCase()).toContain('sec-websocket-version: 13');
  });

  it('reads a frame sent in the same packet as the handshake', async () => {
    const c = await rawClient(server.port);
    c.socket.write(Buffer.concat([Buffer.from(UPGRADE('/echo')), clientFrame(1, text('early'))]));
    await new Promise((r) => setTimeout(r, 150));
    expect(afterHeaders(c.received())).toEqual(Buffer.from([0x81, 5, ...text('early')]));
    c.socket.destroy();
  });
});

describe('failing bad peers with the right close code (RFC 6455 §7.4.1)', () => {
  async function closeCodeFor(frames: Buffer): Promise<number> {
    const all = await exchange(Buffer.concat([Buffer.from(UPGRADE('/echo')), frames]));
    const rest = afterHeaders(all);
    expect(rest[0]).toBe(0x88);
    return rest.readUInt16BE(2);
  }

  it('an unmasked client frame: 1002', async () => {
    expect(await closeCodeFor(clientFrame(1, text('hi'), { mask: false }))).toBe(1002);
  });
  it('a reserved opcode: 1002', async () => {
    expect(await closeCodeFor(clientFrame(3, text('hi')))).toBe(1002);
  });
  it('text that is not UTF-8: 1007', async () => {
    expect(await closeCodeFor(clientFrame(1, new Uint8Array([0xc3, 0x28])))).toBe(1007);
  });
  it('a fragmented ping: 1002', async () => {
    expect(await closeCodeFor(clientFrame(9, text('p'), { fin: false }))).toBe(1002);
  });
  it('a message over maxMessageSize: 1009', async () => {
    const all = await exchange(
      Buffer.concat([Buffer.from(UPGRADE('/echo?max=4')), clientFrame(2, text('12345'))]),
    );
    expect(afterHeaders(all).readUInt16BE(2)).toBe(1009);
  });

  it('never crashes on random frames (fast-check), and fails them with a close code or keeps echoing', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ minLength: 1, maxLength: 300 }),
        fc.boolean(),
        async (junk, masked) => {
          // Half the runs start with a valid masked header byte pair so the receiver goes deeper than the first byte.
          const body = masked
            ? Buffer.concat([Buffer.from([0x82, 0x80 | Math.min(125, junk.length)]), junk])
            : Buffer.from(junk);
          const c = await rawClient(server.port);
          c.socket.write(Buffer.concat([Buffer.from(UPGRADE('/echo')), body]));
          await new Promise((r) => setTimeout(r, 20));
          c.socket.destroy();
        },
      ),
      { numRuns: 60 },
    );
    const c = await rawClient(server.port);
    c.socket.write(Buffer.concat([Buffer.from(UPGRADE('/echo')), clientFrame(1, text('alive'))]));
    await new Promise((r) => setTimeout(r, 100));
    expect(afterHeaders(c.received()).subarray(2).toString()).toBe('alive');
    c.socket.destroy();
  });

  it('survives random garbage after the handshake and keeps serving others', async () => {
    for (let i = 0; i < 30; i++) {
      const junk = Buffer.from(Array.from({ length: 64 }, (_, j) => (i * 131 + j * 17) & 0xff));
      await exchange(Buffer.concat([Buffer.from(UPGRADE('/echo')), junk, Buffer.from('\r\n')])).catch(
        () => {},
      );
    }
    const c = await rawClient(server.port);
    c.socket.write(Buffer.concat([Buffer.from(UPGRADE('/echo')), clientFrame(1, text('still here'))]));
    await new Promise((r) => setTimeout(r, 100));
    expect(afterHeaders(c.received()).subarray(2).toString()).toBe('still here');
    c.socket.destroy();
  });
});

describe('the closing handshake (RFC 6455 §7)', () => {
  it('echoes the client’s close code and reason, and closes TCP first', async () => {
    const payload = new Uint8Array([0x03, 0xe8, ...text('done')]);
    const all = await exchange(Buffer.concat([Buffer.from(UPGRADE('/echo')), clientFrame(8, payload)]));
    expect(afterHeaders(all)).toEqual(Buffer.from([0x88, 6, 0x03, 0xe8, ...text('done')]));
  });

  it('drops a peer that never answers the server’s close, after the timeout', async () => {
    const c = await rawClient(server.port);
    const start = Date.now();
    c.socket.write(Buffer.concat([Buffer.from(UPGRADE('/echo?close=4000')), clientFrame(1, text('x'))]));
    // The client never answers the close frame: only the server's timer ends the connection.
    const all = await c.closed;
    const rest = afterHeaders(all);
    expect(rest.subarray(0, 3)).toEqual(Buffer.from([0x81, 1, 0x78]));
    expect(rest[3]).toBe(0x88);
    expect(Date.now() - start).toBeGreaterThanOrEqual(250);
  });
});

describe('backpressure', () => {
  it('stops reading a peer that never reads its echoes, so buffered output stays bounded', async () => {
    const c = await rawClient(server.port);
    c.socket.pause(); // never read
    c.socket.write(UPGRADE('/echo'));
    const frame = clientFrame(2, new Uint8Array(65_535).fill(7));
    for (let i = 0; i < 200; i++) c.socket.write(frame); // 13 MB of echoes to come
    await new Promise((r) => setTimeout(r, 1500));
    const buffered = [...server.endpoints.connections].map((conn) => conn.bufferedBytes);
    expect(buffered.length).toBeGreaterThan(0);
    expect(Math.max(...buffered)).toBeLessThan(4 * 1024 * 1024);
    c.socket.destroy();
  });
});
