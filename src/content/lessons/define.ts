/**
 * How a lesson file builds an exercise block from its catalog entry, so that each fact lives in one place: the
 * catalog owns every exercise's id, title and rules, the lesson file adds only its generator. An id the entry
 * does not know throws as soon as the lesson's blocks are made, so a typo fails every test that loads the
 * lesson (and the page shows the lesson's load error).
 */
import type { ExerciseDef } from './exercises/types';
import type { Block, LessonMeta } from './types';

/** The exercise block for `id`: the catalog's id, title and rules, with the lesson's generator. */
export function exercise(
  meta: LessonMeta,
  id: string,
  generate: ExerciseDef['generate'],
  options: { fixed?: true } = {},
): Block {
  const entry = meta.exercises.find((e) => e.id === id);
  if (!entry) throw new Error(`exercise "${id}" is not in the catalog entry of lesson "${meta.id}"`);
  return { kind: 'exercise', exercise: { ...entry, generate, ...options } };
}
