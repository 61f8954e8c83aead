import { describe, expect, it } from 'vitest';
import { CATALOG, findLessonMeta } from '../../../src/content/lessons/catalog';
import { exercise } from '../../../src/content/lessons/define';
import type { Exercise } from '../../../src/content/lessons/exercises/types';
import { LESSON_BODIES, LESSONS } from '../../../src/content/lessons/index';
import { exercisesOf, lessonOf, type Lesson, type LessonMeta } from '../../../src/content/lessons/types';

/**
 * What is wrong between a catalog entry and its lesson's exercise blocks: each catalog exercise must be used by
 * exactly one block, in the catalog's order, and each block must carry the catalog's own title and rules.
 */
function blockProblems(meta: LessonMeta, lesson: Lesson): string[] {
  const defs = exercisesOf(lesson);
  const problems: string[] = [];
  for (const def of defs) {
    const entry = meta.exercises.find((e) => e.id === def.id);
    if (!entry) problems.push(`block "${def.id}" is not in the catalog`);
    else if (def.title !== entry.title || def.rules !== entry.rules)
      problems.push(`block "${def.id}" does not take its title and rules from the catalog`);
  }
  for (const { id } of meta.exercises) {
    const uses = defs.filter((d) => d.id === id).length;
    if (uses !== 1) problems.push(`catalog exercise "${id}" is used by ${uses} blocks`);
  }
  const order = defs.map((d) => d.id).filter((id) => meta.exercises.some((e) => e.id === id));
  const expected = meta.exercises.map((e) => e.id).filter((id) => order.includes(id));
  if (order.join() !== expected.join())
    problems.push(`blocks in the order ${order.join()}, not ${expected.join()}`);
  return problems;
}

const generate = (): Exercise => {
  throw new Error('not called');
};

describe('CATALOG', () => {
  it('lists the lessons of the course in order', () => {
    expect(CATALOG.map((m) => m.id)).toEqual(LESSONS.map((l) => l.id));
  });

  for (const [i, meta] of CATALOG.entries()) {
    it(`${meta.id}: load() makes the lesson from its own file, whose exercise blocks use each catalog exercise exactly once`, async () => {
      const lesson = await meta.load();
      // The same file as the course's i-th: same facts, same text, same exercise ids (functions aside).
      expect(JSON.stringify(lesson)).toBe(JSON.stringify(lessonOf(meta, LESSON_BODIES[i]!)));
      expect(lesson.blocks.length).toBeGreaterThan(exercisesOf(lesson).length);
      expect(blockProblems(meta, lesson)).toEqual([]);
    });
  }

  it('findLessonMeta() finds an entry by id, and nothing for an unknown id', () => {
    expect(findLessonMeta('masking')?.number).toBe(6);
    expect(findLessonMeta('no-such-lesson')).toBeUndefined();
  });
});

describe('lesson files take their facts from the catalog', () => {
  const meta = findLessonMeta('lengths')!;

  it('exercise() gives the catalog’s title and rules, and throws for an id its entry does not know', () => {
    const block = exercise(meta, 'form', generate);
    expect(block).toMatchObject({
      kind: 'exercise',
      exercise: {
        id: 'form',
        title: 'Which form?',
        rules: ['frame-length-7', 'frame-length-16', 'frame-length-64'],
      },
    });
    expect(exercise(meta, 'form', generate, { fixed: true })).toMatchObject({ exercise: { fixed: true } });
    expect(() => exercise(meta, 'froms', generate)).toThrow(
      /exercise "froms" is not in the catalog entry of lesson "lengths"/,
    );
  });

  it('blockProblems() finds a missing, a doubled, a reordered and a hand-written exercise block', () => {
    const ids = meta.exercises.map((e) => e.id);
    const make = (...blocks: Lesson['blocks']) => lessonOf(meta, () => blocks);
    const all = ids.map((id) => exercise(meta, id, generate));
    expect(blockProblems(meta, make(...all))).toEqual([]);
    expect(blockProblems(meta, make(...all.slice(1)))).toEqual([
      `catalog exercise "${ids[0]}" is used by 0 blocks`,
    ]);
    expect(blockProblems(meta, make(...all, all[0]!))).toEqual([
      `catalog exercise "${ids[0]}" is used by 2 blocks`,
      `blocks in the order ${[...ids, ids[0]].join()}, not ${ids.join()}`,
    ]);
    expect(blockProblems(meta, make(all[1]!, all[0]!, ...all.slice(2)))).toEqual([
      `blocks in the order ${[ids[1], ids[0], ...ids.slice(2)].join()}, not ${ids.join()}`,
    ]);
    const handWritten = {
      kind: 'exercise' as const,
      exercise: { id: 'form', title: 'Which form?', rules: [], generate },
    };
    const unknown = {
      kind: 'exercise' as const,
      exercise: { id: 'extra', title: 'Extra', rules: [], generate },
    };
    expect(blockProblems(meta, make(handWritten, ...all.slice(1), unknown))).toEqual([
      'block "form" does not take its title and rules from the catalog',
      'block "extra" is not in the catalog',
    ]);
  });
});
