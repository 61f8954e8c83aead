/**
 * A CBOR reader (RFC 8949) that keeps the byte range of every data item.
 * Hand-written because `cborg` and `cbor-x` return values without positions; the tests check it against `cborg`'s
 * encoder. Major types and additional information follow RFC 8949 §3.
 */
import { encodingDecoder } from './encoding-decoder';
import type { ProtocolDecoder } from './types';
import { MAX_DEPTH, type ReadResult, type Value } from './values';

const utf8 = new TextDecoder('utf-8', { fatal: true });

class CborError {
  constructor(
    readonly offset: number,
    readonly message: string,
  ) {}
}

const BREAK = Symbol('break');

/** IEEE 754 half precision (RFC 8949 Appendix D). */
function halfToNumber(half: number): number {
  const exp = (half >> 10) & 0x1f;
  const mant = half & 0x3ff;
  const value =
    exp === 0 ? mant * 2 ** -24 : exp !== 31 ? (mant + 1024) * 2 ** (exp - 25) : mant === 0 ? Infinity : NaN;
  return half & 0x8000 ? -value : value;
}

/**
 * Read one CBOR data item starting at `start`.
 * @example readCbor(Uint8Array.of(0x82, 0x01, 0x61, 0x61)).value?.items?.length === 2
 */
