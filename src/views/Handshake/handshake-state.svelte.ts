import { splitHandshakeText } from '../../codec/handshake-http';
import {
  DEFAULT_FIELDS,
  HANDSHAKE_TEXT,
  PRESETS,
  type RequestFields,
  type ServerOverrides,
} from '../../content/handshake';
import { router } from '../../lib/router.svelte';
import { computeRun, type HandshakeRun, requestFromFields } from './handshake-run';
import type { HandshakeLink } from './handshake-link';

export const SPEEDS = [0.5, 1, 2, 4] as const;
const BASE_MS = { travel: 1600, check: 1000, accept: 1500, other: 1400 } as const;

/** The Handshake view's state: inputs, the computed run, and the player. Create it during component init. */
export class HandshakeState {
  mode = $state<'edit' | 'paste'>('edit');
  presetId = $state('valid');
  fields = $state<RequestFields>({ ...DEFAULT_FIELDS });
  overrides = $state<ServerOverrides>({ accept: '', protocol: '', extensions: '' });
  serverProtocols = $state('chat');
  serverDeflate = $state(true);
  /** Origins the simulated server accepts, comma-separated; empty: it does not check Origin. */
  serverOrigins = $state('');
  forceFallback = $state(false);
  pasteText = $state('');
  /** The pasted text that was checked (null until "Check" is pressed). */
  pasted = $state<{ request: string | null; response: string | null } | null>(null);
  pasteError = $state('');

  run = $state<HandshakeRun | null>(null);
  /** True when `run` was computed from the pasted text (not from the editor, not stale). */
  runFromPaste = $state(false);
  index = $state(0);
  playing = $state(false);
  speed = $state<number>(1);
  reducedMotion = $state(false);

  readonly step = $derived(this.run?.steps[Math.min(this.index, this.run.steps.length - 1)] ?? null);
  readonly last = $derived(Math.max(0, (this.run?.steps.length ?? 1) - 1));
  readonly atEnd = $derived(this.index >= this.last);
  /** How long the current step lasts at the current speed. */
  readonly stepMs = $derived.by(() => {
    const kind = this.step?.kind;
    const base =
      kind === 'send-request' || kind === 'send-response'
        ? BASE_MS.travel
        : kind === 'check'
          ? BASE_MS.check
          : kind === 'accept'
            ? BASE_MS.accept
            : BASE_MS.other;
    return Math.round(base / this.speed);
  });
  readonly requestText = $derived(
    this.mode === 'paste' && this.pasted ? (this.pasted.request ?? '') : requestFromFields(this.fields),
  );

  #generation = 0;

  constructor() {
    // A link such as #/handshake?preset=short-key opens that scenario (and survives a reload).
    const linked = PRESETS.find((p) => p.id === router.current.params.get('preset'));
    if (linked) this.#setPreset(linked.id);
    // `?key=` puts a Sec-WebSocket-Key in the request (Learn's accept lesson opens the view with the learner's key).
    const key = router.current.params.get('key');
    if (key !== null) this.fields = { ...this.fields, key };
    if (typeof matchMedia === 'function') {
      const query = matchMedia('(prefers-reduced-motion: reduce)');
      this.reducedMotion = query.matches;
      query.addEventListener('change', (e) => (this.reducedMotion = e.matches));
    }
    $effect(() => {
      const input = {
        requestText: this.requestText,
        pastedResponse: this.mode === 'paste' && this.pasted ? this.pasted.response : null,
        overrides: { ...this.overrides },
        serverProtocols: this.serverProtocols
          .split(',')
          .map((p) => p.trim())
          .filter(Boolean),
        serverDeflate: this.serverDeflate,
        allowedOrigins: this.serverOrigins
          .split(',')
          .map((o) => o.trim())
          .filter(Boolean),
        forceFallback: this.forceFallback,
        source: this.mode === 'paste' && this.pasted ? ('pasted' as const) : ('editor' as const),
      };
      const generation = ++this.#generation;
      void computeRun(input).then((run) => {
        if (generation !== this.#generation) return;
        this.run = run;
        this.runFromPaste = input.source === 'pasted';
        if (this.index > run.steps.length - 1) this.index = run.steps.length - 1;
      });
    });
    $effect(() => {
      if (!this.playing) return;
      if (this.atEnd) {
        this.playing = false;
        return;
      }
      const at = this.index;
      const timer = setTimeout(() => (this.index = at + 1), this.stepMs);
      return () => clearTimeout(timer);
    });
  }

  #setPreset(id: string): void {
    const preset = PRESETS.find((p) => p.id === id);
    if (!preset) return;
    this.presetId = id;
    this.mode = 'edit';
    this.fields = { ...DEFAULT_FIELDS, ...preset.fields };
    this.overrides = { accept: '', protocol: '', extensions: '', ...preset.server };
    this.serverOrigins = preset.allowedOrigins ?? '';
    this.index = 0;
  }

  /** Load a scenario and play it (unless the reader prefers reduced motion); the share link follows. */
  applyPreset(id: string): void {
    this.#setPreset(id);
    this.playing = !this.reducedMotion;
  }

  /** The state a share link carries (`handshake-link.ts`). */
  toLink(): HandshakeLink {
    return {
      preset: this.presetId,
      fields: { ...this.fields },
      server: { ...this.overrides },
      serverProtocols: this.serverProtocols,
      serverDeflate: this.serverDeflate,
      fallback: this.forceFallback,
      mode: this.mode,
      paste: this.pasteText,
      checked: this.pasted !== null,
      step: this.index,
    };
  }

  /** Restore a link's state, paused at its step (clamped once the run is computed). */
  applyLink(l: HandshakeLink): void {
    this.playing = false;
    this.presetId = l.preset;
    this.fields = { ...l.fields };
    this.overrides = { ...l.server };
    this.serverProtocols = l.serverProtocols;
    this.serverDeflate = l.serverDeflate;
    this.forceFallback = l.fallback;
    this.pasteText = l.paste;
    this.pasteError = '';
    this.pasted = l.checked ? splitHandshakeText(l.paste) : null;
    this.mode = l.mode;
    this.index = l.step;
  }

  checkPaste(): void {
    const split = splitHandshakeText(this.pasteText);
    if (split.request === null && split.response === null) {
      this.pasteError = HANDSHAKE_TEXT.pasteEmpty;
      return;
    }
    this.pasteError = '';
    this.pasted = split;
    this.mode = 'paste';
    this.index = 0;
    // The verdict shows at once; the animation then plays it from the start (unless motion is reduced).
    this.playing = !this.reducedMotion;
  }

  togglePlay(): void {
    if (this.atEnd) this.index = 0;
    this.playing = !this.playing;
  }
  next(): void {
    this.playing = false;
    this.index = Math.min(this.last, this.index + 1);
  }
  back(): void {
    this.playing = false;
    this.index = Math.max(0, this.index - 1);
  }
  toStart(): void {
    this.playing = false;
    this.index = 0;
  }
  toEnd(): void {
    this.playing = false;
    this.index = this.last;
  }
  changeSpeed(direction: 1 | -1): void {
    const at = SPEEDS.indexOf(this.speed as (typeof SPEEDS)[number]);
    this.speed = SPEEDS[Math.max(0, Math.min(SPEEDS.length - 1, at + direction))] ?? 1;
  }
}
