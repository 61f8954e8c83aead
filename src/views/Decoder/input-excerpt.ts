/**
 * The piece of a pasted text around a parse error, split so a view can mark the offending characters: at most
 * `radius` characters either side, never past the line's ends, with "…" where the line goes on.
 */
export interface Excerpt {
  before: string;
  bad: string;
  after: string;
}

export function excerptAround(text: string, index: number, length: number, radius = 24): Excerpt {
  const at = Math.max(0, Math.min(index, text.length));
  const end = Math.min(text.length, at + Math.max(0, length));
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  const nl = text.indexOf('\n', end);
  const lineEnd = nl < 0 ? text.length : nl;
  const from = Math.max(lineStart, at - radius);
  const to = Math.min(lineEnd, end + radius);
  return {
    before: (from > lineStart ? '…' : '') + text.slice(from, at),
    bad: text.slice(at, end).replace(/\r$/, ''),
    after: text.slice(end, to).replace(/\r$/, '') + (to < lineEnd ? '…' : ''),
  };
}