export function readCbor(bytes: Uint8Array, start = 0, end = bytes.length): ReadResult {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let pos = start;

  const need = (n: number, what: string): void => {
    if (pos + n > end) throw new CborError(pos, `${what} needs ${n} more bytes, ${end - pos} left`);
  };
  /** The argument of the head (RFC 8949 §3): info 0–23 inline, 24–27 in the next 1, 2, 4 or 8 bytes. */
  const argument = (info: number, from: number): number | bigint | null => {
    if (info < 24) return info;
    if (info === 24) {
      need(1, 'a 1-byte argument');
      return bytes[pos++] ?? 0;
    }
    if (info === 25) {
      need(2, 'a 2-byte argument');
      pos += 2;
      return view.getUint16(pos - 2);
    }
    if (info === 26) {
      need(4, 'a 4-byte argument');
      pos += 4;
      return view.getUint32(pos - 4);
    }
    if (info === 27) {
      need(8, 'an 8-byte argument');
      pos += 8;
      const big = view.getBigUint64(pos - 8);
      return big <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(big) : big;
    }
    if (info === 31) return null;
    throw new CborError(from, `additional information ${info} is reserved (RFC 8949 §3)`);
  };
  const length = (arg: number | bigint, from: number): number => {
    if (typeof arg === 'bigint' || arg > end - pos) {
      throw new CborError(from, `a length of ${arg} is more than the ${end - pos} bytes left`);
    }
    return arg;
  };

  const read = (depth: number): Value | typeof BREAK => {
    if (depth > MAX_DEPTH) throw new CborError(pos, `nesting deeper than ${MAX_DEPTH} levels`);
    if (pos >= end) throw new CborError(pos, 'the data ends where a data item was expected');
    const from = pos;
    const head = bytes[pos++] ?? 0;
    const major = head >> 5; // mmm xxxxx
    const info = head & 0b1_1111;
    if (major === 7) return simple(from, info);
    const arg = argument(info, from);
    const done = (v: Omit<Value, 'start' | 'end'>): Value => ({ ...v, start: from, end: pos });
    switch (major) {
      case 0:
      case 1: {
        if (arg === null)
          throw new CborError(from, `major type ${major} cannot be indefinite (RFC 8949 §3.2.4)`);
        const n = major === 0 ? arg : typeof arg === 'bigint' ? -1n - arg : -1 - arg;
        return done({
          kind: 'number',
          value: typeof n === 'bigint' ? n.toString() : n,
          format: `major type ${major}`,
        });
      }
      case 2:
      case 3: {
        const chunks = arg === null ? indefiniteChunks(major, depth) : [raw(length(arg, from))];
        const data = concat(chunks);
        if (major === 2) return done({ kind: 'bytes', bytes: data, format: 'byte string' });
        try {
          return done({ kind: 'string', value: utf8.decode(data), format: 'text string' });
        } catch {
          throw new CborError(from, 'a text string is not valid UTF-8 (RFC 8949 §3.1)');
        }
      }
      case 4: {
        const items: Value[] = [];
        for (let i = 0; arg === null || i < arg; i++) {
          const item = read(depth + 1);
          if (item === BREAK) {
            if (arg === null) break;
            throw new CborError(pos - 1, 'a break (0xff) inside a definite-length array');
          }
          items.push(item);
        }
        return done({ kind: 'array', items, format: 'array' });
      }
      case 5: {
        const entries: [Value, Value][] = [];
        for (let i = 0; arg === null || i < arg; i++) {
          const key = read(depth + 1);
          if (key === BREAK) {
            if (arg === null) break;
            throw new CborError(pos - 1, 'a break (0xff) inside a definite-length map');
          }
          const value = read(depth + 1);
          if (value === BREAK) throw new CborError(pos - 1, 'a map key without a value (RFC 8949 §3.2.2)');
          entries.push([key, value]);
        }
        return done({ kind: 'map', entries, format: 'map' });
      }
      default: {
        if (arg === null) throw new CborError(from, 'a tag cannot be indefinite (RFC 8949 §3.2.4)');
        const item = read(depth + 1);
        if (item === BREAK) throw new CborError(pos - 1, 'a tag without its content');
        return done({ kind: 'tag', tag: Number(arg), items: [item], format: 'tag' });
      }
    }
  };

  const raw = (n: number): Uint8Array => {
    const out = bytes.subarray(pos, pos + n);
    pos += n;
    return out;
  };
  const indefiniteChunks = (major: number, depth: number): Uint8Array[] => {
    const chunks: Uint8Array[] = [];
    for (;;) {
      const chunk = read(depth + 1);
      if (chunk === BREAK) return chunks;
      if (chunk.kind !== (major === 2 ? 'bytes' : 'string')) {
        throw new CborError(
          chunk.start,
          'an indefinite-length string holds a chunk of another type (RFC 8949 §3.2.3)',
        );
      }
      chunks.push(chunk.bytes ?? new TextEncoder().encode(String(chunk.value)));
    }
  };
  const simple = (from: number, info: number): Value | typeof BREAK => {
    const done = (v: Omit<Value, 'start' | 'end'>): Value => ({ ...v, start: from, end: pos });
    if (info === 31) return BREAK;
    if (info === 20 || info === 21) return done({ kind: 'bool', value: info === 21, format: 'simple value' });
    if (info === 22) return done({ kind: 'null', value: null, format: 'simple value' });
    if (info === 23) return done({ kind: 'undefined', value: null, format: 'simple value' });
    if (info < 24) return done({ kind: 'simple', value: info, format: 'simple value' });
    if (info === 24) {
      need(1, 'a simple value');
      return done({ kind: 'simple', value: bytes[pos++] ?? 0, format: 'simple value' });
    }
    if (info === 25) {
      need(2, 'a half-precision float');
      pos += 2;
      return done({ kind: 'number', value: halfToNumber(view.getUint16(from + 1)), format: 'float 16' });
    }
    if (info === 26) {
      need(4, 'a single-precision float');
      pos += 4;
      return done({ kind: 'number', value: view.getFloat32(from + 1), format: 'float 32' });
    }
    if (info === 27) {
      need(8, 'a double-precision float');
      pos += 8;
      return done({ kind: 'number', value: view.getFloat64(from + 1), format: 'float 64' });
    }
    throw new CborError(from, `additional information ${info} of major type 7 is reserved (RFC 8949 §3.3)`);
  };

  try {
    const value = read(0);
    if (value === BREAK)
      return {
        value: null,
        end: pos,
        problem: `byte ${start}: a break (0xff) outside any indefinite-length item`,
      };
    return { value, end: pos, problem: null };
  } catch (e) {
    if (e instanceof CborError)
      return { value: null, end: e.offset, problem: `byte ${e.offset}: ${e.message}` };
    throw e;
  }
}

function concat(chunks: Uint8Array[]): Uint8Array {
  if (chunks.length === 1 && chunks[0]) return chunks[0];
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/** CBOR on its own: one data item a binary message. */
export const cborDecoder: ProtocolDecoder = encodingDecoder('cbor', 'CBOR', readCbor);
