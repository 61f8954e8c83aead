/**
 * Hex dumps with an offset column: `xxd`, `hexdump -C`, `od -t x1` (with or without `z`), and Wireshark's
 * "Copy as Hex Dump" / `tshark -x`. Part of `parseHex` (see `hex.ts`).
 *
 * How the ASCII column is kept out of the bytes, in order:
 * 1. it starts at a `|` (hexdump -C) or `>` (od z), or after a gap of 3 or more spaces (tshark, Wireshark, and
 *    every tool's padded last line);
 * 2. `xxd` separates it by only 2 spaces (its groups by 1); and no row reads more bytes than the offsets say
 *    it holds;
 * 3. when spaces were collapsed by copying (chat, web pages), trailing tokens that spell exactly the ASCII
 *    rendering of the bytes before them are the ASCII column (`0000 61 62 ab` is the 2 bytes `ab`).
 * Then the offsets check the result: each row must hold exactly as many bytes as the next offset says.
 */
import { isDump, splitRows, HEX, type Row, type Token } from './hex-dump-rows';
import { DEFAULT_MAX_MESSAGE_SIZE } from './limits';
import {
  asciiColumn,
  failAt as failRange,
  isWhitespace,
  type HexFormat,
  type ParseHexResult,
} from './hex-source';

type Fail = Extract<ParseHexResult, { ok: false }>;

/** The value of one hex digit's character code (the caller has checked it is one). */
function hexValue(c: number): number {
  return c <= 57 ? c - 48 : (c | 0x20) - 87;
}

function failAt(text: string, index: number, error: string, length = 1): Fail {
  return failRange(text, index, error, length);
}

/**
 * Reads one row's bytes; `cap` is how many bytes the offsets say it holds, or 0 when unknown. Sets `row.end`:
 * `ascii` when the ASCII column was told apart (rule 1 or 2), `end` when the line ended, `bad` at a word that
 * is neither a hex byte nor clearly the ASCII column (`row.accepted` tokens were read before it).
 */
function readRow(row: Row, cap: number): void {
  const { tokens, bytes } = row;
  let k = 0;
  row.end = 'end';
  for (; k < tokens.length; k++) {
    const t = tokens[k] as Token;
    // xxd separates its groups by one space, so 2 spaces there already end the hex.
    const gapEnds = k > 0 && (t.gap >= 3 || (row.colon && t.gap >= 2));
    if (gapEnds || t.text.startsWith('|') || t.text.startsWith('>') || (cap && bytes.length >= cap)) {
      row.end = 'ascii';
      row.bar = t.text.startsWith('|');
      break;
    }
    const hex = HEX.test(t.text) && t.text.length <= 16;
    if (hex && cap && bytes.length + ((t.text.length + 1) >> 1) > cap) {
      row.end = 'ascii';
      break;
    }
    if (!hex || t.text.length % 2 === 1) {
      row.end = !hex && t.gap >= 2 ? 'ascii' : 'bad';
      break;
    }
    for (let d = 0; d < t.text.length; d += 2) {
      bytes.push((hexValue(t.text.charCodeAt(d)) << 4) | hexValue(t.text.charCodeAt(d + 1)));
    }
  }
  row.accepted = k;
}

function sameAscii(rest: string, bytes: number[]): boolean {
  return rest.replace(/\s+/g, ' ').trim() === asciiColumn(Uint8Array.from(bytes)).replace(/\s+/g, ' ').trim();
}

/** Counts for the length of a text once runs of whitespace are one space and the ends are trimmed. */
interface Collapsed {
  words: number;
  chars: number;
  /** The last character counted was not whitespace (a word may continue in the next piece). */
  inWord: boolean;
}

const collapsedLength = (c: Collapsed): number => (c.words === 0 ? 0 : c.chars + c.words - 1);

/** Adds the next piece of text to the counts. */
function addWords(c: Collapsed, s: string): void {
  for (let i = 0; i < s.length; i++) {
    const space = isWhitespace(s.charCodeAt(i));
    if (!space) {
      c.chars++;
      if (!c.inWord) c.words++;
    }
    c.inWord = !space;
  }
}

/**
 * Rule 3 above: the words from some token on spell the ASCII rendering of the bytes before them; keeps only those
 * bytes. Returns false when no split fits. Linear in the row: the collapsed length of the rest of the line shrinks
 * with every token while that of the ASCII rendering never does, so at most one split has equal lengths and is
 * compared in full.
 */
