import { encodeClosePayload } from '../src/codec/close.ts';
import { encodeFrame } from '../src/codec/frame-encode.ts';
import { createReceiver } from '../src/codec/receiver.ts';
import {
  Opcode,
  type FrameSpec,
  type MessageDeflater,
  type PermessageDeflateParams,
  type Receiver,
  type ReceiverEvent,
} from '../src/codec/types.ts';
import { FrameSlicer } from './frame-slicer.ts';
import { logRecovered } from './log.ts';

/**
 * What a connection needs of its transport: a TCP socket after the HTTP/1.1 upgrade, or the HTTP/2 stream of an
 * extended CONNECT (RFC 8441), where `end()` sends END_STREAM and `destroy()` RST_STREAM.
 */
export interface WireSocket {
  on(event: 'data', listener: (chunk: Buffer) => void): unknown;
  on(event: 'end' | 'close', listener: () => void): unknown;
  on(event: 'error', listener: (err: Error) => void): unknown;
  once(event: 'drain', listener: () => void): unknown;
  write(bytes: Uint8Array): boolean;
  end(): unknown;
  destroy(): unknown;
  pause(): unknown;
  resume(): unknown;
  isPaused(): boolean;
  readonly writableLength: number;
  readonly destroyed: boolean;
  setNoDelay?: (noDelay: boolean) => unknown;
}

/** Who put a frame on the wire. */
export type Sender = 'client' | 'server';

export interface ConnectionOptions {
  /** Largest message accepted (after inflation); bigger fails the connection with 1009. */
  maxMessageSize: number;
  /** Negotiated permessage-deflate parameters, or null. */
  permessageDeflate: PermessageDeflateParams | null;
  /** Compresses outgoing messages when permessage-deflate was negotiated. */
  deflater: MessageDeflater | null;
  /** How long to wait for the peer's close frame (or its TCP close) before dropping the socket. */
  closeTimeoutMs: number;
  /** Called with every frame's exact bytes, both directions, when someone watches (the tap). */
  onWire?: (from: Sender, bytes: Uint8Array) => void;
}

export interface SendOptions {
  /** Split the message into this many frames (the first carries the opcode, the rest are continuations). */
  fragments?: number;
  /** Compress when permessage-deflate was negotiated (default true). */
  compress?: boolean;
}

type State = 'open' | 'closing' | 'closed';

/**
 * One server-side WebSocket connection over a TCP socket, after the opening handshake: frames come in through the
 * codec's receiver, go out through `encodeFrame`. Answers pings, runs the closing handshake with a timeout, and fails
 * a peer that breaks the protocol with the close code the codec's violation names.
 * @see RFC 6455 §5, §7
 */
export class Connection {
  state: State = 'open';
  /** Set once the TCP socket is gone. */
  ended = false;
  /** What the peer's close frame said (or what we failed it with). */
  closeCode: number | null = null;
  closeReason = '';
  /** Both close frames were exchanged before the socket ended. */
  clean = false;
  onMessage: (opcode: 1 | 2, data: Uint8Array) => void = () => {};
  onEnd: (conn: Connection) => void = () => {};

  private readonly receiver: Receiver;
  private readonly slicer: FrameSlicer | null;
  private closeTimer: NodeJS.Timeout | null = null;
  private sentClose = false;
  private receivedClose = false;

  constructor(
    private readonly socket: WireSocket,
    private readonly opts: ConnectionOptions,
  ) {
    this.receiver = createReceiver({
      role: 'server',
      maxMessageSize: opts.maxMessageSize,
      permessageDeflate: opts.permessageDeflate,
      frameEvents: Boolean(opts.onWire),
    });
    this.slicer = opts.onWire ? new FrameSlicer() : null;
    socket.setNoDelay?.(true);
    socket.on('data', (chunk: Buffer) => this.receive(chunk));
    socket.on('end', () => socket.end());
    socket.on('error', (err) => {
      logRecovered('socket', err);
      socket.destroy();
    });
    socket.on('close', () => this.finish());
  }

  /** Bytes written but not yet taken by the kernel: bounded by backpressure. */
  get bufferedBytes(): number {
    return this.socket.writableLength;
  }

  /** Call `fn` once everything written so far has been handed to the kernel (at once when nothing waits). */
  whenDrained(fn: () => void): void {
    if (this.socket.writableLength === 0 || this.socket.destroyed) queueMicrotask(fn);
    else this.socket.once('drain', fn);
  }

  /** Feed bytes read with the handshake (Node's `head`) or later from the socket. */
  receive(chunk: Uint8Array): void {
    if (this.ended || chunk.length === 0) return;
    try {
      this.slicer?.append(chunk);
      for (const event of this.receiver.push(chunk)) {
        if (this.ended) return;
        this.handle(event);
      }
    } catch (err) {
      // A bug must cost this connection, never the server; it is logged, not swallowed.
      logRecovered('reading a connection', err);
      this.socket.destroy();
    }
  }

