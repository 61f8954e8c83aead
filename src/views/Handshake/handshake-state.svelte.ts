import {
  type AcceptSteps,
  answerRequest,
  buildRequest,
  buildResponse,
  type HandshakeRequest,
  type HandshakeResponse,
  type HashBackendInfo,
  hashBackend,
  parseRequest,
  parseResponse,
  type RequestValidation,
  type ResponseValidation,
  splitHandshakeText,
  validateResponse,
} from '../../codec';
import {
  DEFAULT_FIELDS,
  HANDSHAKE_TEXT,
  PRESETS,
  type RequestFields,
  type ServerOverrides,
} from '../../content/handshake';
import { buildTimeline, type Step } from './timeline';

/** Everything computed from one set of inputs. */
export interface HandshakeRun {
  requestText: string;
  responseText: string;
  /** Where the response text came from. */
  responseSource: 'server' | 'pasted';
  request: HandshakeRequest;
  response: HandshakeResponse;
  requestChecks: RequestValidation;
  responseChecks: ResponseValidation;
  accept: AcceptSteps | null;
  hash: HashBackendInfo;
  steps: Step[];
}

export const SPEEDS = [0.5, 1, 2, 4] as const;
const BASE_MS = { travel: 1600, check: 1000, accept: 1500, other: 1400 } as const;

function emptyToNull(value: string): string | null {
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}

/** The request text the editor fields describe. */
export function requestFromFields(f: RequestFields): string {
  return buildRequest({
    method: f.method.trim() || 'GET',
    path: f.path.trim() || '/',
    host: emptyToNull(f.host),
    upgrade: emptyToNull(f.upgrade),
    connection: emptyToNull(f.connection),
    key: emptyToNull(f.key),
    origin: emptyToNull(f.origin),
    version: emptyToNull(f.version),
    protocols: f.protocols
      .split(',')
      .map((p) => p.trim())
      .filter((p) => p !== ''),
    extensions: emptyToNull(f.extensions),
  });
}

/** Compute a whole run: parse, check, answer, verify, and lay out the animation. */
export async function computeRun(input: {
  requestText: string;
  pastedResponse: string | null;
  overrides: ServerOverrides;
  serverProtocols: string[];
  serverDeflate: boolean;
  forceFallback: boolean;
  source: 'editor' | 'pasted';
}): Promise<HandshakeRun> {
  const prefer = input.forceFallback ? ('noble-hashes' as const) : undefined;
  const request = parseRequest(input.requestText);
  const answer = await answerRequest(request, {
    protocols: input.serverProtocols,
    permessageDeflate: input.serverDeflate ? {} : null,
    ...(prefer ? { prefer } : {}),
  });
  let responseText = answer.text;
  const o = input.overrides;
  if (answer.request.ok && (o.accept.trim() || o.protocol.trim() || o.extensions.trim())) {
    responseText = buildResponse({
      accept: o.accept.trim() || answer.accept?.accept || null,
      protocol: o.protocol.trim() || answer.protocol,
      extensions: o.extensions.trim() || answer.extensions,
    });
  }
  if (input.pastedResponse !== null) responseText = input.pastedResponse;
  const response = parseResponse(responseText);
  const responseChecks = await validateResponse(response, {
    key: answer.request.offer.key,
    offeredProtocols: answer.request.offer.protocols,
    offeredExtensions: answer.request.offer.extensions,
    ...(prefer ? { prefer } : {}),
  });
  const accept = answer.accept ?? responseChecks.expected;
  return {
    requestText: input.requestText,
    responseText,
    responseSource: input.pastedResponse !== null ? 'pasted' : 'server',
    request,
    response,
    requestChecks: answer.request,
    responseChecks,
    accept,
    hash:
      accept?.hash ?? (prefer ? { backend: prefer, reason: 'The fallback was requested.' } : hashBackend()),
    steps: buildTimeline({
      request: answer.request,
      accept: answer.accept,
      response: responseChecks,
      responseStatus: response.status,
      source: input.source,
    }),
  };
}

/** The Handshake view's state: inputs, the computed run, and the player. Create it during component init. */
export class HandshakeState {
  mode = $state<'edit' | 'paste'>('edit');
  presetId = $state('valid');
  fields = $state<RequestFields>({ ...DEFAULT_FIELDS });
  overrides = $state<ServerOverrides>({ accept: '', protocol: '', extensions: '' });
  serverProtocols = $state('chat');
  serverDeflate = $state(true);
  forceFallback = $state(false);
  pasteText = $state('');
  /** The pasted text that was checked (null until "Check" is pressed). */
  pasted = $state<{ request: string | null; response: string | null } | null>(null);
  pasteError = $state('');

  run = $state<HandshakeRun | null>(null);
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
        forceFallback: this.forceFallback,
        source: this.mode === 'paste' && this.pasted ? ('pasted' as const) : ('editor' as const),
      };
      const generation = ++this.#generation;
      void computeRun(input).then((run) => {
        if (generation !== this.#generation) return;
        this.run = run;
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

  applyPreset(id: string): void {
    const preset = PRESETS.find((p) => p.id === id);
    if (!preset) return;
    this.presetId = id;
    this.mode = 'edit';
    this.fields = { ...DEFAULT_FIELDS, ...preset.fields };
    this.overrides = { accept: '', protocol: '', extensions: '', ...preset.server };
    this.index = 0;
    this.playing = !this.reducedMotion;
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
    this.playing = false;
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
