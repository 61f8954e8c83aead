/**
 * "Valid, or which rule does it break?" A scenario builds real frames; `createReceiver` (and, for a sender's
 * fault a receiver tolerates, `decodeFrame`'s warnings) says what a receiver does with them. The learner picks
 * the rule broken, the close code sent, or the frame at which the receiver stops.
 */
import { decodeFrame } from '../../../codec/frame';
import { createReceiver } from '../../../codec/receiver';
import { VIOLATIONS } from '../../../codec/violations';
import type { PermessageDeflateParams, Role, Violation, ViolationId } from '../../../codec/types';
import { decoderLink } from './links';
import { createRng, type Rng } from './prng';
import { SCENARIOS, type ScenarioSet } from './scenarios';
import type { Exercise, Mistake } from './types';

/** What a scenario puts on the wire, and for whom. */
export interface Built {
  /** The endpoint that receives the frames. */
  role: Role;
  frames: Uint8Array[];
  /** Sentences saying who sends what, and what was negotiated. */
  story: string;
  permessageDeflate?: PermessageDeflateParams | null;
  maxMessageSize?: number;
}

export type Scenario = (rng: Rng) => Built;

/** What the receiver did. */
export type Outcome =
  | { kind: 'ok'; closeCode: number | null }
  | { kind: 'fail'; violation: Violation; frame: number }
  | { kind: 'warn'; violation: Violation };

/** Run the frames through a real receiver, frame by frame. */
export function outcomeOf(b: Built): Outcome {
  const receiver = createReceiver({
    role: b.role,
    permessageDeflate: b.permessageDeflate ?? null,
    ...(b.maxMessageSize !== undefined ? { maxMessageSize: b.maxMessageSize } : {}),
  });
  let closeCode: number | null = null;
  for (const [i, frame] of b.frames.entries()) {
    for (const e of receiver.push(frame)) {
      if (e.type === 'fail') return { kind: 'fail', violation: e.violation, frame: i + 1 };
      if (e.type === 'close') closeCode = e.code ?? 1005;
    }
  }
  for (const frame of b.frames) {
    const d = decodeFrame(frame, 0, { role: b.role, extensionsRsv1: !!b.permessageDeflate });
    const warning = d.violations.find((v) => v.severity === 'warning');
    if (warning) return { kind: 'warn', violation: warning };
  }
  return { kind: 'ok', closeCode };
}

export type Ask = 'rule' | 'code' | 'frame';

const OK_RULE = 'ok';

function ruleLabel(id: string): string {
  if (id === OK_RULE) return 'Nothing: the receiver accepts every frame';
  const v = VIOLATIONS[id as ViolationId];
  return `${v.title} (${v.rfc})`;
}

const CODE_LABELS: Record<string, string> = {
  none: 'No close code: nothing is wrong, the connection stays open',
  '1000': '1000 Normal Closure',
  '1001': '1001 Going Away',
  '1002': '1002 Protocol Error',
  '1007': '1007 Invalid Frame Payload Data',
  '1009': '1009 Message Too Big',
  '4000': '4000 (private use)',
};

function concat(frames: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(frames.reduce((n, f) => n + f.length, 0));
  let at = 0;
  for (const f of frames) {
    out.set(f, at);
    at += f.length;
  }
  return out;
}

/** The answer for one ask, from the outcome. */
function answerOf(ask: Ask, o: Outcome): string {
  if (ask === 'rule') return o.kind === 'ok' ? OK_RULE : o.violation.id;
  if (ask === 'frame') return o.kind === 'fail' ? String(o.frame) : 'never';
  if (o.kind === 'fail') return String(o.violation.closeCode);
  return o.kind === 'ok' && o.closeCode !== null ? String(o.closeCode) : 'none';
}

