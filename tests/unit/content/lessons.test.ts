import { describe, expect, it } from 'vitest';
import { coverageMap, unknownCitations, type CoverageLesson } from '../../../src/content/lessons/coverage';
import { checkAnswer, normalizeAnswer } from '../../../src/content/lessons/exercises/check';
import { LESSONS } from '../../../src/content/lessons/index';
import { RULES } from '../../../src/content/lessons/rules';
import { exercisesOf } from '../../../src/content/lessons/types';

const SEEDS = Array.from({ length: 200 }, (_, i) => i * 7919 + 1);

describe('the course', () => {
  it('has 14 lessons in order, each with at least three exercises and unique ids', () => {
    expect(LESSONS).toHaveLength(14);
    expect(LESSONS.map((l) => l.number)).toEqual(LESSONS.map((_, i) => i + 1));
    expect(new Set(LESSONS.map((l) => l.id)).size).toBe(LESSONS.length);
    for (const lesson of LESSONS) {
      const ids = exercisesOf(lesson).map((e) => e.id);
      expect(ids.length, lesson.id).toBeGreaterThanOrEqual(3);
      expect(new Set(ids).size, lesson.id).toBe(ids.length);
    }
  });
});

describe('coverage map', () => {
  it('every wire rule is taught by at least one exercise', () => {
    const untaught = coverageMap()
      .filter((c) => c.taughtBy.length === 0)
      .map((c) => c.rule.id);
    expect(untaught).toEqual([]);
  });

  it('every rule an exercise cites exists', () => {
    expect(unknownCitations()).toEqual([]);
  });

  it('catches a citation of a rule that does not exist, and a rule nobody teaches', () => {
    const broken: CoverageLesson = {
      id: 'x',
      number: 99,
      exercises: [{ id: 'e', title: 'e', rules: ['no-such-rule' as never] }],
    };
    expect(unknownCitations([broken])).toEqual([{ lesson: 'x', exercise: 'e', rule: 'no-such-rule' }]);
    expect(coverageMap([broken]).filter((c) => c.taughtBy.length === 0)).toHaveLength(RULES.length);
  });

  it('rule ids are unique and every rule names its section', () => {
    expect(new Set(RULES.map((r) => r.id)).size).toBe(RULES.length);
    for (const r of RULES) expect(r.section).toMatch(/^RFC (6455|7692|8441) §\d/);
  });
});

for (const lesson of LESSONS) {
  describe(`lesson ${lesson.number} (${lesson.id}) exercises`, () => {
    for (const def of exercisesOf(lesson)) {
      it(`${def.id}: over ${SEEDS.length} seeds the answer is accepted and a typical mistake is rejected with its own explanation`, async () => {
        let mistakesSeen = 0;
        for (const seed of SEEDS) {
          const ex = await def.generate(seed);
          const normal = normalizeAnswer(ex.input, ex.answer);
          expect(normal, `seed ${seed}: the answer must be typable`).toEqual({ ok: true, value: ex.answer });
          if (ex.input.kind === 'choice') expect(ex.input.options.map((o) => o.value)).toContain(ex.answer);
          if (ex.input.kind === 'bits') expect(ex.answer).toHaveLength(ex.input.captions.length);
          const right = checkAnswer(ex, ex.answer);
          expect(right, `seed ${seed}`).toMatchObject({ correct: true });
          for (const m of ex.mistakes) {
            if (m.answer === ex.answer || !m.answer) continue;
            if (ex.input.kind === 'choice' && !ex.input.options.some((o) => o.value === m.answer)) continue;
            const n = normalizeAnswer(ex.input, m.answer);
            if (!n.ok || n.value !== m.answer) continue;
            const verdict = checkAnswer(ex, m.answer);
            expect(verdict, `seed ${seed}, mistake ${m.answer}`).toMatchObject({ correct: false });
            // The first known mistake with this answer is the one explained.
            const first = ex.mistakes.find((k) => k.answer === m.answer);
            expect(verdict).toMatchObject({ message: first!.message });
            expect(first!.message.length).toBeGreaterThan(20);
            mistakesSeen++;
          }
        }
        expect(mistakesSeen, 'at least one typical mistake per seed on average').toBeGreaterThanOrEqual(
          SEEDS.length,
        );
      });
    }
  });
}

describe('seeds', () => {
  it('the same seed gives the same exercise, and other seeds give others', async () => {
    for (const lesson of LESSONS) {
      for (const def of exercisesOf(lesson)) {
        const a = await def.generate(42);
        const b = await def.generate(42);
        expect({ p: b.prompt, a: b.answer }).toEqual({ p: a.prompt, a: a.answer });
        const variety = new Set<string>();
        for (const seed of SEEDS.slice(0, 40)) {
          const ex = await def.generate(seed);
          variety.add(
            ex.prompt.join('|') + ex.answer + (ex.shown ?? []).map((s) => s.bytes.join(',')).join(),
          );
        }
        if (def.fixed) expect(variety.size, `${lesson.id}/${def.id} is about fixed data`).toBe(1);
        else expect(variety.size, `${lesson.id}/${def.id}`).toBeGreaterThan(3);
      }
    }
  });
});

describe('answers typed by anyone', () => {
  it('checkAnswer never throws and never accepts an answer that is not the expected one', async () => {
    const { default: fc } = await import('fast-check');
    const samples = await Promise.all(
      LESSONS.flatMap((l) => exercisesOf(l).map((d) => Promise.resolve(d.generate(7)))),
    );
    fc.assert(
      fc.property(fc.constantFrom(...samples), fc.string({ maxLength: 40 }), (ex, typed) => {
        const v = checkAnswer(ex, typed);
        if ('correct' in v && v.correct) {
          const n = normalizeAnswer(ex.input, typed);
          return n.ok && n.value === ex.answer;
        }
        return true;
      }),
      { numRuns: 2000 },
    );
  });
});