  /** Send a text (1) or binary (2) message. Ignored once the closing handshake started. */
  send(opcode: 1 | 2, data: Uint8Array, options: SendOptions = {}): void {
    if (this.state !== 'open') return;
    const compress = options.compress !== false && this.opts.deflater !== null;
    const payload = compress ? this.opts.deflater!.deflate(data) : data;
    const count = Math.max(1, Math.min(options.fragments ?? 1, Math.max(1, payload.length)));
    const size = Math.ceil(payload.length / count);
    for (let i = 0; i < count; i++) {
      this.writeFrame({
        opcode: i === 0 ? opcode : Opcode.Continuation,
        fin: i === count - 1,
        // RFC 7692 §6: RSV1 marks the first frame of a compressed message only.
        rsv1: compress && i === 0,
        payload: payload.subarray(i * size, Math.min(payload.length, (i + 1) * size)),
      });
    }
  }

  /** Send a ping with up to 125 bytes of application data. */
  ping(data: Uint8Array): void {
    if (this.state === 'open') this.writeFrame({ opcode: Opcode.Ping, payload: data });
  }

  /** Write any frame, even one the RFC forbids (scripted misbehaviour for teaching). */
  writeRaw(spec: FrameSpec): void {
    if (this.state === 'open') this.writeFrame({ ...spec, allowInvalid: true });
  }

  /** Start the closing handshake; the socket is dropped if the peer does not answer within the timeout. */
  close(code?: number, reason = ''): void {
    if (this.state !== 'open') return;
    this.state = 'closing';
    this.sendClose(code, reason);
    this.armCloseTimer();
  }

  /** Drop the TCP connection without a closing handshake. */
  destroy(): void {
    this.socket.destroy();
  }

  private handle(event: ReceiverEvent): void {
    switch (event.type) {
      case 'frame': {
        const f = event.frame;
        const bytes = this.slicer!.take(f.offset, f.headerLength + f.payloadLength);
        this.opts.onWire?.('client', bytes);
        return;
      }
      case 'message':
        if (this.state === 'open') this.onMessage(event.opcode, event.data);
        return;
      case 'ping':
        if (this.state === 'open') this.writeFrame({ opcode: Opcode.Pong, payload: event.data });
        return;
      case 'pong':
        return;
      case 'close':
        this.receivedClose = true;
        if (this.closeCode === null) {
          this.closeCode = event.code ?? null;
          this.closeReason = event.reason;
        }
        if (!this.sentClose) {
          // Echo the status code (and reason) back (RFC 6455 §5.5.1), then close TCP first: the server does (§7.1.1).
          this.state = 'closing';
          this.sendClose(event.code, event.reason);
        }
        this.clean = true;
        this.state = 'closed';
        this.socket.end();
        this.armCloseTimer();
        return;
      case 'fail':
        // RFC 6455 §7.1.7: fail the connection, sending a close frame with the violation's code first.
        this.closeCode = event.code;
        this.closeReason = event.reason;
        if (!this.sentClose) this.sendClose(event.code, truncateReason(event.reason));
        this.state = 'closed';
        this.socket.end();
        this.armCloseTimer();
        return;
    }
  }

  private sendClose(code: number | undefined, reason: string): void {
    this.sentClose = true;
    const payload = code === undefined ? new Uint8Array(0) : encodeClosePayload(code, reason);
    this.writeFrame({ opcode: Opcode.Close, payload });
  }

  private writeFrame(spec: FrameSpec): void {
    if (this.ended || this.socket.destroyed) return;
    const bytes = encodeFrame(spec);
    this.opts.onWire?.('server', bytes);
    // Backpressure: a peer that sends faster than it reads stops being read until its echoes drain.
    if (!this.socket.write(bytes) && !this.socket.isPaused()) {
      this.socket.pause();
      this.socket.once('drain', () => this.socket.resume());
    }
  }

  private armCloseTimer(): void {
    if (this.closeTimer) return;
    this.closeTimer = setTimeout(() => this.socket.destroy(), this.opts.closeTimeoutMs);
    this.closeTimer.unref();
  }

  private finish(): void {
    if (this.ended) return;
    this.ended = true;
    this.state = 'closed';
    this.clean = this.clean && this.sentClose && this.receivedClose;
    if (this.closeTimer) clearTimeout(this.closeTimer);
    this.onEnd(this);
  }
}

/** A close reason must fit a control frame: 123 bytes after the 2-byte code, cut on a character boundary. */
export function truncateReason(reason: string): string {
  const encoder = new TextEncoder();
  if (encoder.encode(reason).length <= 123) return reason;
  let out = '';
  for (const ch of reason) {
    if (encoder.encode(out + ch).length > 123) break;
    out += ch;
  }
  return out;
}
