// Single-page-app navigation: the history API does not announce pushState or replaceState, so
// they are wrapped (calling through first, so the page's own behaviour is untouched).

/** Where the page went and when: taken at the history change itself, not when it is reported. */
export type Navigation = { url: string; at: number };

export function onNavigation(read: () => string, callback: (navigation: Navigation) => void): void {
  // The router usually sets the new title right after pushState, so the view is reported one task
  // later. The URL and time are taken now: by then the visitor may already have moved on (a push
  // followed at once by a back), and reading `location` late would lose both views.
  const later = () => {
    const navigation = { url: read(), at: Date.now() };
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
