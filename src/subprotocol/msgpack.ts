/**
 * A MessagePack reader that keeps the byte range and format name of every value.
 * Hand-written because the MessagePack libraries (`@msgpack/msgpack`, `msgpackr`) return values without positions;
 * the tests check it against `@msgpack/msgpack`'s encoder. Format names follow the MessagePack specification.
 */
import { encodingDecoder } from './encoding-decoder';
import type { ProtocolDecoder } from './types';
import { MAX_DEPTH, type ReadResult, type Value } from './values';

const utf8 = new TextDecoder('utf-8', { fatal: true });

class MsgpackError {
  constructor(
    readonly offset: number,
    readonly message: string,
  ) {}
}

/**
 * Read one MessagePack value starting at `start`; `end` tells where it stopped.
 * @example readMsgpack(Uint8Array.of(0x92, 0x01, 0xa1, 0x61)).value?.items?.length === 2
 */
export function readMsgpack(bytes: Uint8Array, start = 0, end = bytes.length): ReadResult {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let pos = start;

  const need = (n: number, what: string): void => {
    if (pos + n > end) throw new MsgpackError(pos, `${what} needs ${n} more bytes, ${end - pos} left`);
  };
  const uint = (size: 1 | 2 | 4 | 8, what: string): number => {
    need(size, what);
    const at = pos;
    pos += size;
    if (size === 1) return view.getUint8(at);
    if (size === 2) return view.getUint16(at);
    if (size === 4) return view.getUint32(at);
    return Number(view.getBigUint64(at));
  };
  const int64 = (signed: boolean): string | number => {
    need(8, signed ? 'int 64' : 'uint 64');
    const big = signed ? view.getBigInt64(pos) : view.getBigUint64(pos);
    pos += 8;
    return big >= BigInt(Number.MIN_SAFE_INTEGER) && big <= BigInt(Number.MAX_SAFE_INTEGER)
      ? Number(big)
      : big.toString();
  };
  const raw = (n: number, what: string): Uint8Array => {
    need(n, what);
    const out = bytes.subarray(pos, pos + n);
    pos += n;
    return out;
  };

  const read = (depth: number): Value => {
    if (depth > MAX_DEPTH) throw new MsgpackError(pos, `nesting deeper than ${MAX_DEPTH} levels`);
    if (pos >= end) throw new MsgpackError(pos, 'the data ends where a value was expected');
    const from = pos;
    const b = bytes[pos++] ?? 0;
    const done = (v: Omit<Value, 'start' | 'end'>): Value => ({ ...v, start: from, end: pos });
    if (b <= 0x7f) return done({ kind: 'number', value: b, format: 'positive fixint' });
    if (b >= 0xe0) return done({ kind: 'number', value: b - 0x100, format: 'negative fixint' });
    if (b <= 0x8f) return map(from, b & 0x0f, 'fixmap', depth);
    if (b <= 0x9f) return array(from, b & 0x0f, 'fixarray', depth);
    if (b <= 0xbf) return str(from, b & 0x1f, 'fixstr');
    switch (b) {
      case 0xc0:
        return done({ kind: 'null', value: null, format: 'nil' });
      case 0xc1:
        throw new MsgpackError(from, '0xc1 is never used in MessagePack');
      case 0xc2:
        return done({ kind: 'bool', value: false, format: 'false' });
      case 0xc3:
        return done({ kind: 'bool', value: true, format: 'true' });
      case 0xc4:
      case 0xc5:
      case 0xc6: {
        const size = b === 0xc4 ? 1 : b === 0xc5 ? 2 : 4;
        const format = `bin ${size * 8}`;
        return done({ kind: 'bytes', bytes: raw(uint(size, format), format), format });
      }
      case 0xc7:
      case 0xc8:
      case 0xc9: {
        const size = b === 0xc7 ? 1 : b === 0xc8 ? 2 : 4;
        const format = `ext ${size * 8}`;
        const length = uint(size, format);
        const type = (uint(1, format) << 24) >> 24;
        return done({ kind: 'ext', tag: type, bytes: raw(length, format), format });
      }
      case 0xca:
        need(4, 'float 32');
        pos += 4;
        return done({ kind: 'number', value: view.getFloat32(from + 1), format: 'float 32' });
      case 0xcb:
        need(8, 'float 64');
        pos += 8;
        return done({ kind: 'number', value: view.getFloat64(from + 1), format: 'float 64' });
      case 0xcc:
        return done({ kind: 'number', value: uint(1, 'uint 8'), format: 'uint 8' });
      case 0xcd:
        return done({ kind: 'number', value: uint(2, 'uint 16'), format: 'uint 16' });
      case 0xce:
        return done({ kind: 'number', value: uint(4, 'uint 32'), format: 'uint 32' });
      case 0xcf:
        return done({ kind: 'number', value: int64(false), format: 'uint 64' });
      case 0xd0:
        return done({ kind: 'number', value: (uint(1, 'int 8') << 24) >> 24, format: 'int 8' });
      case 0xd1:
        return done({ kind: 'number', value: (uint(2, 'int 16') << 16) >> 16, format: 'int 16' });
      case 0xd2:
        return done({ kind: 'number', value: uint(4, 'int 32') | 0, format: 'int 32' });
      case 0xd3:
        return done({ kind: 'number', value: int64(true), format: 'int 64' });
      case 0xd4:
      case 0xd5:
      case 0xd6:
      case 0xd7:
      case 0xd8: {
        const length = 1 << (b - 0xd4);
        const format = `fixext ${length}`;
        const type = (uint(1, format) << 24) >> 24;
        return done({ kind: 'ext', tag: type, bytes: raw(length, format), format });
      }
      case 0xd9:
        return str(from, uint(1, 'str 8'), 'str 8');
      case 0xda:
        return str(from, uint(2, 'str 16'), 'str 16');
      case 0xdb:
        return str(from, uint(4, 'str 32'), 'str 32');
      case 0xdc:
        return array(from, uint(2, 'array 16'), 'array 16', depth);
      case 0xdd:
        return array(from, uint(4, 'array 32'), 'array 32', depth);
      case 0xde:
        return map(from, uint(2, 'map 16'), 'map 16', depth);
      default:
        return map(from, uint(4, 'map 32'), 'map 32', depth);
    }
  };

  const str = (from: number, length: number, format: string): Value => {
    const data = raw(length, format);
    let value: string;
    try {
      value = utf8.decode(data);
    } catch {
      throw new MsgpackError(from, `${format} is not valid UTF-8`);
    }
    return { kind: 'string', start: from, end: pos, value, format };
  };
  // Counts come from the bytes: items are read one by one (each takes at least a byte), never preallocated.
  const array = (from: number, count: number, format: string, depth: number): Value => {
    const items: Value[] = [];
    for (let i = 0; i < count; i++) items.push(read(depth + 1));
    return { kind: 'array', start: from, end: pos, items, format };
  };
  const map = (from: number, count: number, format: string, depth: number): Value => {
    const entries: [Value, Value][] = [];
    for (let i = 0; i < count; i++) entries.push([read(depth + 1), read(depth + 1)]);
    return { kind: 'map', start: from, end: pos, entries, format };
  };

  try {
    const value = read(0);
    return { value, end: pos, problem: null };
  } catch (e) {
    if (e instanceof MsgpackError)
      return { value: null, end: e.offset, problem: `byte ${e.offset}: ${e.message}` };
    throw e;
  }
}

/** MessagePack on its own: one value a binary message. */
export const msgpackDecoder: ProtocolDecoder = encodingDecoder('msgpack', 'MessagePack', readMsgpack);
