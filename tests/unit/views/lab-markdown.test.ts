import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LAB_CASES } from '../../../src/content/lab/cases';
import {
  labMarkdownTable,
  replaceLabTable,
  TABLE_END,
  TABLE_START,
} from '../../../src/views/Lab/lab-markdown';
import type { LabFile } from '../../../src/views/Lab/lab-results';

const root = new URL('../../../', import.meta.url);
const readme = readFileSync(new URL('README.md', root), 'utf8');
const newest = readdirSync(new URL('src/content/lab/', root))
  .filter((f) => /^chromium-\d+\.json$/.test(f))
  .sort((a, b) => Number(/\d+/.exec(a)![0]) - Number(/\d+/.exec(b)![0]))
  .at(-1)!;
const committed = JSON.parse(readFileSync(new URL(`src/content/lab/${newest}`, root), 'utf8')) as LabFile;

describe('the README Lab table (npm run lab:table)', () => {
  it('equals what the script writes from the committed Chromium run (run `npm run lab:table` after re-recording)', () => {
    const table = labMarkdownTable(LAB_CASES, committed);
    expect(replaceLabTable(readme, table)).toBe(readme);
  });

  it('has one row per case and marks the recorded UTF-8 difference (Chromium answers 1002, RFC 6455 §8.1 asks 1007)', () => {
    const rows = labMarkdownTable(LAB_CASES, committed).split('\n');
    expect(rows).toHaveLength(LAB_CASES.length + 2);
    const utf8 = rows.find((r) => r.startsWith('| Invalid UTF-8 in a text frame '))!;
    expect(utf8).toMatch(/close 1007 \(RFC 6455 §8\.1\)/);
    expect(utf8).toMatch(/\*\*differs\*\*/);
  });

  it('a changed recording changes the table, and a README without markers is an error', () => {
    const changed: LabFile = {
      ...committed,
      results: committed.results.map((r) =>
        r.id === 'rsv2-set' && r.wire ? { ...r, wire: { ...r.wire, close: { code: 1007, reason: '' } } } : r,
      ),
    };
    const table = labMarkdownTable(LAB_CASES, changed);
    expect(replaceLabTable(readme, table)).not.toBe(readme);
    expect(table).toMatch(
      /\| RSV2 set +\| close 1002 \(RFC 6455 §5\.2\) +\| close 1007 +\|.*\*\*differs\*\*/,
    );
    expect(replaceLabTable('# no table here', table)).toEqual({
      error: expect.stringContaining(TABLE_START),
    });
    expect(readme).toContain(TABLE_END);
  });
});
