/**
 * Hash routing: `#/decoder?hex=81056865…`. Every view and its state has a deep link that works on a
 * static host (no server rewrite rules), from any sub-path.
 */
export interface Route {
  /** The view id, e.g. `decoder`. Empty for the home page. */
  view: string;
  /** Query parameters after the view id. */
  params: URLSearchParams;
}

export function parseHash(hash: string): Route {
  const body = hash.replace(/^#\/?/, '');
  const q = body.indexOf('?');
  const view = (q === -1 ? body : body.slice(0, q)).replace(/\/+$/, '').toLowerCase();
  // Never mutated: a hash change replaces the whole route, which is what views react to.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  const params = new URLSearchParams(q === -1 ? '' : body.slice(q + 1));
  return { view, params };
}

export function routeHref(view: string, params?: Record<string, string> | URLSearchParams): string {
  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- a temporary, only serialised
  const query = params ? new URLSearchParams(params).toString() : '';
  return `#/${view}${query ? `?${query}` : ''}`;
}

class Router {
  current = $state<Route>(parseHash(typeof location === 'undefined' ? '' : location.hash));

  constructor() {
    if (typeof window !== 'undefined') {
      window.addEventListener('hashchange', () => {
        this.current = parseHash(location.hash);
      });
    }
  }

  /** Go to a view (adds a history entry). */
  go(view: string, params?: Record<string, string> | URLSearchParams): void {
    location.hash = routeHref(view, params);
  }

  /** Update the current view's parameters without adding a history entry (e.g. a share link). */
  replaceParams(params: Record<string, string> | URLSearchParams): void {
    const href = routeHref(this.current.view, params);
    history.replaceState(history.state, '', href);
    this.current = parseHash(href);
  }
}

export const router = new Router();
