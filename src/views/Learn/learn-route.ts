/**
 * Learn's links: `#/` and `#/learn` (the course), `#/learn/<lesson>` (a lesson; `?seed=N` seeds all its
 * exercises), `#/learn/<lesson>/<exercise>?seed=N` (one exercise with exactly those numbers).
 */
import { mixSeed } from '../../content/lessons/exercises/prng';

export interface LearnRoute {
  lesson: string | null;
  exercise: string | null;
  seed: number | null;
}

const MAX_SEED = 999_999_999;

export function parseLearnRoute(view: string, params: URLSearchParams): LearnRoute {
  const [, lesson = null, exercise = null] = view.split('/');
  const raw = params.get('seed');
  const n = raw !== null && /^\d{1,9}$/.test(raw) ? Number(raw) : null;
  return { lesson: lesson || null, exercise: exercise || null, seed: n !== null && n <= MAX_SEED ? n : null };
}

export function lessonHref(lesson: string): string {
  return `#/learn/${lesson}`;
}

export function exerciseHref(lesson: string, exercise: string, seed: number): string {
  return `#/learn/${lesson}/${exercise}?seed=${seed}`;
}

/** The seed of each exercise of a lesson page: the permalink's own seed for its exercise, else mixed from the page's. */
export function exerciseSeed(route: LearnRoute, pageSeed: number, exercise: string): number {
  if (route.exercise === exercise && route.seed !== null) return route.seed;
  return mixSeed(route.exercise === null && route.seed !== null ? route.seed : pageSeed, exercise);
}

export function randomSeed(): number {
  return Math.floor(Math.random() * 1_000_000);
}
