import { describe, expect, it } from 'vitest';
import { parseHash } from '../../../src/lib/router.svelte';
import { findView } from '../../../src/views/registry';
import { exerciseHref, exerciseSeed, parseLearnRoute } from '../../../src/views/Learn/learn-route';

const route = (hash: string) => {
  const r = parseHash(hash);
  return parseLearnRoute(r.view, r.params);
};

describe('Learn links', () => {
  it('the front page and #/learn are the course; sub-paths name a lesson and an exercise', () => {
    expect(findView(parseHash('#/').view)?.id).toBe('learn');
    expect(findView(parseHash('#/learn/masking/xor?seed=5').view)?.id).toBe('learn');
    expect(findView(parseHash('#/decoder?hex=81').view)?.id).toBe('decoder');
    expect(route('#/')).toEqual({ lesson: null, exercise: null, seed: null });
    expect(route('#/learn')).toEqual({ lesson: null, exercise: null, seed: null });
    expect(route('#/learn/masking')).toEqual({ lesson: 'masking', exercise: null, seed: null });
    expect(route('#/learn/masking/xor?seed=123')).toEqual({ lesson: 'masking', exercise: 'xor', seed: 123 });
  });

  it('a seed that is not a whole number of at most 9 digits is ignored', () => {
    for (const bad of ['-1', '1.5', 'abc', '1e5', '1234567890', '']) {
      expect(route(`#/learn/masking?seed=${bad}`).seed, bad).toBeNull();
    }
  });

  it('a permalink gives its exercise exactly its seed, and the other exercises their own', () => {
    const r = route(exerciseHref('masking', 'xor', 77));
    expect(exerciseSeed(r, 5, 'xor')).toBe(77);
    expect(exerciseSeed(r, 5, 'unmask')).not.toBe(77);
    expect(exerciseSeed(r, 5, 'unmask')).toBe(exerciseSeed(route('#/learn/masking'), 5, 'unmask'));
    // A lesson-wide seed fixes every exercise of the lesson.
    const lesson = route('#/learn/masking?seed=9');
    expect(exerciseSeed(lesson, 1, 'xor')).toBe(exerciseSeed(lesson, 2, 'xor'));
    expect(exerciseSeed(lesson, 1, 'xor')).not.toBe(exerciseSeed(lesson, 1, 'unmask'));
  });
});
