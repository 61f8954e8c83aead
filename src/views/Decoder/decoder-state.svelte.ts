/**
 * The Decoder's state: input (pasted hex or a file of raw bytes), options, the decoded stream, the selection and
 * the list filters. Small inputs decode on the spot; large ones in a Web Worker with progress, so the page keeps
 * answering, and the worker's packed result is rebuilt into frames a few milliseconds at a time (100,000 frames
 * rebuilt in one go would freeze the page for a few tenths of a second). Bad input of any kind ends in a message,
 * never an exception.
 */
import { sniffPacket } from '../../capture/packet-sniff';
import type { PastedPackets } from '../../capture/pasted-packets';
import { parseHex, type HexFormat } from '../../codec/hex';
import { pairPingPongs } from '../../codec/ping-pong';
import { decodeStream } from '../../codec/stream';
import { unpackStreamSteps, type PackedStream } from '../../lib/transfer/stream';
import type { Direction, StreamResult } from '../../codec/stream';
import type { PermessageDeflateParams } from '../../codec/types';
import { DEFAULT_MESSAGE_MIB, messageLimitBytes } from '../../lib/message-limit';
import { runInSlices } from '../../lib/in-slices';
import type { DecodeRequest, DecodeResponse, WorkerOptions } from '../../lib/transfer/decode-protocol';
import type { DeflateMode } from './decoder-export';
import { framePayloadKinds, listMessages, listRows, NO_FILTER, type RowFilter } from './decoder-rows';

/** Inputs up to this many bytes (or hex characters × 3) decode on the main thread; larger ones in the worker. */
const SYNC_BYTES = 256 * 1024;

export type Selection =
  { kind: 'frame'; index: number } | { kind: 'message'; index: number } | { kind: 'span'; index: number };

export interface InputError {
  message: string;
  line?: number;
  column?: number;
  /** The offending characters of the pasted text, to select them there. */
  index?: number;
  length?: number;
}

export interface Progress {
  phase: 'reading hex' | 'decoding';
  done: number;
  total: number;
}

/** What to show first: the frame (or span) where the stream fails, else the first thing in the input. */
function firstSelection(result: StreamResult): Selection | null {
  const failure = result.failure;
  if (failure?.frame != null) return { kind: 'frame', index: failure.frame };
  const at = failure ? result.spans.findIndex((s) => s.start <= failure.offset && failure.offset < s.end) : 0;
  const span = result.spans[Math.max(0, at)];
  if (!span) return null;
  return span.kind === 'frame'
    ? { kind: 'frame', index: span.frame }
    : { kind: 'span', index: Math.max(0, at) };
}

/** Whether a result has the frame, message or span a selection names (a link may name one that is not there). */
function selectionExists(result: StreamResult, s: Selection): boolean {
  const count =
    s.kind === 'frame'
      ? result.frames.length
      : s.kind === 'message'
        ? result.messages.length
        : result.spans.length;
  return s.index < count && (s.kind !== 'span' || result.spans[s.index]?.kind !== 'frame');
}

export class DecoderState {
  /** The pasted text (empty when a file is loaded). */
  text = $state('');
  /** The file loaded instead of text, if any. */
  file = $state<{ name: string; size: number } | null>(null);
  bytes = $state.raw<Uint8Array | null>(null);
  inputError = $state<InputError | null>(null);
  /** How the pasted text was read (plain hex, a dump, a Node Buffer, Base64…), or null for a file. */
  format = $state<HexFormat | null>(null);
  /** Said about the paste itself, e.g. that Node cut a Buffer short. */
  inputWarning = $state<string | null>(null);
  direction = $state<'auto' | Direction>('auto');
  deflate = $state<DeflateMode>('off');
  deflateParams = $state<PermessageDeflateParams>({});
  /** The largest message (after inflation) to accept, in MiB; a bigger one fails with 1009 (RFC 6455 §7.4.1). */
  maxMessageMiB = $state(DEFAULT_MESSAGE_MIB);
  result = $state.raw<StreamResult | null>(null);
  progress = $state<Progress | null>(null);
  selection = $state<Selection | null>(null);
  tab = $state<'frames' | 'messages'>('frames');
  /** A selection a share link asked for: shown when the next decode ends, if that result has it. */
  linkedSelection: Selection | null = null;
  filter = $state<RowFilter>({ ...NO_FILTER });
  /** Set when the person stopped a decode in progress. */
  stopped = $state(false);
  /** The pasted text read as whole captured packets (headers before the WebSocket data), or null. */
  packets = $state.raw<PastedPackets | null>(null);
  /** A paste too large to read on the page starts with a captured packet's headers: decoded from byte 0. */
  largePacketPaste = $state(false);
  /** For pasted packets: decode the WebSocket data found in them (the default), or every byte from byte 0. */
  packetStart = $state<'websocket' | 'start'>('websocket');

