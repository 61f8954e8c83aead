import type { IncomingMessage, Server as HttpServer, ServerResponse } from 'node:http';
import type { Plugin } from 'vite';
import { createFramescopeServer } from './framescope-server.ts';

type Middleware = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;

/**
 * Mounts the echo and tap endpoints (`/echo`, `/tap`) into the Vite dev and preview servers, so `npm run dev` gives
 * a working live demo with no internet. Only those two paths are touched: Vite's own HMR WebSocket keeps working.
 */
export function framescopeServer(): Plugin {
  const endpoints = createFramescopeServer();
  const mount = (httpServer: HttpServer | null, use: (fn: Middleware) => void) => {
    httpServer?.on('upgrade', (req, socket, head) => {
      if (endpoints.handles(req.url)) endpoints.handleUpgrade(req, socket, head);
    });
    httpServer?.on('close', () => endpoints.close());
    use((req, res, next) => {
      if (!endpoints.handleRequest(req, res)) next();
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
