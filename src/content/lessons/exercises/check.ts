/**
 * Checking an answer: normalise what the learner typed, compare it with the expected answer, then with each
 * known mistake, and say what is wrong.
 */
import { parseHex, toHex } from '../../../codec/hex';
import type { AnswerInput, Exercise, Verdict } from './types';

/** The normal form of an answer: hex as lower-case bytes with single spaces, text trimmed, bits as 0/1. */
export function normalizeAnswer(
  input: AnswerInput,
  value: string,
): { ok: true; value: string } | { ok: false; error: string } {
  const v = value.trim();
  if (input.kind === 'hex') {
    if (v === '') return { ok: false, error: 'Type at least one byte in hex, e.g. 81.' };
    const parsed = parseHex(v);
    if (!parsed.ok) return { ok: false, error: `That is not hex: ${parsed.error}.` };
    return { ok: true, value: toHex(parsed.bytes) };
  }
  if (input.kind === 'bits') {
    if (!/^[01]+$/.test(v)) return { ok: false, error: 'Set the bits with the buttons.' };
    return { ok: true, value: v };
  }
  if (input.kind === 'choice') {
    if (!input.options.some((o) => o.value === v)) return { ok: false, error: 'Choose one of the answers.' };
    return { ok: true, value: v };
  }
  if (v === '') return { ok: false, error: 'Type your answer first.' };
  return { ok: true, value: v };
}

/** Judge an answer. An answer that cannot be read is not counted as a try. */
export function checkAnswer(exercise: Exercise, value: string): Verdict | { unreadable: string } {
  const n = normalizeAnswer(exercise.input, value);
  if (!n.ok) return { unreadable: n.error };
  if (n.value === exercise.answer)
    return { correct: true, message: `Right: ${exercise.answerText}. ${exercise.why}` };
  const known = exercise.mistakes.find((m) => m.answer === n.value && m.answer !== exercise.answer);
  return { correct: false, message: known ? known.message : exercise.otherwise(n.value) };
}

/** Hex of one byte, `0x81`. */
export const byteHex = (b: number): string => `0x${b.toString(16).padStart(2, '0')}`;

/** Eight bits of a byte, `1000 0001`. */
export const bits8 = (b: number): string => {
  const s = b.toString(2).padStart(8, '0');
  return `${s.slice(0, 4)} ${s.slice(4)}`;
};

/** For hex answers: which byte differs first, and how. */
export function firstDifference(expected: string, given: string): string {
  const e = expected.split(' ');
  const g = given.split(' ');
  if (g.length !== e.length) {
    return `You typed ${g.length} byte${g.length === 1 ? '' : 's'}; the answer has ${e.length}.`;
  }
  const i = e.findIndex((b, k) => b !== g[k]);
  const eb = parseInt(e[i]!, 16);
  const gb = parseInt(g[i]!, 16);
  const at = e.length > 1 ? `Byte ${i + 1} of your answer` : 'Your byte';
  return `${at} is ${byteHex(gb)} (${bits8(gb)}); compare it bit by bit with the rule: the bits that differ are ${bits8(eb ^ gb)}.`;
}
