import type { IncomingMessage, Server as HttpServer, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { tsImport } from 'tsx/esm/api';
import type { Plugin } from 'vite';
import type { FramescopeServer } from './framescope-server.ts';
import { recordRequestHeads, takeRecordedHead } from './head-recorder.ts';
import { answerClientErrors } from './http-limits.ts';
import { logRecovered } from './log.ts';
import { ALLOW_ORIGINS_ENV, parseOriginList } from './origin.ts';

type Middleware = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;

const PATH = /^\/(?:echo|tap)(?:[?#]|$)/;

/**
 * Mounts the echo and tap endpoints (`/echo`, `/tap`) into the Vite dev and preview servers, so `npm run dev` gives
 * a working live demo with no internet. Allowed page origins: loopback, the server's own IP address, and
 * `FRAMESCOPE_ALLOW_ORIGINS` (see `origin.ts`). Only those two paths are touched: Vite's own HMR WebSocket keeps working.
 *
 * The server (and the codec under it) loads through tsx on the first request to one of those paths, not when Vite
 * bundles its config: a codec file being edited can then break the endpoint, never the dev server or Vitest.
 */
export function framescopeServer(): Plugin {
  let loading: Promise<FramescopeServer> | null = null;
  const endpoints = () =>
    (loading ??= tsImport('./framescope-server.ts', import.meta.url).then(
      (m: typeof import('./framescope-server.ts')) =>
        m.createFramescopeServer({ allowOrigins: parseOriginList(process.env[ALLOW_ORIGINS_ENV]) }),
    ));
  const unavailable = (err: unknown) => {
    loading = null;
    return `The Framescope echo server could not load: ${err instanceof Error ? err.message : String(err)}\n`;
  };

  const mount = (httpServer: HttpServer | null, use: (fn: Middleware) => void) => {
    if (httpServer) {
      recordRequestHeads(httpServer);
      // A refused request (an oversized header: 431) gets its status line before the socket closes.
      answerClientErrors(httpServer);
    }
    httpServer?.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
      // Every upgraded socket (Vite's HMR ones too) stops being recorded here, before it carries frames.
      const received = takeRecordedHead(socket, head);
      if (!PATH.test(req.url ?? '')) return;
      socket.on('error', (err) => {
        logRecovered('socket', err);
        socket.destroy();
      });
      endpoints().then(
        (e) => e.handleUpgrade(req, socket, head, received),
        (err: unknown) => {
          const body = unavailable(err);
          socket.end(
            `HTTP/1.1 500 Internal Server Error\r\nConnection: close\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
          );
        },
      );
    });
    httpServer?.on(
      'close',
      () =>
        void loading?.then(
          (e) => e.close(),
          () => {},
        ),
    );
    use((req, res, next) => {
      if (!PATH.test(req.url ?? '')) return next();
      endpoints().then(
        (e) => {
          if (!e.handleRequest(req, res)) next();
        },
        (err: unknown) =>
          res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' }).end(unavailable(err)),
      );
    });
  };
  return {
    name: 'framescope-echo-server',
    configureServer(server) {
      mount(server.httpServer as HttpServer | null, (fn) => server.middlewares.use(fn));
    },
    configurePreviewServer(server) {
      mount(server.httpServer as HttpServer | null, (fn) => server.middlewares.use(fn));
    },
  };
}
