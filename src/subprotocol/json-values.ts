/**
 * A JSON reader (RFC 8259) over UTF-8 bytes that keeps the byte range of every value, for the JSON-based protocols.
 * `JSON.parse` gives values without positions, so the structure is walked here and each string or number token is
 * handed to `JSON.parse` for its value (escapes, exponents), which keeps the rules in one well-tested place.
 */
import { MAX_DEPTH, type ReadResult, type Value } from './values';

const utf8 = new TextDecoder('utf-8', { fatal: false });

class JsonError {
  constructor(
    readonly offset: number,
    readonly message: string,
  ) {}
}

function isSpace(b: number | undefined): boolean {
  return b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d;
}

/**
 * Read one JSON value from `bytes[start, end)`. Whitespace around it is allowed; anything after it is a problem.
 * @example readJson(new TextEncoder().encode('{"type":"ping"}')).value?.kind === 'map'
 */
export function readJson(bytes: Uint8Array, start = 0, end = bytes.length): ReadResult {
  let pos = start;
  const skip = (): void => {
    while (pos < end && isSpace(bytes[pos])) pos++;
  };
  const fail = (message: string): never => {
    throw new JsonError(pos, message);
  };

  const readString = (): Value => {
    const from = pos;
    pos++; // the opening quote
    while (pos < end && bytes[pos] !== 0x22) {
      if (bytes[pos] === 0x5c) pos++;
      else if ((bytes[pos] ?? 0) < 0x20)
        fail(`a control character (0x${bytes[pos]?.toString(16)}) inside a string`);
      pos++;
    }
    if (pos >= end) {
      pos = from;
      fail('a string is not closed');
    }
    pos++; // the closing quote
    let value: unknown;
    try {
      value = JSON.parse(utf8.decode(bytes.subarray(from, pos)));
    } catch {
      pos = from;
      fail('a string has a bad escape');
    }
    return { kind: 'string', start: from, end: pos, value: String(value) };
  };

  const readWord = (word: string, v: Value['value'], kind: Value['kind']): Value => {
    const from = pos;
    for (let i = 0; i < word.length; i++) {
      if (bytes[pos + i] !== word.charCodeAt(i)) fail(`expected a JSON value`);
    }
    pos += word.length;
    return { kind, start: from, end: pos, value: v };
  };

  const readNumber = (): Value => {
    const from = pos;
    while (pos < end && /[-+0-9.eE]/.test(String.fromCharCode(bytes[pos] ?? 0))) pos++;
    const text = utf8.decode(bytes.subarray(from, pos));
    let value: number;
    try {
      value = JSON.parse(text) as number;
    } catch {
      pos = from;
      return fail(`"${text}" is not a JSON number`);
    }
    return { kind: 'number', start: from, end: pos, value };
  };

  const readValue = (depth: number): Value => {
    if (depth > MAX_DEPTH) fail(`nesting deeper than ${MAX_DEPTH} levels`);
    skip();
    if (pos >= end) fail('the JSON text ends where a value was expected');
    const b = bytes[pos];
    if (b === 0x7b) return readContainer(depth, true);
    if (b === 0x5b) return readContainer(depth, false);
    if (b === 0x22) return readString();
    if (b === 0x74) return readWord('true', true, 'bool');
    if (b === 0x66) return readWord('false', false, 'bool');
    if (b === 0x6e) return readWord('null', null, 'null');
    if (b === 0x2d || (b !== undefined && b >= 0x30 && b <= 0x39)) return readNumber();
    return fail(`expected a JSON value, found ${describeByte(b)}`);
  };

  const readContainer = (depth: number, isObject: boolean): Value => {
    const from = pos;
    const close = isObject ? 0x7d : 0x5d;
    pos++;
    const items: Value[] = [];
    const entries: [Value, Value][] = [];
    skip();
    if (bytes[pos] === close) {
      pos++;
    } else {
      for (;;) {
        if (isObject) {
          skip();
          if (bytes[pos] !== 0x22)
            fail(`expected a member name in quotes, found ${describeByte(bytes[pos])}`);
          const key = readString();
          skip();
          if (bytes[pos] !== 0x3a)
            fail(`expected ':' after a member name, found ${describeByte(bytes[pos])}`);
          pos++;
          entries.push([key, readValue(depth + 1)]);
        } else {
          items.push(readValue(depth + 1));
        }
        skip();
        if (bytes[pos] === 0x2c) {
          pos++;
          continue;
        }
        if (bytes[pos] === close) {
          pos++;
          break;
        }
        fail(`expected ',' or '${isObject ? '}' : ']'}', found ${describeByte(bytes[pos])}`);
      }
    }
    return isObject
      ? { kind: 'map', start: from, end: pos, entries }
      : { kind: 'array', start: from, end: pos, items };
  };

  try {
    const value = readValue(0);
    skip();
    if (pos < end)
      return {
        value,
        end: pos,
        problem: `byte ${pos}: unexpected ${describeByte(bytes[pos])} after the JSON value`,
      };
    return { value, end: pos, problem: null };
  } catch (e) {
    if (e instanceof JsonError)
      return { value: null, end: e.offset, problem: `byte ${e.offset}: ${e.message}` };
    throw e;
  }
}

function describeByte(b: number | undefined): string {
  if (b === undefined) return 'the end';
  if (b >= 0x20 && b < 0x7f) return `'${String.fromCharCode(b)}'`;
  return `byte 0x${b.toString(16).padStart(2, '0')}`;
}
