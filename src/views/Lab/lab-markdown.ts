/**
 * The README's Lab table, written from a recorded results file (`npm run lab:table`), so re-recording the
 * committed Chromium run never means editing README by hand. Columns: the case, what the RFC asks on the wire,
 * what the browser sent, what its page saw, and the verdict the Lab page shows.
 */
import type { LabCase } from '../../content/lab/types';
import {
  allowedAlternative,
  differencesFromRfc,
  messagesText,
  pageCloseText,
  wireCloseText,
  type LabFile,
} from './lab-results';

/** The markers around the generated table in README.md. */
export const TABLE_START = '<!-- lab-table:start (written by npm run lab:table) -->';
export const TABLE_END = '<!-- lab-table:end -->';

function asks(c: LabCase): string {
  const w = c.expect.wireClose;
  const close = w === 'none' ? 'no close frame' : w === 'any' ? 'a close frame' : `close ${w}`;
  return `${close}${c.expect.pongs.length ? ', pong' : ''} (${c.expect.section})`;
}

/** A Markdown table aligned the way Prettier aligns it, so `prettier --check` leaves it alone. */
function markdownTable(rows: readonly (readonly string[])[]): string {
  const widths = rows[0]!.map((_, i) => Math.max(3, ...rows.map((r) => r[i]!.length)));
  const line = (r: readonly string[]) => `| ${r.map((cell, i) => cell.padEnd(widths[i]!)).join(' | ')} |`;
  return [
    line(rows[0]!),
    `| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`,
    ...rows.slice(1).map(line),
  ].join('\n');
}

/** The table for one browser's run, one row per case in the Lab's order (cases the run lacks say so). */
export function labMarkdownTable(cases: readonly LabCase[], file: LabFile): string {
  const browser = file.browser.replace(/^(\S+) (\d+)\..*$/, '$1 $2');
  const rows = cases.map((c) => {
    const r = file.results.find((x) => x.id === c.id);
    if (!r) return [c.title, asks(c), 'not recorded', 'not recorded', ''];
    const pongs = r.wire?.pongs.length ? `, pong ${r.wire.pongs.map((p) => `“${p}”`).join(', ')}` : '';
    const verdict =
      differencesFromRfc(c, r, browser).length > 0
        ? '**differs**'
        : allowedAlternative(c, r)
          ? 'allowed'
          : 'as asked';
    return [
      c.title,
      asks(c),
      `${wireCloseText(r.wire)}${pongs}`,
      `${messagesText(r.page.messages)}; ${pageCloseText(r.page)}`,
      verdict,
    ];
  });
  return markdownTable([['case', 'RFC asks (wire)', `${browser} on the wire`, 'page sees', ''], ...rows]);
}

/** README with the text between the markers replaced by `table`; an error when the markers are missing. */
export function replaceLabTable(readme: string, table: string): string | { error: string } {
  const start = readme.indexOf(TABLE_START);
  const end = readme.indexOf(TABLE_END);
  if (start < 0 || end < start) return { error: `README.md lacks the markers ${TABLE_START} … ${TABLE_END}` };
  return `${readme.slice(0, start + TABLE_START.length)}\n\n${table}\n\n${readme.slice(end)}`;
}
