import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startServer, type Running } from './helpers';

const CONNECTIONS = 1000;

let server: Running;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.stop());

describe('load (bounded)', () => {
  it(
    `holds ${CONNECTIONS} concurrent connections on loopback, each echoing`,
    { timeout: 60_000 },
    async () => {
      const clients: WebSocket[] = [];
      // Open in batches so the listen backlog never overflows.
      for (let batch = 0; batch < CONNECTIONS; batch += 100) {
        const opened = Array.from({ length: 100 }, () => {
          const ws = new WebSocket(server.url('/echo'), { perMessageDeflate: false });
          clients.push(ws);
          return new Promise<void>((resolve, reject) => {
            ws.once('open', () => resolve());
            ws.once('error', reject);
          });
        });
        await Promise.all(opened);
      }
      expect(server.endpoints.connections.size).toBe(CONNECTIONS);

      const echoes = clients.map(
        (ws, i) =>
          new Promise<string>((resolve) => {
            ws.once('message', (d) => resolve(d.toString()));
            ws.send(`client ${i}`);
          }),
      );
      const replies = await Promise.all(echoes);
      expect(replies.every((r, i) => r === `client ${i}`)).toBe(true);

      await Promise.all(
        clients.map(
          (ws) =>
            new Promise<number>((resolve) => {
              ws.once('close', resolve);
              ws.close(1000);
            }),
        ),
      );
      await new Promise((r) => setTimeout(r, 100));
      expect(server.endpoints.connections.size).toBe(0);
    },
  );
});
