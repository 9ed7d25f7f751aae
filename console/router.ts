// Client-side routes under /console/: the path without that prefix, pushState navigation and
// links that stay in the app.
import { useEffect, useState } from 'preact/hooks';

/** Where the server serves the console (vite.config.ts `base`). */
export const CONSOLE_BASE = '/console';

/** Fired on the window after an in-app navigation (pushState fires no event of its own). */
const NAVIGATED = 'sixty:navigated';

/** The current route, e.g. `/`, `/users`, `/sites/abc/rules`. */
export function currentPath(): string {
  const path = location.pathname.startsWith(CONSOLE_BASE) ? location.pathname.slice(CONSOLE_BASE.length) : location.pathname;
  return path.replace(/\/+$/, '') || '/';
}

/** The URL of a route, for `href`s. */
export function hrefOf(path: string): string {
  return `${CONSOLE_BASE}${path === '/' ? '/' : path}`;
}

export function navigate(path: string, replace = false): void {
  const url = hrefOf(path);
  if (replace) history.replaceState(null, '', url);
  else history.pushState(null, '', url);
  window.dispatchEvent(new Event(NAVIGATED));
}

/** Re-renders on back/forward and on in-app navigation. */
export function usePath(): string {
  const [path, setPath] = useState(currentPath);
  useEffect(() => {
    const update = () => setPath(currentPath());
    window.addEventListener('popstate', update);
    window.addEventListener(NAVIGATED, update);
    return () => {
      window.removeEventListener('popstate', update);
      window.removeEventListener(NAVIGATED, update);
    };
  }, []);
  return path;
}

/** Plain left clicks navigate in the app; modified clicks (new tab, download) stay with the browser. */
export function onLinkClick(path: string) {
  return (e: MouseEvent) => {
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    navigate(path);
  };
}
