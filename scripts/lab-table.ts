/**
 * Writes README.md's Lab table from the committed Chromium run (`src/content/lab/chromium-*.json`, the newest
 * version if there are several). Run after re-recording: `UPDATE_LAB=1 npx playwright test tests/e2e/lab.spec.ts`,
 * then `npm run lab:table`. `tests/unit/views/lab-markdown.test.ts` fails while README and the file disagree.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { LAB_CASES } from '../src/content/lab/cases';
import { labMarkdownTable, replaceLabTable } from '../src/views/Lab/lab-markdown';
import type { LabFile } from '../src/views/Lab/lab-results';

const dir = new URL('../src/content/lab/', import.meta.url);
const runs = readdirSync(dir)
  .filter((f) => /^chromium-\d+\.json$/.test(f))
  .sort((a, b) => Number(/\d+/.exec(a)![0]) - Number(/\d+/.exec(b)![0]));
const newest = runs.at(-1);
if (!newest) throw new Error('no src/content/lab/chromium-*.json to write the table from');
const file = JSON.parse(readFileSync(new URL(newest, dir), 'utf8')) as LabFile;
const readmeUrl = new URL('../README.md', import.meta.url);
const next = replaceLabTable(readFileSync(readmeUrl, 'utf8'), labMarkdownTable(LAB_CASES, file));
if (typeof next !== 'string') throw new Error(next.error);
writeFileSync(readmeUrl, next);
console.log(`README.md: Lab table written from ${newest} (${file.browser}, ${file.results.length} cases)`);
