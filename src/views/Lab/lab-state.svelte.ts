/** The Lab's state: the server it talks to, the run in progress, this browser's results and an imported file. */
import committedJson from '../../content/lab/chromium-156.json';
import { LAB_CASES } from '../../content/lab/cases';
import type { LabCase } from '../../content/lab/types';
import { browserName, labFile, parseLabFile, type LabFile, type LabResult } from './lab-results';
import { defaultServer, fullChromiumName, probeServer, runCase } from './lab-run';

/** The table recorded in Debian's Chromium by the Playwright run (`tests/e2e/lab.spec.ts`). */
export const COMMITTED = committedJson as LabFile;

export type ServerState =
  { kind: 'unknown' } | { kind: 'probing' } | { kind: 'ready' } | { kind: 'absent'; reason: string };

export class LabState {
  server = $state(defaultServer());
  serverState = $state<ServerState>({ kind: 'unknown' });
  /** This browser's results, by case id. */
  results = $state<Record<string, LabResult>>({});
  /** A results file imported to compare with (replaces this browser's column). */
  imported = $state<LabFile | null>(null);
  running = $state<{ index: number; case: LabCase } | null>(null);
  status = $state('');
  private abort: AbortController | null = null;

  /** This browser's name and version, from its user agent, refined by its full version where it tells it. */
  browser = $state(browserName(typeof navigator === 'undefined' ? '' : navigator.userAgent));

  constructor() {
    void fullChromiumName().then((name) => {
      if (name) this.browser = name;
    });
  }

  /** The column beside the committed one: an imported file, or this browser's run. */
  get yours(): { browser: string; results: Record<string, LabResult> } {
    if (this.imported) {
      return {
        browser: `${this.imported.browser} (imported)`,
        results: Object.fromEntries(this.imported.results.map((r) => [r.id, r])),
      };
    }
    return { browser: `${this.browser} (this browser)`, results: this.results };
  }

  async probe(): Promise<boolean> {
    this.serverState = { kind: 'probing' };
    const reason = await probeServer(this.server);
    this.serverState = reason === null ? { kind: 'ready' } : { kind: 'absent', reason };
    return reason === null;
  }

  /** Run the given cases one at a time (all by default). */
  async run(cases: readonly LabCase[] = LAB_CASES): Promise<void> {
    if (this.running) return;
    this.imported = null;
    this.abort = new AbortController();
    const signal = this.abort.signal;
    this.status = '';
    try {
      if (!(await this.probe())) {
        this.status = 'Nothing was run: no Framescope server answered.';
        return;
      }
      for (const [index, c] of cases.entries()) {
        if (signal.aborted) break;
        this.running = { index, case: c };
        const result = await runCase(c, { server: this.server, signal });
        // A case cut short by Stop says nothing about the browser: keep no result for it.
        if (signal.aborted) break;
        if ('error' in result) {
          this.serverState = { kind: 'absent', reason: result.error };
          this.status = `Stopped at “${c.title}”: ${result.error}`;
          return;
        }
        this.results = { ...this.results, [c.id]: result };
      }
      const done = cases.filter((c) => this.results[c.id]).length;
      this.status = signal.aborted
        ? `Stopped after ${done} of ${cases.length} cases.`
        : `Ran ${cases.length === 1 ? `“${cases[0]!.title}”` : `all ${cases.length} cases`}.`;
    } finally {
      this.running = null;
      this.abort = null;
    }
  }

  stop(): void {
    this.abort?.abort();
  }

  /** This browser's results as a file. */
  exportFile(): LabFile {
    const results = LAB_CASES.flatMap((c) => (this.results[c.id] ? [this.results[c.id]!] : []));
    return labFile(this.browser, navigator.userAgent, results);
  }

  importText(text: string): void {
    const file = parseLabFile(text);
    if ('error' in file) {
      this.status = `Import failed. ${file.error}`;
      return;
    }
    this.imported = file;
    this.status = `Imported ${file.results.length} results from ${file.browser}.`;
  }

  clearImport(): void {
    this.imported = null;
    this.status = 'Showing this browser’s results again.';
  }
}