function explain(o: Outcome): string {
  if (o.kind === 'fail') {
    return `The receiver fails the connection at frame ${o.frame} with ${o.violation.closeCode}: ${o.violation.message} (${o.violation.rfc}).`;
  }
  if (o.kind === 'warn') {
    return `The sender broke a rule: ${o.violation.message} (${o.violation.rfc}). Receivers usually still read such a frame.`;
  }
  return o.closeCode !== null
    ? `Every frame is valid. The close frame carries ${o.closeCode}; the receiver answers with a close frame of its own, usually echoing that code (RFC 6455 §5.5.1).`
    : 'Every frame is valid: the receiver delivers the message and any control frame on the way.';
}

/** A verdict exercise over one set of scenarios. */
export function verdict(seed: number, set: ScenarioSet, ask: Ask): Exercise {
  const rng = createRng(seed);
  const { scenarios, outcomes } = SCENARIOS[set];
  const built = rng.pick(scenarios)(rng);
  const o = outcomeOf(built);
  const answer = answerOf(ask, o);
  const values =
    ask === 'rule'
      ? [OK_RULE, ...outcomes]
      : ask === 'frame'
        ? ['never', ...Array.from({ length: SCENARIOS[set].maxFrames }, (_, i) => String(i + 1))]
        : SCENARIOS[set].codes;
  const options = values.map((value) => ({
    value,
    label:
      ask === 'rule'
        ? ruleLabel(value)
        : ask === 'frame'
          ? value === 'never'
            ? 'It never fails'
            : `At frame ${value}`
          : (CODE_LABELS[value] ?? value),
  }));
  const why = explain(o);
  const mistakes: Mistake[] = values
    .filter((v) => v !== answer)
    .map((v) => ({ answer: v, message: mistakeMessage(ask, v, o) }));
  const bytes = concat(built.frames);
  const question =
    ask === 'rule'
      ? 'Does the receiver accept these frames? If not, which rule do they break?'
      : ask === 'frame'
        ? 'After which frame does the receiver fail the connection, if it fails at all?'
        : 'Which close code does the receiver send?';
  return {
    prompt: [built.story, question],
    shown: built.frames.map((f, i) => ({ label: `Frame ${i + 1}`, bytes: f })),
    input: {
      kind: 'choice',
      label: ask === 'rule' ? 'Your verdict' : ask === 'frame' ? 'Where it fails' : 'The close code',
      options,
    },
    answer,
    answerText: options.find((op) => op.value === answer)?.label ?? answer,
    why,
    mistakes,
    otherwise: () => why,
    open: decoderLink(bytes, built.role === 'server' ? 'c2s' : 's2c', !!built.permessageDeflate),
  };
}

function mistakeMessage(ask: Ask, chosen: string, o: Outcome): string {
  if (ask === 'frame') {
    if (o.kind !== 'fail') return 'Nothing in these frames breaks a rule, so the receiver never fails.';
    if (chosen === 'never') return `It does fail: ${o.violation.message} (${o.violation.rfc}).`;
    return Number(chosen) > o.frame
      ? `Too late: a receiver fails as soon as it can tell, and frame ${o.frame} already shows the problem (${o.violation.message}).`
      : `Too early: up to frame ${chosen} every byte could still be part of a valid message.`;
  }
  if (o.kind === 'fail' || o.kind === 'warn') {
    const v = o.violation;
    if (chosen === OK_RULE || chosen === 'none') {
      return `Not everything here is valid: ${v.message} (${v.rfc}).`;
    }
    if (ask === 'code') {
      return `The problem is ${v.message} (${v.rfc}); a receiver closes with ${v.closeCode} for that, not ${chosen}.`;
    }
    return `Not that rule. Look again: ${v.message} (${v.rfc}).`;
  }
  if (ask === 'code') {
    return o.closeCode === null
      ? 'Every frame is valid, so the receiver has no reason to close.'
      : `Nothing is wrong: the receiver answers the close with a close frame of its own, echoing ${o.closeCode}.`;
  }
  return `Nothing here breaks that rule: ${VIOLATIONS[chosen as ViolationId].explanation}`;
}
