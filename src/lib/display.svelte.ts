/**
 * How the page is shown, shared by every view (the Learn view reads `display.present` too):
 *
 * - **Presentation mode** for a projector: `?present` in the page's query string, before the `#/view` hash, so it
 *   survives every move between views (they change only the hash) and a teacher can bookmark it.
 * - **Theme**: follows the system unless the user picks light or dark; the pick is remembered (localStorage).
 *
 * Both are written to `<html>` as `data-present` and `data-theme`; `app.css` does the rest.
 */
export type Theme = 'system' | 'light' | 'dark';

export const THEME_KEY = 'framescope.theme';
const THEMES: readonly Theme[] = ['system', 'light', 'dark'];

/** True when a query string (`location.search`) asks for presentation mode: `?present`, `?present=1`. */
export function presentFromSearch(search: string): boolean {
  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- a temporary, only read
  const value = new URLSearchParams(search).get('present');
  return value !== null && value !== '0' && value !== 'false';
}

/** The query string with `present` set or removed, other parameters kept. */
export function searchWithPresent(search: string, on: boolean): string {
  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- a temporary, only serialised
  const params = new URLSearchParams(search);
  params.delete('present');
  const rest = params.toString();
  if (!on) return rest ? `?${rest}` : '';
  return `?present${rest ? `&${rest}` : ''}`;
}

export function readTheme(stored: string | null): Theme {
  return THEMES.find((t) => t === stored) ?? 'system';
}

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    // A browser with storage switched off throws on access: the theme is then not remembered.
    return null;
  }
}

class Display {
  present = $state(typeof location === 'undefined' ? false : presentFromSearch(location.search));
  theme = $state<Theme>(readTheme(storage()?.getItem(THEME_KEY) ?? null));

  constructor() {
    if (typeof window === 'undefined') return;
    this.apply();
    window.addEventListener('popstate', () => {
      this.present = presentFromSearch(location.search);
      this.apply();
    });
  }

  setPresent(on: boolean): void {
    this.present = on;
    const url = `${location.pathname}${searchWithPresent(location.search, on)}${location.hash}`;
    history.replaceState(history.state, '', url);
    this.apply();
  }

  setTheme(theme: Theme): void {
    this.theme = theme;
    const store = storage();
    if (theme === 'system') store?.removeItem(THEME_KEY);
    else store?.setItem(THEME_KEY, theme);
    this.apply();
  }

  private apply(): void {
    const root = document.documentElement;
    root.toggleAttribute('data-present', this.present);
    if (this.theme === 'system') delete root.dataset.theme;
    else root.dataset.theme = this.theme;
  }
}

export const display = new Display();
