/**
 * The coverage map: for each wire rule, the exercises that teach it (from the rules each exercise cites).
 */
import { LESSONS } from './index';
import { RULES, type WireRule } from './rules';
import type { Lesson } from './types';
import { exercisesOf } from './types';

export interface Teaching {
  lesson: Lesson;
  exerciseId: string;
  title: string;
}

export interface RuleCoverage {
  rule: WireRule;
  taughtBy: Teaching[];
}

export function coverageMap(lessons: readonly Lesson[] = LESSONS): RuleCoverage[] {
  return RULES.map((rule) => ({
    rule,
    taughtBy: lessons.flatMap((lesson) =>
      exercisesOf(lesson)
        .filter((e) => (e.rules as readonly string[]).includes(rule.id))
        .map((e) => ({ lesson, exerciseId: e.id, title: e.title })),
    ),
  }));
}

/** Rule ids cited by an exercise that are not in the list of rules (a broken citation). */
export function unknownCitations(
  lessons: readonly Lesson[] = LESSONS,
): { lesson: string; exercise: string; rule: string }[] {
  const known = new Set<string>(RULES.map((r) => r.id));
  return lessons.flatMap((lesson) =>
    exercisesOf(lesson).flatMap((e) =>
      e.rules.filter((r) => !known.has(r)).map((rule) => ({ lesson: lesson.id, exercise: e.id, rule })),
    ),
  );
}
