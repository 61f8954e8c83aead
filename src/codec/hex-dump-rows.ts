/**
 * The rows of a pasted hex dump: each line split into its offset and whitespace-separated words, ready for
 * `hex-dump.ts` to tell the bytes from the ASCII column. Part of `parseHex`.
 */

export interface Token {
  text: string;
  /** Index in the whole input. */
  index: number;
  /** Whitespace characters before the token. */
  gap: number;
}

export interface Row {
  kind: 'row' | 'end' | 'star';
  lineStart: number;
  offsetText: string;
  offsetIndex: number;
  colon: boolean;
  tokens: Token[];
  /** Starts a new block (tshark prints one block per packet, each from offset 0). */
  newBlock: boolean;
  /**
   * The label of the data source the row's block dumps, as tshark heads it when a packet has several
   * (`Frame (91 bytes):`, `Unmasked data (13 bytes):` → `Frame`, `Unmasked data`); null when unlabelled.
   */
  source: string | null;
  /** A 4-digit offset followed by a single space: a dump row only if the other rows agree (collapsed spaces). */
  weak: boolean;
  bytes: number[];
  /** A `*` row's bytes once expanded (the previous row repeated up to the next offset). */
  repeated?: Uint8Array;
  bar: boolean;
  /** How the row's hex ended (see readRow) and how many tokens were read as hex. */
  end: 'ascii' | 'end' | 'bad';
  accepted: number;
}

const ROW = /^(\s*)([0-9a-fA-F]{4,16})(:?)(\s+)(\S.*)$/;
const END = /^(\s*)([0-9a-fA-F]{4,16}):?\s*$/;
const STAR = /^\s*\*\s*$/;
const HEADER = /\(\d+ bytes?\):\s*$/;
/** A word made of hex digits only. */
export const HEX = /^[0-9a-fA-F]+$/;

function makeRow(kind: Row['kind'], lineStart: number, offsetText: string, offsetIndex: number): Row {
  return {
    kind,
    lineStart,
    offsetText,
    offsetIndex,
    colon: false,
    tokens: [],
    newBlock: false,
    source: null,
    weak: false,
    bytes: [],
    bar: false,
    end: 'end',
    accepted: 0,
  };
}

/** Space, tab, and the no-break / thin / ideographic spaces that copies from web pages and chats contain. */
function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 0xa0 || (c >= 0x2000 && c <= 0x200a) || c === 0x202f || c === 0x3000;
}

/** Whitespace-separated words of `line` from `from` on, with their index in the whole input. */
function tokenize(line: string, from: number, lineIndex: number): Token[] {
  const tokens: Token[] = [];
  const n = line.length;
  let i = from;
  while (i < n) {
    const gapStart = i;
    while (i < n && isSpace(line.charCodeAt(i))) i++;
    if (i >= n) break;
    const wordStart = i;
    while (i < n && !isSpace(line.charCodeAt(i))) i++;
    tokens.push({ text: line.slice(wordStart, i), index: lineIndex + wordStart, gap: wordStart - gapStart });
  }
  return tokens;
}

/**
 * Splits the text into dump rows, or returns null when some line is not part of a dump.
 *
 * @example splitRows('0000  81 05   ..') // → [{ kind: 'row', offsetText: '0000', tokens: ['81', '05', '..'], … }]
 * @see RFC 6455 §5.2 (the frames inside the dump)
 */
export function splitRows(text: string): Row[] | null {
  const rows: Row[] = [];
  let lineStart = 0;
  let afterBreak = true;
  let source: string | null = null;
  for (const raw of text.split('\n')) {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    const start = lineStart;
    lineStart += raw.length + 1;
    if (line.trim() === '') {
      afterBreak = true;
      source = null;
      continue;
    }
    if (HEADER.test(line)) {
      afterBreak = true;
      source = line.slice(0, line.lastIndexOf('(')).trim();
      continue;
    }
    if (STAR.test(line)) {
      rows.push(makeRow('star', start, '', start));
      continue;
    }
    const end = END.exec(line);
    if (end) {
      rows.push(makeRow('end', start, end[2] as string, start + (end[1] as string).length));
      continue;
    }
    const m = ROW.exec(line);
    if (!m) return null;
    const [, indent, offsetText, colon, space] = m as unknown as [string, string, string, string, string];
    const row = makeRow('row', start, offsetText, start + indent.length);
    row.colon = colon === ':';
    row.tokens = tokenize(line, indent.length + offsetText.length + colon.length + space.length, start);
    row.newBlock = afterBreak && rows.length > 0 && parseInt(offsetText, 16) === 0;
    row.source = source;
    row.weak = !colon && offsetText.length < 6 && space.length < 2;
    rows.push(row);
    afterBreak = false;
  }
  return rows;
}

/**
 * Whether the rows look like a dump: a first offset of 0, an `xxd` colon, or rising offsets.
 *
 * @example isDump(splitRows('00000000: 8105  ..') ?? []) // → true
 * @see RFC 6455 §5.2
 */
export function isDump(rows: Row[]): boolean {
  const data = rows.filter((r) => r.kind === 'row');
  const first = data[0];
  if (!first) return false;
  if (data.some((r) => r.weak)) return data.length >= 2 && parseInt(first.offsetText, 16) === 0;
  if (first.colon || parseInt(first.offsetText, 16) === 0) return true;
  return data.length >= 2 && parseInt((data[1] as Row).offsetText, 16) > parseInt(first.offsetText, 16);
}
