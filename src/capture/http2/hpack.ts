/**
 * HPACK header decoding (RFC 7541) for a passive reader: integers with an N-bit prefix (§5.1), string literals
 * with or without Huffman coding (§5.2, Appendix B), the static and dynamic tables (§2.3, §4) and dynamic table
 * size updates (§6.3). One decoder per direction of an HTTP/2 connection, fed every header block in order.
 * Bad input never throws: {@link HpackDecoder.decode} returns the fields read so far and an error.
 */
import { HUFFMAN_CODES, HUFFMAN_LENGTHS, STATIC_TABLE } from './hpack-tables';

/** One header field; names and values are read as UTF-8 (octets that are not UTF-8 show as U+FFFD). */
export interface HeaderField {
  name: string;
  value: string;
}

/** What one header block decoded to. `error` is set when the block breaks a rule of RFC 7541. */
export interface HpackResult {
  headers: HeaderField[];
  error: string | null;
}

/** The default SETTINGS_HEADER_TABLE_SIZE (RFC 9113 §6.5.2). */
export const DEFAULT_TABLE_SIZE = 4096;

/** Entry overhead added to the octet lengths of name and value (RFC 7541 §4.1). */
const ENTRY_OVERHEAD = 32;

/** Huffman decoding trie: node i has children at `tree[2i]` (bit 0) and `tree[2i + 1]` (bit 1); leaves are -1 - symbol. */
let trie: Int32Array | null = null;

function huffmanTrie(): Int32Array {
  if (trie) return trie;
  const t = new Int32Array(2 * 600).fill(0);
  let nodes = 1;
  HUFFMAN_CODES.forEach((code, symbol) => {
    const len = HUFFMAN_LENGTHS[symbol] ?? 0;
    let node = 0;
    for (let b = len - 1; b >= 0; b--) {
      const slot = 2 * node + ((code >>> b) & 1);
      if (b === 0) t[slot] = -1 - symbol;
      else {
        if (t[slot] === 0) t[slot] = nodes++;
        node = t[slot] ?? 0;
      }
    }
  });
  trie = t;
  return t;
}

const EOS = 256;

/**
 * Decode a Huffman-coded string literal (RFC 7541 §5.2): padding must be fewer than 8 bits, all ones (the EOS
 * prefix), and EOS itself must not appear.
 * @example huffmanDecode(fromHex('f1e3c2e5f23a6ba0ab90f4ff')) // bytes of 'www.example.com' (Appendix C.4.1)
 */
export function huffmanDecode(bytes: Uint8Array): { bytes: Uint8Array; error: string | null } {
  const t = huffmanTrie();
  const out: number[] = [];
  let node = 0;
  let depth = 0;
  let onesOnly = true;
  for (const byte of bytes) {
    for (let b = 7; b >= 0; b--) {
      const bit = (byte >> b) & 1;
      const next = t[2 * node + bit] ?? 0;
      depth++;
      onesOnly &&= bit === 1;
      if (next < 0) {
        const symbol = -1 - next;
        if (symbol === EOS) return { bytes: Uint8Array.from(out), error: 'the Huffman string contains EOS' };
        out.push(symbol);
        node = 0;
        depth = 0;
        onesOnly = true;
      } else node = next;
    }
  }
  if (depth > 7) return { bytes: Uint8Array.from(out), error: 'the Huffman padding is longer than 7 bits' };
  if (!onesOnly) return { bytes: Uint8Array.from(out), error: 'the Huffman padding is not the EOS prefix' };
  return { bytes: Uint8Array.from(out), error: null };
}

class Reader {
  at = 0;
  constructor(readonly bytes: Uint8Array) {}

  /** An integer with an N-bit prefix (RFC 7541 §5.1), or null when the block ends or it exceeds 2^32. */
  integer(prefix: number): number | null {
    const first = this.bytes[this.at];
    if (first === undefined) return null;
    this.at++;
    const max = (1 << prefix) - 1;
    let value = first & max;
    if (value < max) return value;
    let shift = 0;
    for (;;) {
      const b = this.bytes[this.at];
      if (b === undefined) return null;
      this.at++;
      value += (b & 0x7f) * 2 ** shift;
      shift += 7;
      if (value > 0xffff_ffff) return null;
      if ((b & 0x80) === 0) return value;
    }
  }

  /** A string literal (RFC 7541 §5.2): H bit, 7-bit prefix length, octets. */
  string(): { bytes: Uint8Array; error: string | null } | null {
    const first = this.bytes[this.at];
    if (first === undefined) return null;
    const huffman = (first & 0b1000_0000) !== 0;
    const length = this.integer(7);
    if (length === null || this.at + length > this.bytes.length) return null;
    const raw = this.bytes.subarray(this.at, this.at + length);
    this.at += length;
    return huffman ? huffmanDecode(raw) : { bytes: raw, error: null };
  }
}

