import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Socket } from 'node:net';
import { Connection } from './connection.ts';
import { negotiateDeflate } from './deflate.ts';
import { runEcho } from './echo.ts';
import { runLab } from './lab.ts';
import { findPlay, PLAYS, pickSubprotocol, runPlay } from './play/index.ts';
import { findLabCase } from '../src/content/lab/cases.ts';
import { checkOrigin } from './origin.ts';
import { parseScript, TAP_ID } from './script.ts';
import { DEFAULT_TAP_LIMITS, TapHub, type TapFeed, type TapLimits } from './tap-hub.ts';
import { tapNow } from '../src/lib/tap-protocol.ts';
import { errorResponse, exactRequest, readUpgrade, switchingProtocols } from './upgrade.ts';
import { logRecovered } from './log.ts';

export interface FramescopeServerOptions {
  /** Default and largest maxMessageSize, in bytes (default 64 MiB: Autobahn's case 9.x echoes 16 MiB messages). */
  maxMessageSize?: number;
  /** How long to wait for the peer's close before dropping the socket (default 5 s). */
  closeTimeoutMs?: number;
  /**
   * Origins allowed besides loopback and the server's own pages by IP address (`*`: any); see `origin.ts`.
   * @see RFC 6455 §10.2
   */
  allowOrigins?: readonly string[];
  /** Byte caps of the tap (defaults: `DEFAULT_TAP_LIMITS`). */
  tapLimits?: Partial<TapLimits>;
}

/** The WebSocket endpoints, ready to hang on any Node HTTP server's `upgrade` and `request` events. */
export interface FramescopeServer {
  /** Whether a request's path is one of ours (`/echo`, `/tap`). */
  handles(url: string | undefined): boolean;
  /**
   * Answer an HTTP upgrade on `/echo` or `/tap`: 101 and the connection, or 400/404/426 and a closed socket.
   * `received`: what the socket received up to the end of the request head (`takeRecordedHead`), so the tap can
   * show the request's exact bytes; without it the request is rebuilt from Node's parse.
   */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer, received?: Uint8Array | null): void;
  /** A plain (non-upgrade) request to one of our paths gets 426 Upgrade Required. */
  handleRequest(req: IncomingMessage, res: ServerResponse): boolean;
  /** Open connections (echo and tap). */
  readonly connections: ReadonlySet<Connection>;
  /** Bytes the tap holds now (waiting in tap sockets, held for ids nobody watches), and its ids: for tests. */
  tapUsage(): { bytes: number; ids: number };
  /** Close every connection with 1001 (going away). */
  close(): void;
}

const PATHS = new Set(['/echo', '/tap']);

/** 64 MiB: room for the 16 MiB messages of conformance suites (Autobahn 9.x), with a wide margin. */
export const DEFAULT_MAX_MESSAGE_SIZE = 64 * 1024 * 1024;

function pathOf(url: string | undefined): { path: string; params: URLSearchParams } {
  const parsed = new URL(url ?? '/', 'http://localhost');
  return { path: parsed.pathname, params: parsed.searchParams };
}

function publishHandshake(
  feed: TapFeed,
  req: IncomingMessage,
  received: Uint8Array | null,
  response: string,
  protocol: string | null,
  extensions: string | null,
): void {
  const request = exactRequest(req, received);
  feed.handshake({
    v: 1,
    type: 'handshake',
    t: tapNow(),
    request: request.text,
    requestBytes: Buffer.from(request.bytes.buffer, request.bytes.byteOffset, request.bytes.length).toString(
      'base64',
    ),
    requestSource: request.source,
    response,
    protocol,
    extensions,
  });
}

/**
 * The `/echo` and `/tap` endpoints, on sockets Node's HTTP server hands over after parsing the upgrade request.
 * @see RFC 6455 §4.2
 */