  rows = $derived(this.result ? listRows(this.result, this.filter) : []);
  messageRows = $derived(this.result ? listMessages(this.result, this.filter) : []);
  /** How each frame's payload reads (continuation frames take their message's kind). */
  payloadKinds = $derived(this.result ? framePayloadKinds(this.result) : []);
  /** Pings paired with their pongs, by frame index (pasted bytes have no times: no latency). */
  pingPongs = $derived(pairPingPongs(this.result?.frames ?? []));

  private worker: Worker | null = null;
  private requestId = 0;
  private fileBytes: Uint8Array | null = null;

  /** Options for decodeStream from the form. */
  options(): WorkerOptions {
    const params = { ...this.deflateParams };
    const permessageDeflate = this.deflate === 'off' ? null : this.deflate === 'auto' ? 'auto' : params;
    return {
      direction: this.direction,
      permessageDeflate,
      autoDeflateParams: params,
      maxMessageSize: messageLimitBytes(this.maxMessageMiB),
    };
  }

  /** Decode pasted text. */
  setText(text: string): void {
    this.text = text;
    this.file = null;
    this.fileBytes = null;
    this.packets = null;
    this.packetStart = 'websocket';
    this.run();
  }

  /** For pasted packets: switch between their WebSocket data and the bytes from byte 0. */
  setPacketStart(start: 'websocket' | 'start'): void {
    this.packetStart = start;
    this.run();
  }

  /** Decode a file's raw bytes. */
  setFile(name: string, bytes: Uint8Array): void {
    this.text = '';
    this.packets = null;
    this.file = { name, size: bytes.length };
    this.fileBytes = bytes;
    this.run();
  }

  /** Decode again with the current input and options. */
  run(): void {
    this.cancel();
    this.inputError = null;
    this.inputWarning = null;
    this.format = null;
    this.largePacketPaste = false;
    this.stopped = false;
    try {
      if (this.fileBytes) {
        if (this.fileBytes.length > SYNC_BYTES) this.startWorker({ source: 'bytes', bytes: this.fileBytes });
        else this.finish(this.fileBytes, decodeStream(this.fileBytes, { ...this.options(), fields: false }));
        return;
      }
      if (this.text.length > SYNC_BYTES * 3) {
        this.startWorker({ source: 'text', text: this.text });
        return;
      }
      const parsed = parseHex(this.text);
      if (!parsed.ok) {
        const { error, line, column, index, length } = parsed;
        this.fail({ message: error, line, column, index, length });
        return;
      }
      this.format = parsed.format;
      this.inputWarning = parsed.warning ?? null;
      if (parsed.bytes.length === 0) {
        this.bytes = null;
        this.result = null;
        this.selection = null;
        return;
      }
      if (sniffPacket(parsed.bytes)) {
        void this.decodePackets(this.requestId, parsed.bytes);
        return;
      }
      this.packets = null;
      this.finish(parsed.bytes, decodeStream(parsed.bytes, { ...this.options(), fields: false }));
    } catch (err) {
      this.fail({
        message: `Framescope could not decode this input: ${err instanceof Error ? err.message : String(err)}`,
      });
    }
  }

