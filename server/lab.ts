import type { Socket } from 'node:net';
import { encodeClosePayload } from '../src/codec/close.ts';
import { encodeFrame } from '../src/codec/frame-encode.ts';
import { createReceiver } from '../src/codec/receiver.ts';
import { Opcode, type PermessageDeflateParams } from '../src/codec/types.ts';
import type { LabCase, LabStep } from '../src/content/lab/types.ts';
import { FrameSlicer } from './frame-slicer.ts';
import type { TapFeed } from './tap-hub.ts';

/** A lab connection is dropped after this long whatever happens, so a silent browser cannot keep it open. */
export const LAB_TIMEOUT_MS = 60_000;
/** Frames bigger than this reach the tap as a note, not copied (the 16 MiB case). */
const TAP_COPY_LIMIT = 64 * 1024;

/**
 * Each case's steps, built once: the bytes never change, and the 16 MiB case must not cost 32 MiB per connection.
 * `socket.write` never modifies them.
 */
const built = new Map<string, LabStep[]>();
function stepsOf(labCase: LabCase): LabStep[] {
  let steps = built.get(labCase.id);
  if (!steps) built.set(labCase.id, (steps = labCase.steps()));
  return steps;
}

/**
 * Plays one case of the browser-reaction Lab (`/echo?lab=ID`) on a socket that just got its 101: the case's bytes
 * exactly as the table builds them, then its ending (answer the client's close, FIN, RST, or silence). Every frame
 * in both directions goes to the tap, so the page can see what the browser answered.
 * @see RFC 6455 §5, §7
 */
export function runLab(
  socket: Socket,
  head: Uint8Array,
  labCase: LabCase,
  deflate: PermessageDeflateParams | null,
  feed: TapFeed | null,
): { destroy(): void } {
  const receiver = createReceiver({
    role: 'server',
    permessageDeflate: deflate,
    maxMessageSize: 1 << 20,
    frameEvents: true,
  });
  const slicer = new FrameSlicer();
  let sentClose = false;
  let receivedClose = false;
  let closeCode: number | null = null;
  let closeReason = '';
  /** The client sent its close frame or closed TCP: a pending pause ends and the rest of the steps is skipped. */
  let clientGone = false;
  let wake: (() => void) | null = null;
  const safety = setTimeout(() => socket.destroy(), LAB_TIMEOUT_MS);
  safety.unref();

  const tapFrame = (from: 'client' | 'server', bytes: Uint8Array) => {
    if (!feed) return;
    if (bytes.length <= TAP_COPY_LIMIT) feed.frame(from, bytes);
    else
      feed.note(`The ${from} sent a ${bytes.length}-byte frame; the tap does not copy frames over 64 KiB.`);
  };

  const write = (bytes: Uint8Array) => {
    if (socket.destroyed) return;
    if ((bytes[0]! & 0x0f) === Opcode.Close) sentClose = true;
    tapFrame('server', bytes);
    socket.write(bytes);
  };

  const clientLeft = () => {
    clientGone = true;
    wake?.();
  };

  const receive = (chunk: Uint8Array) => {
    slicer.append(chunk);
    for (const event of receiver.push(chunk)) {
      if (event.type === 'frame') {
        tapFrame(
          'client',
          slicer.take(event.frame.offset, event.frame.headerLength + event.frame.payloadLength),
        );
      } else if (event.type === 'close') {
        receivedClose = true;
        closeCode = event.code ?? null;
        closeReason = event.reason;
        clientLeft();
        if (labCase.ending !== 'answer') continue;
        // RFC 6455 §5.5.1: answer with a close (echoing the code) unless one was sent; §7.1.1: the server closes TCP.
        if (!sentClose)
          write(encodeFrame({ opcode: Opcode.Close, payload: encodeClosePayload(event.code, event.reason) }));
        socket.end();
      } else if (event.type === 'fail') {
        clientLeft();
        socket.end();
      }
    }
  };

  socket.setNoDelay(true);
  socket.on('data', (chunk: Buffer) => receive(chunk));
  socket.on('end', () => {
    clientLeft();
    socket.end();
  });
  socket.on('error', () => socket.destroy());
  socket.on('close', () => {
    clearTimeout(safety);
    clientLeft();
    feed?.end(sentClose && receivedClose, closeCode, closeReason);
  });

  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        wake = null;
        resolve();
      }
      wake = done;
    });

  async function play() {
    feed?.note(`Lab case ${labCase.id}: the server sends ${labCase.sends}.`);
    for (const step of stepsOf(labCase)) {
      if (clientGone || socket.destroyed) return;
      if ('frame' in step) write(step.frame);
      else await pause(step.pauseMs);
    }
    if (labCase.ending === 'fin') socket.end();
    // RST once everything written has left, so the partial frame is on the wire before the reset.
    if (labCase.ending === 'reset') socket.write(new Uint8Array(0), () => socket.resetAndDestroy());
  }

  if (head.length > 0) receive(head);
  void play();
  return { destroy: () => socket.destroy() };
}
