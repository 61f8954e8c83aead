/**
 * What an exercise generator returns: plain data for the page (the prompt, what to type or choose, the bytes
 * to show) and a checker. Every answer and every mistake is computed from `src/codec`, never written by hand.
 */
import type { RuleId } from '../rules';

/** How the learner answers. */
export type AnswerInput =
  | { kind: 'hex'; label: string; placeholder?: string }
  | { kind: 'text'; label: string }
  | { kind: 'choice'; label: string; options: { value: string; label: string }[] }
  /** One caption and one field name (for its colour) per bit. */
  | { kind: 'bits'; label: string; captions: string[]; groups: string[] };

/** Bytes shown with the question, coloured by field. */
export interface ShownBytes {
  label: string;
  bytes: Uint8Array;
  regions?: { start: number; end: number; tone: string }[];
}

/** A link to a full view in the state of the exercise. */
export interface OpenLink {
  label: string;
  href: string;
}

/** A known mistake: the answer a learner gives when they make it, and what to tell them. */
export interface Mistake {
  answer: string;
  message: string;
}

export interface Verdict {
  correct: boolean;
  /** For a wrong answer, what went wrong; for a right one, a confirmation. */
  message: string;
}

export interface Exercise {
  /** Paragraphs; `backticks` mark code. */
  prompt: string[];
  shown?: ShownBytes[];
  input: AnswerInput;
  /** The expected answer in normal form (see `normalizeAnswer`). */
  answer: string;
  /** The answer as shown on reveal, e.g. `0x81`. */
  answerText: string;
  /** Why that is the answer, shown after a right answer or on reveal. */
  why: string;
  mistakes: Mistake[];
  /** Said about any other wrong answer: compares it with the expected one. */
  otherwise: (given: string) => string;
  open?: OpenLink;
}

/** An exercise of a lesson as the lesson file declares it. */
export interface ExerciseDef {
  id: string;
  title: string;
  /** The wire rules this exercise teaches (ids from `rules.ts`). */
  rules: RuleId[];
  generate: (seed: number) => Exercise | Promise<Exercise>;
  /** Set when the exercise is about fixed data (a real capture) and the seed changes nothing. */
  fixed?: true;
}
