/**
 * The Replay view's state: the imported capture, the chosen connection, filters, and the playback cursor.
 * Small files import on the main thread; large ones in a Web Worker, whose packed result is rebuilt into frames
 * a few milliseconds at a time so the page keeps answering. The importer itself loads on demand, with the first
 * capture opened, so the view's first screen does not wait for it.
 */
import type { CaptureConnection, CaptureImport } from '../../capture';
import { pairCapturedPings } from '../../capture/ping-pong';
import { DEFAULT_MESSAGE_MIB, messageLimitBytes } from '../../lib/message-limit';
import { unpackCaptureSteps, type PackedCapture } from '../../lib/transfer/capture';
import { runInSlices } from '../../lib/in-slices';
import CaptureWorker from '../../workers/capture.worker.ts?worker';
import type { ImportRequest, ImportResponse } from '../../lib/transfer/import-protocol';
import { LINK_CAPTURE_BYTES, type ReplaySource } from './replay-link';
import { sampleUrl } from './samples';
import {
  lastAtOrBefore,
  matches,
  positions,
  SHORT_CAPTURE_MS,
  SPEEDS,
  type FrameFilter,
  type Spacing,
} from './playback';

/** Files up to this size import on the spot; larger ones in the worker. */
const SYNC_BYTES = 512 * 1024;

export class ReplayState {
  capture = $state.raw<CaptureImport | null>(null);
  /** Where the capture came from (a sample, or a file's bytes while small enough for a link). */
  source = $state.raw<ReplaySource | null>(null);
  /** Name of the file being read, while it is read. */
  loading = $state<string | null>(null);
  connectionId = $state<string | null>(null);
  /** The spacing picked by the user; until then, the capture's default (see `spacing`). */
  private spacingChoice = $state<Spacing | null>(null);
  speed = $state(1);
  /** The largest message (after inflation) to accept, in MiB; applies to the next capture opened. */
  maxMessageMiB = $state(DEFAULT_MESSAGE_MIB);
  playing = $state(false);
  filter = $state<FrameFilter>({ direction: 'all', opcode: 'all' });
  /** Timeline position in ms (real or evenly spaced). */
  t = $state(0);
  /** Index into `visible` of the current frame, -1 before the first. */
  cursor = $state(-1);

  connection = $derived<CaptureConnection | null>(
    this.capture?.connections.find((c) => c.id === this.connectionId) ?? this.capture?.connections[0] ?? null,
  );
  /** Pings paired with their pongs, by frame index, with round-trip times. */
  pingPongs = $derived(pairCapturedPings(this.connection?.frames ?? []));
  /** Indices (into the connection's frames) of the frames that pass the filters. */
  visible = $derived.by(() => {
    const frames = this.connection?.frames ?? [];
    const out: number[] = [];
    for (let i = 0; i < frames.length; i++) if (matches(frames[i]!, this.filter)) out.push(i);
    return out;
  });
  /** Time from the connection's first frame to its last, in ms. */
  duration = $derived.by(() => {
    const frames = this.connection?.frames ?? [];
    return frames.length ? (frames[frames.length - 1]?.time ?? 0) - (frames[0]?.time ?? 0) : 0;
  });
  /**
   * A capture shorter than a few seconds (a loopback test lasts 10–300 ms) would be over before anyone saw it
   * move at real time: it plays evenly spaced unless the user picks real time.
   */
  get spacing(): Spacing {
    return this.spacingChoice ?? (this.duration < SHORT_CAPTURE_MS ? 'even' : 'real');
  }
  set spacing(value: Spacing) {
    this.spacingChoice = value;
  }
  /** True while the spacing is the automatic choice for a short capture. */
  autoEven = $derived(this.spacingChoice === null && this.duration < SHORT_CAPTURE_MS);
  pos = $derived(positions(this.connection?.frames ?? [], this.visible, this.spacing));
  end = $derived(this.pos.length ? (this.pos[this.pos.length - 1] ?? 0) : 0);
  /** The current frame's index in the connection, or null. */
  current = $derived(this.cursor >= 0 ? (this.visible[this.cursor] ?? null) : null);

  private worker: Worker | null = null;
  private requestId = 0;

  /** Open a bundled sample capture by its file name. */
  async openSample(file: string): Promise<void> {
    const url = sampleUrl(file);
    if (!url) {
      this.failed(file, 'this sample is not part of this build');
      return;
    }
    try {
      const res = await fetch(url);
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      await this.open(file, new Uint8Array(await res.arrayBuffer()));
      this.source = { sample: file };
    } catch (err) {
      this.failed(
        file,
        `the sample could not be loaded: ${err instanceof Error ? err.message : String(err)}`,
      );
    }
  }