const utf8 = new TextDecoder('utf-8');

interface Entry extends HeaderField {
  size: number;
}

/**
 * The decoding context of one direction: its dynamic table survives from one header block to the next.
 * @example
 * const d = new HpackDecoder();
 * d.decode(fromHex('828684410f7777772e6578616d706c652e636f6d')).headers[3]; // { name: ':authority', value: 'www.example.com' }
 * @see RFC 7541 §2.2, Appendix C.3
 */
export class HpackDecoder {
  #table: Entry[] = [];
  #size = 0;
  #max: number;

  /** `limit`: the SETTINGS_HEADER_TABLE_SIZE the receiving peer announced (size updates may not exceed it). */
  constructor(public limit = DEFAULT_TABLE_SIZE) {
    this.#max = limit;
  }

  /** The dynamic table, newest entry first (index 62 in the address space). */
  get dynamicTable(): readonly HeaderField[] {
    return this.#table.map(({ name, value }) => ({ name, value }));
  }

  /** The dynamic table's size in octets (RFC 7541 §4.1). */
  get size(): number {
    return this.#size;
  }

  #evict(): void {
    while (this.#size > this.#max) {
      const last = this.#table.pop();
      if (!last) break;
      this.#size -= last.size;
    }
  }

  #add(name: Uint8Array | string, value: Uint8Array, nameText: string): void {
    const nameLength = typeof name === 'string' ? new TextEncoder().encode(name).length : name.length;
    const size = nameLength + value.length + ENTRY_OVERHEAD;
    const entry = { name: nameText, value: utf8.decode(value), size };
    // An entry larger than the table empties it and is not added (RFC 7541 §4.4).
    this.#table.unshift(entry);
    this.#size += size;
    this.#evict();
  }

  #lookup(index: number): HeaderField | null {
    if (index <= 0) return null;
    const fixed = STATIC_TABLE[index - 1];
    if (fixed) return { name: fixed[0], value: fixed[1] };
    const dynamic = this.#table[index - STATIC_TABLE.length - 1];
    return dynamic ? { name: dynamic.name, value: dynamic.value } : null;
  }

  /** Decode one complete header block (HEADERS + CONTINUATION fragments joined). */
  decode(block: Uint8Array): HpackResult {
    const r = new Reader(block);
    const headers: HeaderField[] = [];
    const fail = (error: string): HpackResult => ({ headers, error });
    let fieldSeen = false;
    while (r.at < block.length) {
      const first = block[r.at] ?? 0;
      if (first & 0b1000_0000) {
        // Indexed header field: 1xxxxxxx (§6.1).
        const index = r.integer(7);
        if (index === null) return fail(`an index at byte ${r.at} runs past the block`);
        const field = this.#lookup(index);
        if (!field) return fail(`index ${index} is not in the static or dynamic table`);
        headers.push(field);
        fieldSeen = true;
        continue;
      }
      if ((first & 0b1110_0000) === 0b0010_0000) {
        // Dynamic table size update: 001xxxxx (§6.3), only before the first field of a block (§4.2).
        const size = r.integer(5);
        if (size === null) return fail('a table size update runs past the block');
        if (fieldSeen) return fail('a dynamic table size update comes after a header field');
        if (size > this.limit)
          return fail(`a table size update to ${size} exceeds the announced limit of ${this.limit}`);
        this.#max = size;
        this.#evict();
        continue;
      }
      // Literals: 01xxxxxx with indexing (§6.2.1), 0000xxxx without (§6.2.2), 0001xxxx never indexed (§6.2.3).
      const indexing = (first & 0b1100_0000) === 0b0100_0000;
      const at = r.at;
      const nameIndex = r.integer(indexing ? 6 : 4);
      if (nameIndex === null) return fail(`a literal at byte ${at} runs past the block`);
      let name: string;
      let nameBytes: Uint8Array | string;
      if (nameIndex === 0) {
        const s = r.string();
        if (!s) return fail(`a literal name at byte ${at} runs past the block`);
        if (s.error) return fail(s.error);
        nameBytes = s.bytes;
        name = utf8.decode(s.bytes);
      } else {
        const field = this.#lookup(nameIndex);
        if (!field) return fail(`name index ${nameIndex} is not in the static or dynamic table`);
        name = field.name;
        nameBytes = field.name;
      }
      const value = r.string();
      if (!value) return fail(`a literal value at byte ${at} runs past the block`);
      if (value.error) return fail(value.error);
      headers.push({ name, value: utf8.decode(value.bytes) });
      fieldSeen = true;
      if (indexing) this.#add(nameBytes, value.bytes, name);
    }
    return { headers, error: null };
  }
}