function trimSpelledAscii(text: string, row: Row): boolean {
  const lineEnd = text.indexOf('\n', row.offsetIndex);
  const stop = row.end === 'bad' ? row.accepted + 1 : row.accepted;
  // Collapsed length of the line's rest from each token on (tokens never hold the spaces that split them).
  const restLength = new Array<number>(row.tokens.length + 1);
  const rest: Collapsed = { words: 0, chars: 0, inWord: false };
  restLength[row.tokens.length] = 0;
  for (let j = row.tokens.length - 1; j >= 0; j--) {
    rest.inWord = false;
    addWords(rest, (row.tokens[j] as Token).text);
    restLength[j] = collapsedLength(rest);
  }
  const ascii: Collapsed = { words: 0, chars: 0, inWord: false };
  let before = 0;
  for (let j = 0; j < stop; j++) {
    const t = row.tokens[j] as Token;
    if (
      j > 0 &&
      restLength[j] === collapsedLength(ascii) &&
      sameAscii(text.slice(t.index, lineEnd < 0 ? undefined : lineEnd), row.bytes.slice(0, before))
    ) {
      row.bytes.length = before;
      return true;
    }
    const next = before + (t.text.length >> 1);
    addWords(ascii, asciiColumn(Uint8Array.from(row.bytes.slice(before, next))));
    before = next;
  }
  return false;
}

/** Radixes to try for the offsets: `od` writes 7-digit octal (or decimal with -A d); the rest write hex. */
function radixes(rows: Row[]): number[] {
  const first = rows.find((r) => r.kind === 'row') as Row;
  return !first.colon && first.offsetText.length === 7 ? [8, 10, 16] : [16];
}

/** Checks every offset against the bytes before it; returns the first mismatch as an error. */
function checkOffsets(text: string, rows: Row[], radix: number): Fail | null {
  for (let i = 1; i < rows.length; i++) {
    const prev = rows[i - 1] as Row;
    const row = rows[i] as Row;
    if (row.kind === 'star' || prev.kind !== 'row' || row.newBlock) continue;
    const want = parseInt(row.offsetText, radix);
    const got = parseInt(prev.offsetText, radix) + prev.bytes.length;
    if (Number.isNaN(want) || want !== got) {
      return failAt(
        text,
        row.offsetIndex,
        `offset ${row.offsetText} does not follow the ${prev.bytes.length} bytes of the row before it (expected ${got.toString(radix).padStart(row.offsetText.length, '0')})`,
      );
    }
  }
  return null;
}

/**
 * Expands `*` lines (hexdump and od: "the previous row repeats until the next offset"), into at most
 * `DEFAULT_MAX_MESSAGE_SIZE` (64 MiB) bytes in all: a two-line dump can claim gigabytes of repeats.
 */
function expandStars(text: string, rows: Row[], radix: number): Fail | null {
  let expanded = 0;
  for (let i = 0; i < rows.length; i++) {
    const star = rows[i] as Row;
    if (star.kind !== 'star') continue;
    const prev = rows[i - 1];
    const next = rows[i + 1];
    if (!prev || prev.kind !== 'row' || !next || next.kind === 'star' || prev.bytes.length === 0) {
      return failAt(
        text,
        star.lineStart,
        '"*" (a repeated row) needs a hex row before it and an offset after it',
      );
    }
    const gap = parseInt(next.offsetText, radix) - parseInt(prev.offsetText, radix) - prev.bytes.length;
    const times = gap / prev.bytes.length;
    if (!Number.isInteger(times) || times < 0) {
      return failAt(
        text,
        next.offsetIndex,
        `offset ${next.offsetText} is not a whole number of repeated rows after "*"`,
      );
    }
    expanded += gap;
    if (expanded > DEFAULT_MAX_MESSAGE_SIZE) {
      return failAt(
        text,
        next.offsetIndex,
        `the "*" lines repeat ${expanded} bytes by offset ${next.offsetText}; Framescope expands at most ${DEFAULT_MAX_MESSAGE_SIZE} (64 MiB) from a dump`,
      );
    }
    const repeated = new Uint8Array(gap);
    const row = Uint8Array.from(prev.bytes);
    for (let r = 0; r < gap; r += row.length) repeated.set(row.subarray(0, Math.min(row.length, gap - r)), r);
    star.repeated = repeated;
  }
  return null;
}

function formatOf(rows: Row[]): HexFormat {
  const data = rows.filter((r) => r.kind === 'row');
  const first = data[0] as Row;
  if (first.colon) return 'xxd';
  if (data.some((r) => r.bar) || first.offsetText.length === 8) return 'hexdump -C';
  if (first.offsetText.length === 6 || first.offsetText.length === 7) return 'od';
  return 'wireshark';
}

