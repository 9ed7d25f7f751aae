// Single-page-app navigation: the history API does not announce pushState or replaceState, so
// they are wrapped (calling through first, so the page's own behaviour is untouched).

/**
 * Where the page went and when, and how far down the page left was scrolled: taken at the history
 * change itself, not when it is reported.
 */
export type Navigation = { url: string; at: number; leftDepth: number };

export function onNavigation(read: () => Omit<Navigation, 'at'>, callback: (navigation: Navigation) => void): void {
  // The router usually sets the new title right after pushState, so the view is reported one task
  // later. The rest is taken now: by then the visitor may already have moved on (a push followed
  // at once by a back), and reading `location` late would lose both views.
  const later = () => {
    let navigation: Navigation;
    try {
      navigation = { ...read(), at: Date.now() };
    } catch {
      // This runs inside the host page's own pushState: nothing of ours may throw there.
      return;
    }
    setTimeout(() => callback(navigation));
  };
  for (const method of ['pushState', 'replaceState'] as const) {
    const original = history[method];
    history[method] = function (this: History, ...args: Parameters<History['pushState']>) {
      const result = original.apply(this, args);
      later();
      return result;
    };
  }
  addEventListener('popstate', later);
}
