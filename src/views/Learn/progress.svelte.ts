/**
 * What the learner has answered right, kept in this browser only (localStorage), never sent anywhere.
 */
const KEY = 'framescope:learn:v1';

interface Stored {
  done: string[];
  teacher: boolean;
}

function load(): Stored {
  try {
    const raw = typeof localStorage === 'undefined' ? null : localStorage.getItem(KEY);
    const data = raw ? (JSON.parse(raw) as Partial<Stored>) : {};
    return {
      done: Array.isArray(data.done) ? data.done.filter((d): d is string => typeof d === 'string') : [],
      teacher: data.teacher === true,
    };
  } catch {
    return { done: [], teacher: false };
  }
}

export class LearnProgress {
  done = $state<string[]>([]);
  /** Teacher mode: large type, Reveal before any try (presentation mode turns it on too). */
  teacher = $state(false);

  constructor() {
    const s = load();
    this.done = s.done;
    this.teacher = s.teacher;
  }

  isDone(lesson: string, exercise: string): boolean {
    return this.done.includes(`${lesson}/${exercise}`);
  }

  markDone(lesson: string, exercise: string): void {
    const id = `${lesson}/${exercise}`;
    if (this.done.includes(id)) return;
    this.done = [...this.done, id];
    this.save();
  }

  setTeacher(on: boolean): void {
    this.teacher = on;
    this.save();
  }

  reset(): void {
    this.done = [];
    this.save();
  }

  private save(): void {
    try {
      localStorage.setItem(KEY, JSON.stringify({ done: this.done, teacher: this.teacher }));
    } catch {
      // Storage full or disabled (private mode): progress lasts for this visit only.
    }
  }
}

let shared: LearnProgress | null = null;

/** One progress store for the course and lesson pages. */
export function learnProgress(): LearnProgress {
  shared ??= new LearnProgress();
  return shared;
}
