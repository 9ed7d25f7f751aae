// Single-page-app navigation: the history API does not announce pushState or replaceState, so
// they are wrapped (calling through first, so the page's own behaviour is untouched).

export function onNavigation(callback: () => void): void {
  // The router usually sets the new title right after pushState; report once it has.
  const later = () => void setTimeout(callback);
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
