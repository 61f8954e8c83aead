import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { DEFAULT_MAX_MESSAGE_SIZE } from '../../../server/framescope-server';
import { rawClient, startServer, UPGRADE, type Running } from './helpers';

let server: Running;
beforeAll(async () => {
  server = await startServer({ closeTimeoutMs: 500 });
});
afterAll(() => server.stop());

const MiB = 1024 * 1024;
const sha = (b: Buffer | Uint8Array) => createHash('sha256').update(b).digest('hex');

function open(path: string, options: WebSocket.ClientOptions = {}): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(server.url(path), { perMessageDeflate: false, ...options });
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

const next = (ws: WebSocket) =>
  new Promise<{ data: Buffer; isBinary: boolean }>((resolve) =>
    ws.once('message', (data: Buffer, isBinary) => resolve({ data, isBinary })),
  );
const closed = (ws: WebSocket) => new Promise<number>((resolve) => ws.once('close', resolve));

/** 16 MiB of varied bytes (not one repeated value, so a misplaced chunk would show). */
function pattern(size: number): Buffer {
  const b = Buffer.alloc(size);
  for (let i = 0; i < size; i += 4) b.writeUInt32LE((i * 2654435761) >>> 0, i);
  return b;
}

describe('messages as big as Autobahn’s case 9.x (16 MiB)', () => {
  it('the default limit is 64 MiB', () => {
    expect(DEFAULT_MAX_MESSAGE_SIZE).toBe(64 * MiB);
  });

  it('echoes a 16 MiB text and a 16 MiB binary message intact through the ws client', async () => {
    const ws = await open('/echo');
    const text = 'a€\u{1F600}'.repeat((16 * MiB) / 8); // 1 + 3 + 4 UTF-8 bytes a repeat: 16 MiB
    const textReply = next(ws);
    ws.send(text);
    const t = await textReply;
    expect(t.isBinary).toBe(false);
    expect(t.data.length).toBe(16 * MiB);
    expect(sha(t.data)).toBe(sha(Buffer.from(text)));

    const binary = pattern(16 * MiB);
    const binaryReply = next(ws);
    ws.send(binary);
    const b = await binaryReply;
    expect(b.isBinary).toBe(true);
    expect(b.data.length).toBe(binary.length);
    expect(sha(b.data)).toBe(sha(binary));
    const done = closed(ws);
    ws.close(1000);
    expect(await done).toBe(1000);
  }, 60_000);

  it('echoes a 16 MiB message sent in 256 fragments', async () => {
    const ws = await open('/echo');
    const binary = pattern(16 * MiB);
    const reply = next(ws);
    const piece = binary.length / 256;
    for (let i = 0; i < 256; i++)
      ws.send(binary.subarray(i * piece, (i + 1) * piece), { binary: true, fin: i === 255 });
    expect(sha((await reply).data)).toBe(sha(binary));
    ws.terminate();
  }, 60_000);

  it('a peer that sends 16 MiB messages and never reads gets at most about one echo buffered', async () => {
    const c = await rawClient(server.port);
    c.socket.pause(); // never read
    c.socket.write(UPGRADE('/echo'));
    const header = Buffer.from([0x82, 0xff, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    header.writeUInt32BE(16 * MiB, 6); // masking key 0: the payload goes on the wire as is
    const payload = pattern(16 * MiB);
    for (let i = 0; i < 4; i++) c.socket.write(Buffer.concat([header, payload])); // 64 MiB of echoes to come
    const buffered: number[] = [];
    for (let i = 0; i < 20; i++) {
      await new Promise((r) => setTimeout(r, 100));
      buffered.push(...[...server.endpoints.connections].map((conn) => conn.bufferedBytes));
    }
    expect(Math.max(...buffered)).toBeGreaterThan(8 * MiB);
    expect(Math.max(...buffered)).toBeLessThan(17 * MiB);
    c.socket.destroy();
  }, 30_000);

  it('fails a message over the limit with 1009 (16 MiB + 1 byte against ?max=16 MiB)', async () => {
    const ws = await open(`/echo?max=${16 * MiB}`);
    const done = closed(ws);
    ws.send(pattern(16 * MiB + 4).subarray(0, 16 * MiB + 1));
    expect(await done).toBe(1009);
  }, 60_000);

  it('fails a frame that declares more than 64 MiB with 1009 at its header, before any payload arrives', async () => {
    const c = await rawClient(server.port);
    const header = Buffer.from([0x82, 0xff, 0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3, 4]);
    header.writeUInt32BE(64 * MiB + 1, 6);
    c.socket.write(Buffer.concat([Buffer.from(UPGRADE('/echo')), header]));
    const all = await c.closed;
    const rest = all.subarray(all.indexOf('\r\n\r\n') + 4);
    expect(rest[0]).toBe(0x88);
    expect(rest.readUInt16BE(2)).toBe(1009);
  });
});
