/**
 * Small validators for the state a share link carries. Every field a view reads from a link goes through one of
 * these: type and range checked, strings and lists bounded, unknown fields ignored. A check returns the value or
 * throws a `LinkFieldError` naming the field; `validate` turns that into a message, so nothing escapes.
 */
export class LinkFieldError extends Error {
  /** True when the message is a whole sentence (from `custom`), not a field path and a complaint. */
  constructor(
    message: string,
    readonly whole = false,
  ) {
    super(message);
  }
}

/** A check: the value if it is acceptable, else a thrown `LinkFieldError`. */
export type Check<T> = (value: unknown, path: string) => T;
export type Infer<C> = C extends Check<infer T> ? T : never;

const fail = (path: string, what: string): never => {
  throw new LinkFieldError(`${path || 'state'} ${what}`);
};

/** A string of at most `max` characters (optionally matching `pattern`). */
export function str(max: number, pattern?: RegExp): Check<string> {
  return (v, path) => {
    if (typeof v !== 'string') return fail(path, 'must be text');
    if (v.length > max)
      return fail(
        path,
        `is ${v.length.toLocaleString('en')} characters long (at most ${max.toLocaleString('en')})`,
      );
    if (pattern && !pattern.test(v)) return fail(path, 'has characters it may not have');
    return v;
  };
}

/** An integer from `min` to `max`. */
export function int(min: number, max: number): Check<number> {
  return (v, path) => {
    if (typeof v !== 'number' || !Number.isInteger(v)) return fail(path, 'must be a whole number');
    if (v < min || v > max)
      return fail(path, `must be from ${min.toLocaleString('en')} to ${max.toLocaleString('en')}`);
    return v;
  };
}

export function bool(): Check<boolean> {
  return (v, path) => (typeof v === 'boolean' ? v : fail(path, 'must be true or false'));
}

/** One of a fixed set of values. */
export function oneOf<const T extends readonly (string | number)[]>(values: T): Check<T[number]> {
  return (v, path) =>
    values.includes(v as T[number]) ? (v as T[number]) : fail(path, `must be one of ${values.join(', ')}`);
}

/** Base64 text of at most `maxBytes` bytes (the string is checked; the caller decodes it with `fromBase64`). */
export function base64(maxBytes: number): Check<string> {
  const text = str(Math.ceil(maxBytes / 3) * 4, /^[A-Za-z0-9+/]*={0,2}$/);
  return (v, path) => {
    const s = text(v, path);
    if (s.length % 4 !== 0) return fail(path, 'is cut short (Base64 comes in groups of 4 characters)');
    return s;
  };
}

/** A list of at most `max` items, each checked. */
export function list<T>(item: Check<T>, max: number): Check<T[]> {
  return (v, path) => {
    if (!Array.isArray(v)) return fail(path, 'must be a list');
    if (v.length > max) return fail(path, `has ${v.length.toLocaleString('en')} items (at most ${max})`);
    return v.map((x, i) => item(x, `${path}[${i}]`));
  };
}

/** A field that may be missing: `fallback` then. */
export function optional<T>(check: Check<T>, fallback: T): Check<T> {
  return (v, path) => (v === undefined ? fallback : check(v, path));
}

/** A field that may be missing or null: null then. */
export function nullable<T>(check: Check<T>): Check<T | null> {
  return (v, path) => (v === undefined || v === null ? null : check(v, path));
}

/** An object with these fields; other fields are ignored. */
export function obj<S extends Record<string, Check<unknown>>>(
  shape: S,
): Check<{ [K in keyof S]: Infer<S[K]> }> {
  return (v, path) => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return fail(path, 'must be an object');
    const out: Record<string, unknown> = {};
    for (const [key, check] of Object.entries(shape))
      out[key] = check(
        Object.hasOwn(v, key) ? (v as Record<string, unknown>)[key] : undefined,
        path ? `${path}.${key}` : key,
      );
    return out as { [K in keyof S]: Infer<S[K]> };
  };
}

/** A view's own reader (e.g. one older than these checks): its error is a whole sentence, shown as it is. */
export function custom<T>(
  read: (value: unknown) => { ok: true; value: T } | { ok: false; error: string },
): Check<T> {
  return (v) => {
    const r = read(v);
    if (!r.ok) throw new LinkFieldError(r.error, true);
    return r.value;
  };
}

/** Run a check at the top level: the value, or a sentence saying which field is wrong. */
export function validate<T>(
  check: Check<T>,
  value: unknown,
): { ok: true; value: T } | { ok: false; error: string } {
  try {
    return { ok: true, value: check(value, '') };
  } catch (err) {
    if (err instanceof LinkFieldError)
      return { ok: false, error: err.whole ? err.message : `The link’s ${err.message}.` };
    throw err;
  }
}

/** Standard Base64 of bytes (the form `base64` checks). */
export function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

/** Bytes of Base64 text already checked by `base64`. */
export function fromBase64(text: string): Uint8Array {
  const s = atob(text);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}
