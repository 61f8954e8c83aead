import { describe, expect, it } from 'vitest';
import { CATALOG, findLessonMeta } from '../../../src/content/lessons/catalog';
import { LESSONS } from '../../../src/content/lessons/index';
import { exercisesOf } from '../../../src/content/lessons/types';

describe('CATALOG', () => {
  it('lists the lessons of the course in order', () => {
    expect(CATALOG.map((m) => m.id)).toEqual(LESSONS.map((l) => l.id));
  });

  for (const [i, meta] of CATALOG.entries()) {
    it(`${meta.id}: load() gives the lesson file, and every field of the entry agrees with it`, async () => {
      const lesson = await meta.load();
      expect(lesson).toBe(LESSONS[i]);
      const { blocks, ...fields } = lesson;
      expect(blocks.length).toBeGreaterThan(0);
      const { exercises, load, ...metaFields } = meta;
      expect(typeof load).toBe('function');
      expect(metaFields).toEqual(fields);
      expect(exercises).toEqual(exercisesOf(lesson).map(({ id, title, rules }) => ({ id, title, rules })));
    });
  }

  it('findLessonMeta() finds an entry by id, and nothing for an unknown id', () => {
    expect(findLessonMeta('masking')?.number).toBe(6);
    expect(findLessonMeta('no-such-lesson')).toBeUndefined();
  });
});
