/**
 * Helpers for showing decoded units (src/subprotocol) in a view: filtering, and finding the field that covers a
 * byte so the hex view and the field tree light each other.
 */
import type { Field, Span, Unit } from '../subprotocol/types';

/** One field of a tree, with a stable path (`0.2.1`) and its depth. */
export interface FlatField {
  path: string;
  depth: number;
  field: Field;
}

/** The fields of a tree in reading order, at most `limit` of them. */
export function flattenFields(fields: readonly Field[], limit = 400): FlatField[] {
  const out: FlatField[] = [];
  const walk = (list: readonly Field[], prefix: string, depth: number) => {
    list.forEach((field, i) => {
      if (out.length >= limit) return;
      const path = prefix ? `${prefix}.${i}` : String(i);
      out.push({ path, depth, field });
      if (field.children) walk(field.children, path, depth + 1);
    });
  };
  walk(fields, '', 0);
  return out;
}

/** The narrowest field whose span covers byte `byte` of message `message`, or null. */
export function fieldAt(flat: readonly FlatField[], message: number, byte: number): FlatField | null {
  let best: FlatField | null = null;
  for (const f of flat) {
    const s = f.field.span;
    if (!s || s.message !== message || byte < s.start || byte >= s.end) continue;
    // The narrowest span wins; on a tie the first in reading order (a named field before the raw JSON under it).
    const size = s.end - s.start;
    const bestSize = best?.field.span ? best.field.span.end - best.field.span.start : Infinity;
    if (size < bestSize) best = f;
  }
  return best;
}

/** Units whose type is `type` (or any, for `all`) and whose summary or field values contain `text`. */
export function filterUnits(units: readonly Unit[], type: string, text: string): number[] {
  const needle = text.trim().toLowerCase();
  const out: number[] = [];
  units.forEach((u, i) => {
    if (type !== 'all' && u.type !== type) return;
    if (needle && !u.summary.toLowerCase().includes(needle) && !hasValue(u.fields, needle)) return;
    out.push(i);
  });
  return out;
}

function hasValue(fields: readonly Field[], needle: string): boolean {
  return fields.some(
    (f) =>
      String(f.value).toLowerCase().includes(needle) || (f.children ? hasValue(f.children, needle) : false),
  );
}

/** The distinct unit types, in the order they first appear. */
export function unitTypes(units: readonly Unit[]): string[] {
  return [...new Set(units.map((u) => u.type))];
}

/** `message 3, bytes 2–5` (1-based message numbers as the views show them). */
export function spanLabel(span: Span): string {
  const bytes = span.end - span.start <= 1 ? `byte ${span.start}` : `bytes ${span.start}–${span.end - 1}`;
  return `message ${span.message + 1}, ${bytes}`;
}
