/**
 * Keeps a view's state and its URL in step: the link a view was opened with is read once (and again when the
 * address bar gets another link for the same view), and every change of the state is written back, a moment
 * later, as a versioned compressed link (`share-link.ts`) with `history.replaceState`, so history is not flooded
 * and writing never re-reads (no loop). A refused link leaves the view's own state in place, says why, and stays
 * in the address bar until the person changes something. Create it during a component's initialisation.
 */
import { untrack } from 'svelte';
import type { Check } from './link-schema';
import { routeHref, router } from './router.svelte';
import { decodeLink, encodeLink, LINK_PARAM, MAX_LINK_CHARS } from './share-link';

export type Snapshot<W> = { state: W } | { tooLarge: string };

/** How a view's state travels: `T` as read (checked by `schema`), `W` as written (plain JSON, usually `T`). */
export interface LinkBinding<T, W = T> {
  /** What a link for this view may hold. */
  schema: Check<T>;
  /** The state to put in the link, or why it cannot travel in one. Read inside an effect: touch what matters. */
  snapshot(): Snapshot<W>;
  /** Restore a state read from a link. Nothing is written to the URL until a returned promise settles. */
  apply(value: T): void | Promise<void>;
  /**
   * Older links (`?hex=`, `?s=`, …): restore from them and return null, return a sentence when they are refused,
   * or undefined when the parameters hold none.
   */
  legacy?(params: URLSearchParams): string | null | undefined;
  /** What to say when the state makes a link longer than any link read back. */
  tooLong: string;
}

/** What a "Copy link" control needs of a view's link. */
export type LinkControl = Pick<ShareLink<unknown>, 'status' | 'copied' | 'unavailable' | 'ready' | 'copy'>;

/** How long the state must stay still before the URL is written. */
const WRITE_DELAY_MS = 250;
/** Links longer than this are long for a chat message (and for some older tools). */
export const CHAT_LINK_CHARS = 2000;

const n = (x: number) => x.toLocaleString('en');

export class ShareLink<T, W = T> {
  /** Why the link the view was opened with was refused (null when it was read or there was none). */
  error = $state<string | null>(null);
  /** Why the current state has no link (too large), or null. */
  unavailable = $state<string | null>(null);
  /** What the last "Copy link" did. */
  status = $state('');
  /** The link last copied (shown for reading and selecting). */
  copied = $state('');
  /** False while a link is being read; the URL is written only once it is true. */
  ready = $state(false);

  private readonly view = router.current.view;
  private written: string | null = null;
  private seen: string | null = null;
  /** The state as the view opened (or as a refused link left it): not written until it changes. */
  private untouched: string | null = null;
  private reads = 0;
  private writes = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly binding: LinkBinding<T, W>) {
    untrack(() => void this.read(router.current.params));
    $effect(() => {
      // A link pasted into the address bar while this view is open.
      const params = router.current.params;
      const key = params.toString();
      untrack(() => {
        if (router.current.view === this.view && key !== this.written && key !== this.seen)
          void this.read(params);
      });
    });
    $effect(() => {
      const snap = binding.snapshot();
      const json = JSON.stringify(snap);
      if (!this.ready) return;
      untrack(() => this.schedule(snap, json));
    });
    $effect(() => () => clearTimeout(this.timer));
  }

  private async read(params: URLSearchParams): Promise<void> {
    const id = ++this.reads;
    this.seen = params.toString();
    this.ready = false;
    clearTimeout(this.timer);
    const token = params.get(LINK_PARAM);
    let error: string | null | undefined;
    if (token !== null) {
      const read = await decodeLink(token, this.binding.schema);
      if (id !== this.reads) return;
      if (read.ok) {
        try {
          await this.binding.apply(read.value);
          error = null;
        } catch (err) {
          error = `The link could not be restored: ${err instanceof Error ? err.message : String(err)}.`;
        }
      } else error = read.error;
    } else error = this.binding.legacy?.(params);
    if (id !== this.reads) return;
    this.error = error ?? null;
    // A refused link stays in the address bar until the state changes, and a view opened without a link keeps its
    // plain URL until then; an older link is rewritten in the new form once ready.
    this.untouched = error !== null ? JSON.stringify(untrack(() => this.binding.snapshot())) : null;
    this.ready = true;
  }

  private schedule(snap: Snapshot<W>, json: string): void {
    clearTimeout(this.timer);
    const id = ++this.writes;
    if (json === this.untouched) return;
    this.untouched = null;
    if ('tooLarge' in snap) {
      this.unavailable = snap.tooLarge;
      this.write({});
      return;
    }
    this.timer = setTimeout(() => void this.encode(snap.state, id), WRITE_DELAY_MS);
  }

  /** Encode and write; false when the state is too large for a link. */
  private async encode(state: W, id: number): Promise<boolean> {
    const token = await encodeLink(state);
    if (id !== this.writes) return false;
    if (token.length > MAX_LINK_CHARS) {
      this.unavailable = this.binding.tooLong;
      this.write({});
      return false;
    }
    this.unavailable = null;
    this.write({ [LINK_PARAM]: token });
    return true;
  }

  /**
   * Replace the URL without touching the router's route: the view is already showing this state, and a new route
   * would make the App re-render what it mounted (and this class read its own link back).
   */
  private write(params: Record<string, string>): void {
    if (router.current.view !== this.view) return;
    const href = routeHref(this.view, params);
    if (location.hash === href) return;
    // eslint-disable-next-line svelte/prefer-svelte-reactivity -- a temporary, only serialised
    this.written = new URLSearchParams(params).toString();
    // The link the view was opened with may come back (pasted again): it is read again then.
    this.seen = null;
    history.replaceState(history.state, '', href);
  }

  /** Write the link now and copy it; `status` says what happened and how long the link is. */
  async copy(): Promise<void> {
    clearTimeout(this.timer);
    const snap = untrack(() => this.binding.snapshot());
    const id = ++this.writes;
    this.untouched = null;
    if ('tooLarge' in snap) {
      this.unavailable = snap.tooLarge;
      this.status = snap.tooLarge;
      this.copied = '';
      return;
    }
    if (!(await this.encode(snap.state, id))) {
      if (id === this.writes) {
        this.status = this.binding.tooLong;
        this.copied = '';
      }
      return;
    }
    const href = location.href;
    const size = `${n(href.length)} characters${href.length > CHAT_LINK_CHARS ? ', long for a chat message' : ''}`;
    this.copied = href;
    try {
      await navigator.clipboard.writeText(href);
      this.status = `Link copied (${size}).`;
    } catch {
      this.status = `The browser did not let the page copy: select the link below (${size}).`;
    }
  }
}
