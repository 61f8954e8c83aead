/**
 * A lesson as data: paragraphs, embedded real views in a prepared state, and exercises. A teacher can edit the
 * text without touching a component. Text is rendered as text: `backticks` mark code, a paragraph that starts
 * with three backticks is shown as preformatted lines.
 */
import type { Direction } from '../../codec/stream-types';
import type { ExerciseDef } from './exercises/types';

export type Block =
  | { kind: 'p'; text: string }
  | { kind: 'h'; text: string }
  | { kind: 'exercise'; exercise: ExerciseDef }
  /** A real frame in the Decoder's panes. */
  | { kind: 'frame'; heading: string; direction: Direction; bytes: () => Uint8Array }
  /** The Masking view's byte table for a payload and key. */
  | { kind: 'masking'; payload: string; key: readonly [number, number, number, number] }
  /** The Handshake view's accept steps for a key made from the page's seed. */
  | { kind: 'accept' }
  /** A link that opens a tool view in a prepared state, e.g. a Handshake preset. */
  | { kind: 'try'; text: string; view: string; params: Record<string, string> };

/** What the catalog says of a lesson: its one home is `catalog.ts`. */
export interface LessonInfo {
  /** URL id: `#/learn/<id>`. */
  id: string;
  number: number;
  title: string;
  minutes: number;
  /** The RFC sections it teaches, e.g. `RFC 6455 §5.2`. */
  sections: string[];
  /** One sentence for the course page. */
  summary: string;
}

/** What the catalog says of an exercise; the lesson file adds its generator. */
export type ExerciseMeta = Pick<ExerciseDef, 'id' | 'title' | 'rules'>;

/** A lesson's catalog entry: what the course page and the coverage map know before the lesson loads. */
export interface LessonMeta extends LessonInfo {
  exercises: ExerciseMeta[];
  /** Load the lesson itself (its text, views and exercise generators). */
  load: () => Promise<Lesson>;
}

/**
 * What a lesson file exports: its blocks, made from its catalog entry, so that the file holds only its text,
 * views and generators and takes every exercise's title and rules from the catalog (`exercise()` in define.ts).
 */
export type LessonBody = (meta: LessonMeta) => Block[];

/** A loaded lesson: its catalog entry's facts and its blocks. */
export interface Lesson extends LessonInfo {
  blocks: Block[];
}

/** The lesson a catalog entry and its lesson file make together. */
export function lessonOf(meta: LessonMeta, body: LessonBody): Lesson {
  const { exercises: _exercises, load: _load, ...info } = meta;
  return { ...info, blocks: body(meta) };
}

/** The exercises of a lesson, in order. */
export function exercisesOf(lesson: Lesson): ExerciseDef[] {
  return lesson.blocks.flatMap((b) => (b.kind === 'exercise' ? [b.exercise] : []));
}

/** A link to a section of an RFC on rfc-editor.org, e.g. `RFC 6455 §5.2` → …/rfc6455#section-5.2. */
export function sectionHref(section: string): string | null {
  const m = /RFC (\d+) §(\d+(?:\.\d+)*)/.exec(section);
  return m ? `https://www.rfc-editor.org/rfc/rfc${m[1]}#section-${m[2]}` : null;
}