/** One block of a dump: tshark prints one per packet (and one per extra data source), each from offset 0. */
export interface DumpBlock {
  /** The data source's label (`Frame`, `Unmasked data`, …) when tshark printed one, else null. */
  source: string | null;
  bytes: Uint8Array;
}

/** A dump's blocks and its format, an error at a line and column, or null when the text is not a dump. */
export type ParseDumpBlocksResult = { ok: true; format: HexFormat; blocks: DumpBlock[] } | Fail;

/**
 * Reads a hex dump with offsets as its blocks: the one home of dump reading, for `parseHex` (which joins the
 * blocks) and for text captures (which read each `tshark -x` block as a packet). Null when the text is not a dump.
 *
 * @example parseDumpBlocks('0000  81 05   ..\n\n0000  48 69   Hi')?.blocks.length // → 2
 * @see RFC 6455 §5.2
 */
export function parseDumpBlocks(text: string): ParseDumpBlocksResult | null {
  const rows = splitRows(text);
  if (!rows || !isDump(rows)) return null;
  const firstRow = rows.find((r) => r.kind === 'row') as Row;
  const firstToken = firstRow.tokens[0];
  if (!firstRow.colon && firstToken && HEX.test(firstToken.text) && firstToken.text.length !== 2) {
    return failAt(
      text,
      firstToken.index,
      'this looks like `hexdump` or `od` output in 2-byte words, whose byte order depends on the machine; paste `hexdump -C`, `xxd` or `od -A x -t x1z` output instead',
    );
  }
  // The offsets tell how many bytes each row holds (rule 2); od's 7-digit offsets may be octal, so not those.
  const first = rows.find((r) => r.kind === 'row') as Row;
  const hexOffsets = first.colon || first.offsetText.length !== 7;
  let width = 16;
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i] as Row;
    if (row.kind !== 'row') continue;
    const next = rows[i + 1];
    const delta =
      hexOffsets && next && next.kind !== 'star' && !next.newBlock
        ? parseInt(next.offsetText, 16) - parseInt(row.offsetText, 16)
        : 0;
    if (delta > 0) width = delta;
    readRow(row, delta > 0 ? delta : hexOffsets ? width : 0);
  }
  const hasAscii = rows.some((r) => r.end === 'ascii');
  for (const row of rows) {
    if (row.kind !== 'row' || row.end === 'ascii' || (row.end === 'end' && !hasAscii)) continue;
    if (trimSpelledAscii(text, row) || row.end === 'end') continue;
    const t = row.tokens[row.accepted] as Token;
    return failAt(
      text,
      t.index,
      HEX.test(t.text)
        ? `"${t.text}" has an odd number of hex digits: each byte needs exactly two`
        : `"${t.text}" is not a hex byte (expected pairs such as 81 05 48)`,
      t.text.length,
    );
  }
  const candidates = radixes(rows);
  const radix = candidates.find((r) => !checkOffsets(text, rows, r));
  if (radix === undefined) return checkOffsets(text, rows, candidates[0] as number);
  const starError = expandStars(text, rows, radix);
  if (starError) return starError;
  const blocks: DumpBlock[] = [];
  let start = 0;
  for (let i = 1; i <= rows.length; i++) {
    if (i < rows.length && !(rows[i] as Row).newBlock) continue;
    blocks.push(blockOf(rows.slice(start, i)));
    start = i;
  }
  return { ok: true, blocks, format: formatOf(rows) };
}

function blockOf(rows: Row[]): DumpBlock {
  let total = 0;
  for (const r of rows) total += r.repeated?.length ?? r.bytes.length;
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const r of rows) {
    const own = r.repeated ?? r.bytes;
    bytes.set(own, at);
    at += own.length;
  }
  return { source: (rows.find((r) => r.kind === 'row') ?? null)?.source ?? null, bytes };
}

/**
 * Reads a hex dump with offsets, or returns null when the text is not one (then `parseHex` tries the other forms).
 * The blocks of a multi-packet dump are joined in order.
 *
 * @example parseDump('0000  81 05 48 65 6c 6c 6f   ..Hello') // → { ok: true, bytes: 81 05 48 65 6c 6c 6f, format: 'wireshark' }
 * @see RFC 6455 §5.2
 */
export function parseDump(text: string): ParseHexResult | null {
  const r = parseDumpBlocks(text);
  if (!r || !r.ok) return r;
  if (r.blocks.length === 1) return { ok: true, bytes: (r.blocks[0] as DumpBlock).bytes, format: r.format };
  let total = 0;
  for (const b of r.blocks) total += b.bytes.length;
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const b of r.blocks) {
    bytes.set(b.bytes, at);
    at += b.bytes.length;
  }
  return { ok: true, bytes, format: r.format };
}