  /** Read a file's bytes (from a sample, or handed over by another view). */
  async open(name: string, bytes: Uint8Array): Promise<void> {
    this.source = { name, bytes: bytes.length <= LINK_CAPTURE_BYTES ? bytes : null, size: bytes.length };
    this.stopWorker();
    this.pause();
    if (bytes.length > SYNC_BYTES && typeof Worker !== 'undefined') {
      // Transfer the bytes when they fill their buffer: the worker gets them without a copy.
      const whole = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
      this.startWorker(name, { bytes }, whole ? [bytes.buffer as ArrayBuffer] : []);
      return;
    }
    this.loading = name;
    const id = this.requestId;
    let importCapture: typeof import('../../capture').importCapture;
    try {
      ({ importCapture } = await import('../../capture'));
    } catch (err) {
      if (id === this.requestId)
        this.failed(name, `the capture importer could not be loaded: ${(err as Error).message}`);
      return;
    }
    // A newer file was opened while the importer loaded: it wins.
    if (id !== this.requestId) return;
    this.loading = null;
    this.show(importCapture(name, bytes, { maxMessageSize: messageLimitBytes(this.maxMessageMiB) }));
  }

  /** Open a file from the picker or a drop: a large one is read by the worker itself, never by the page. */
  async openFile(file: File): Promise<void> {
    if (file.size > SYNC_BYTES && typeof Worker !== 'undefined') {
      this.source = { name: file.name, bytes: null, size: file.size };
      this.stopWorker();
      this.pause();
      this.startWorker(file.name, { file }, []);
      return;
    }
    await this.open(file.name, new Uint8Array(await file.arrayBuffer()));
  }

  private startWorker(
    name: string,
    source: { bytes: Uint8Array } | { file: Blob },
    transfer: Transferable[],
  ): void {
    this.loading = name;
    const id = ++this.requestId;
    this.worker = new CaptureWorker();
    this.worker.onmessage = (e: MessageEvent<ImportResponse>) => {
      if (e.data.id !== id) return;
      this.worker?.terminate();
      this.worker = null;
      void this.unpack(id, name, e.data.packed);
    };
    this.worker.onerror = (e) => {
      this.stopWorker();
      this.show({
        name,
        format: null,
        connections: [],
        warnings: [],
        error: `the import stopped: ${e.message}`,
      });
    };
    const request: ImportRequest = {
      id,
      name,
      maxMessageSize: messageLimitBytes(this.maxMessageMiB),
      ...source,
    };
    this.worker.postMessage(request, transfer);
  }

  /** Report a file that could not even be read (e.g. a failed fetch). */
  failed(name: string, message: string): void {
    this.stopWorker();
    this.show({ name, format: null, connections: [], warnings: [], error: message });
  }

  /** Rebuild the worker's import in slices (`loading` stays set); a newer file drops it. */
  private async unpack(id: number, name: string, packed: PackedCapture): Promise<void> {
    try {
      const result = await runInSlices(unpackCaptureSteps(packed), () => id !== this.requestId);
      if (result && id === this.requestId) {
        this.loading = null;
        this.show(result);
      }
    } catch (err) {
      if (id === this.requestId)
        this.failed(name, `the import could not be shown: ${(err as Error).message}`);
    }
  }

  private stopWorker(): void {
    this.requestId++;
    this.worker?.terminate();
    this.worker = null;
    this.loading = null;
  }

  private show(result: CaptureImport): void {
    this.spacingChoice = null;
    this.capture = result;
    this.connectionId = result.connections[0]?.id ?? null;
    this.rewind();
  }

  selectConnection(id: string): void {
    this.pause();
    this.connectionId = id;
    this.rewind();
  }

  rewind(): void {
    this.cursor = -1;
    this.t = 0;
  }

  /** Make a visible frame current (by its index in `visible`). */
  goTo(k: number): void {
    if (this.visible.length === 0) return;
    const clamped = Math.max(0, Math.min(this.visible.length - 1, k));
    this.cursor = clamped;
    this.t = this.pos[clamped] ?? 0;
  }

  /** Make a frame current by its index in the connection (e.g. a click in the list). */
  select(frameIndex: number): void {
    const k = this.visible.indexOf(frameIndex);
    if (k >= 0) this.goTo(k);
  }

  step(delta: number): void {
    this.pause();
    this.goTo(this.cursor + delta);
  }

  /** Move the timeline to position t (scrubbing). */
  scrub(t: number): void {
    this.t = Math.max(0, Math.min(this.end, t));
    this.cursor = lastAtOrBefore(this.pos, this.t);
  }

  play(): void {
    if (this.visible.length === 0) return;
    if (this.cursor >= this.visible.length - 1) this.rewind();
    this.playing = true;
  }

  pause(): void {
    this.playing = false;
  }

  toggle(): void {
    if (this.playing) this.pause();
    else this.play();
  }

  /** Advance playback by `ms` of wall-clock time. */
  advance(ms: number): void {
    if (!this.playing) return;
    this.t = Math.min(this.end, this.t + ms * this.speed);
    const k = lastAtOrBefore(this.pos, this.t);
    if (k !== this.cursor) this.cursor = k;
    if (this.t >= this.end) this.playing = false;
  }

  faster(dir: 1 | -1): void {
    const i = SPEEDS.indexOf(this.speed as (typeof SPEEDS)[number]);
    this.speed = SPEEDS[Math.max(0, Math.min(SPEEDS.length - 1, (i < 0 ? 2 : i) + dir))] ?? 1;
  }

  /** Filters changed: keep the current frame if it is still visible. */
  refilter(filter: FrameFilter): void {
    const keep = this.current;
    this.filter = filter;
    const k = keep === null ? -1 : this.visible.indexOf(keep);
    if (k >= 0) this.goTo(k);
    else this.rewind();
  }
}