  /**
   * Whole packets were pasted: the capture importer's path (loaded on demand) finds their WebSocket data, which is
   * decoded unless the person asked for byte 0. A handshake in the dump that negotiated permessage-deflate turns
   * it on in the form, as the connection had it.
   */
  private async decodePackets(id: number, fallback: Uint8Array): Promise<void> {
    try {
      const { readPastedPackets } = await import('../../capture/pasted-packets');
      if (id !== this.requestId) return;
      const first = this.packets === null;
      const packets = readPastedPackets(this.text);
      this.packets = packets;
      if (packets?.permessageDeflate && first) {
        this.deflate = 'on';
        this.deflateParams = { ...packets.permessageDeflate };
      }
      const bytes = !packets ? fallback : this.packetStart === 'websocket' ? packets.websocket : packets.raw;
      this.finish(bytes, decodeStream(bytes, { ...this.options(), fields: false }));
    } catch (err) {
      if (id === this.requestId)
        this.fail({
          message: `Framescope could not read these packets: ${err instanceof Error ? err.message : String(err)}`,
        });
    }
  }

  private fail(error: InputError): void {
    this.inputError = error;
    this.bytes = null;
    this.result = null;
    this.selection = null;
    this.progress = null;
  }

  private finish(bytes: Uint8Array, result: StreamResult): void {
    this.bytes = bytes;
    this.result = result;
    this.progress = null;
    const wanted = this.linkedSelection;
    this.linkedSelection = null;
    if (wanted && selectionExists(result, wanted)) this.select(wanted);
    else {
      this.selection = firstSelection(result);
      this.tab = 'frames';
    }
  }

  private startWorker(req: { source: 'text'; text: string } | { source: 'bytes'; bytes: Uint8Array }): void {
    const id = ++this.requestId;
    this.result = null;
    this.bytes = null;
    this.selection = null;
    this.progress = { phase: req.source === 'text' ? 'reading hex' : 'decoding', done: 0, total: 1 };
    // Vite bundles the worker from this exact `new Worker(new URL(…, import.meta.url))` form.
    // eslint-disable-next-line svelte/prefer-svelte-reactivity
    const worker = new Worker(new URL('../../workers/decode.worker.ts', import.meta.url), { type: 'module' });
    this.worker = worker;
    worker.onmessage = (e: MessageEvent<DecodeResponse>) => {
      const msg = e.data;
      if (msg.id !== id) return;
      if (msg.type === 'progress') this.progress = { phase: msg.phase, done: msg.done, total: msg.total };
      else {
        this.stopWorker();
        if (msg.type === 'done') void this.unpack(id, msg.bytes, msg.packed);
        else if (msg.type === 'input-error')
          this.fail({
            message: msg.error,
            line: msg.line,
            column: msg.column,
            index: msg.index,
            length: msg.length,
          });
        else this.fail({ message: `Framescope could not decode this input: ${msg.message}` });
      }
    };
    worker.onerror = (e) => {
      this.stopWorker();
      this.fail({ message: `The decoding worker stopped: ${e.message || 'unknown error'}` });
    };
    const request: DecodeRequest = { id, ...req, options: $state.snapshot(this.options()) as WorkerOptions };
    worker.postMessage(request);
  }

  /** Rebuild the worker's result in slices; a newer request or a stop (which bump `requestId`) drops it. */
  private async unpack(id: number, bytes: Uint8Array, packed: PackedStream): Promise<void> {
    this.progress = { phase: 'decoding', done: 1, total: 1 };
    try {
      const result = await runInSlices(unpackStreamSteps(packed), () => id !== this.requestId);
      if (result && id === this.requestId) {
        // The worker sent the file's bytes back (transferred): keep that copy only, not the one sent to it.
        if (this.fileBytes) this.fileBytes = bytes;
        this.largePacketPaste = this.fileBytes === null && sniffPacket(bytes) !== null;
        this.finish(bytes, result);
      }
    } catch (err) {
      if (id === this.requestId)
        this.fail({
          message: `Framescope could not show this decode: ${err instanceof Error ? err.message : String(err)}`,
        });
    }
  }

  private stopWorker(): void {
    this.worker?.terminate();
    this.worker = null;
  }

  /** Stop a decode in progress, at the person's request. */
  stop(): void {
    this.cancel();
    this.stopped = true;
  }

  /** End the worker or the rebuilding of its result, if either is under way. */
  private cancel(): void {
    this.requestId++;
    this.stopWorker();
    this.progress = null;
  }

  /** Show a frame, message or span, and the list it is in. */
  select(s: Selection): void {
    this.selection = s;
    this.tab = s.kind === 'message' ? 'messages' : 'frames';
  }
}
