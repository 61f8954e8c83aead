/**
 * The coverage map: for each wire rule, the exercises that teach it (from the rules each exercise cites).
 * It reads the catalog, so the course page draws it without loading a lesson.
 */
import { CATALOG } from './catalog';
import { RULES, type WireRule } from './rules';
import type { LessonMeta } from './types';

/** What the map needs of a lesson. */
export type CoverageLesson = Pick<LessonMeta, 'id' | 'number' | 'exercises'>;

export interface Teaching {
  lesson: CoverageLesson;
  exerciseId: string;
  title: string;
}

export interface RuleCoverage {
  rule: WireRule;
  taughtBy: Teaching[];
}

export function coverageMap(lessons: readonly CoverageLesson[] = CATALOG): RuleCoverage[] {
  return RULES.map((rule) => ({
    rule,
    taughtBy: lessons.flatMap((lesson) =>
      lesson.exercises
        .filter((e) => (e.rules as readonly string[]).includes(rule.id))
        .map((e) => ({ lesson, exerciseId: e.id, title: e.title })),
    ),
  }));
}

/** Rule ids cited by an exercise that are not in the list of rules (a broken citation). */
export function unknownCitations(
  lessons: readonly CoverageLesson[] = CATALOG,
): { lesson: string; exercise: string; rule: string }[] {
  const known = new Set<string>(RULES.map((r) => r.id));
  return lessons.flatMap((lesson) =>
    lesson.exercises.flatMap((e) =>
      e.rules.filter((r) => !known.has(r)).map((rule) => ({ lesson: lesson.id, exercise: e.id, rule })),
    ),
  );
}