export function createFramescopeServer(options: FramescopeServerOptions = {}): FramescopeServer {
  const maxMessageSize = options.maxMessageSize ?? DEFAULT_MAX_MESSAGE_SIZE;
  const closeTimeoutMs = options.closeTimeoutMs ?? 5000;
  const connections = new Set<Connection>();
  const hub = new TapHub({ ...DEFAULT_TAP_LIMITS, ...options.tapLimits });
  const allowOrigins = options.allowOrigins ?? [];
  const labs = new Set<{ destroy(): void }>();

  function reject(socket: Duplex, status: 400 | 403 | 404 | 426, reason: string): void {
    socket.on('error', (err) => {
      logRecovered('socket', err);
      socket.destroy();
    });
    socket.end(errorResponse(status, reason));
  }

  function open(head: Buffer, conn: Connection): void {
    connections.add(conn);
    const onEnd = conn.onEnd;
    conn.onEnd = (c) => {
      connections.delete(c);
      onEnd(c);
    };
    if (head.length > 0) conn.receive(head);
  }

  function handleUpgrade(
    req: IncomingMessage,
    duplex: Duplex,
    head: Buffer,
    received: Uint8Array | null,
  ): void {
    const socket = duplex as Socket;
    const { path, params } = pathOf(req.url);
    if (!PATHS.has(path)) return reject(socket, 404, `no WebSocket endpoint at ${path}`);
    const decision = readUpgrade(req);
    if (!decision.ok) return reject(socket, decision.status, decision.reason);
    // RFC 6455 §4.2.2 (4) and §10.2: a page from an origin the server does not accept gets 403.
    const origin = checkOrigin(req.headers.origin, req.headers.host, allowOrigins);
    if (!origin.ok) return reject(socket, 403, origin.reason);

    if (path === '/tap') {
      const id = params.get('id');
      if (id !== null && !TAP_ID.test(id))
        return reject(socket, 400, 'tap: ?id= must be an id this server issued (22 letters, digits, - or _)');
      socket.write(switchingProtocols(decision.accept, null, null));
      const tap = new Connection(socket, {
        maxMessageSize: 4096,
        permessageDeflate: null,
        deflater: null,
        closeTimeoutMs,
      });
      hub.attach(tap, id);
      open(head, tap);
      return;
    }

    const script = parseScript(params, maxMessageSize);
    if ('error' in script) return reject(socket, 400, script.error);
    if (script.tapId !== null && !hub.knows(script.tapId))
      return reject(
        socket,
        400,
        `tap=${script.tapId}: not an id this server issued, or it expired (open /tap first: its hello names the id)`,
      );
    // `?lab=ID`: play one case of the browser-reaction Lab instead of echoing.
    const labId = params.get('lab');
    const labCase = labId === null ? null : findLabCase(labId);
    if (labCase === undefined) return reject(socket, 400, `lab=${labId}: no such Lab case`);
    // `?play=ID`: play the server's side of an application protocol's conversation instead of echoing.
    const playId = labCase ? null : params.get('play');
    const play = playId === null ? null : findPlay(playId);
    if (play === undefined)
      return reject(socket, 400, `play=${playId}: use one of ${PLAYS.map((p) => p.id).join(', ')}`);
    const protocol = pickSubprotocol(play, decision.offeredProtocols);
    const deflate = (labCase ? labCase.deflate : script.deflate)
      ? negotiateDeflate(decision.offeredExtensions)
      : null;
    const response = switchingProtocols(decision.accept, protocol, deflate?.response ?? null);
    socket.write(response);

    const feed = script.tapId === null ? null : hub.feed(script.tapId);
    if (labCase) {
      if (feed) publishHandshake(feed, req, received, response, protocol, deflate?.response ?? null);
      const lab = runLab(socket, head, labCase, deflate?.params ?? null, feed);
      labs.add(lab);
      socket.once('close', () => labs.delete(lab));
      return;
    }
    const conn = new Connection(socket, {
      maxMessageSize: script.maxMessageSize,
      permessageDeflate: deflate?.params ?? null,
      deflater: deflate?.deflater ?? null,
      closeTimeoutMs,
      ...(feed ? { onWire: feed.frame } : {}),
    });
    if (feed) {
      publishHandshake(feed, req, received, response, protocol, deflate?.response ?? null);
      const onEnd = conn.onEnd;
      conn.onEnd = (c) => {
        feed.end(c.clean, c.closeCode, c.closeReason);
        onEnd(c);
      };
    }
    const note = (text: string) => feed?.note(text);
    if (play) runPlay(conn, play, note);
    else runEcho(conn, script, deflate !== null, note);
    open(head, conn);
  }

  return {
    handles: (url) => PATHS.has(pathOf(url).path),
    handleUpgrade(req, socket, head, received = null) {
      try {
        handleUpgrade(req, socket, head, received);
      } catch (err) {
        // A bug must cost one connection, never the server; it is logged, not swallowed.
        logRecovered('handling an upgrade', err);
        socket.destroy();
      }
    },
    handleRequest(req, res) {
      if (!PATHS.has(pathOf(req.url).path)) return false;
      // Node hands over as an upgrade only requests whose Connection header has the upgrade token; a request that
      // tried to upgrade without it is a bad handshake (400), a plain GET is told to upgrade (426).
      const tried = req.headers.upgrade !== undefined || req.headers['sec-websocket-key'] !== undefined;
      const decision = tried ? readUpgrade(req) : null;
      const failed = decision && !decision.ok ? decision : null;
      const status = failed ? failed.status : 426;
      res.writeHead(status, {
        'Content-Type': 'text/plain; charset=utf-8',
        Connection: 'close',
        ...(status === 426 ? { Upgrade: 'websocket', 'Sec-WebSocket-Version': '13' } : {}),
      });
      res.end(
        failed
          ? `${failed.reason}\n`
          : 'This is a WebSocket endpoint: connect with ws:// (Sec-WebSocket-Version: 13).\n',
      );
      return true;
    },
    connections,
    tapUsage: () => ({ bytes: hub.heldBytes, ids: hub.idCount }),
    close() {
      for (const c of connections) c.close(1001, 'server shutting down');
      for (const lab of labs) lab.destroy();
      hub.clear();
    },
  };
}
