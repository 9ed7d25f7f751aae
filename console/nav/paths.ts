// Console paths under /console/ (vite.config.ts `base`): the router (preact-iso) sees whole
// URLs, the pages speak of `/users`, `/sites/abc/rules`.
import { useLocation } from 'preact-iso/router';

/** Where the server serves the console. */
export const CONSOLE_BASE = '/console';

/** The URL of a console path, for `href`s and the router's patterns. */
export function hrefOf(path: string): string {
  return `${CONSOLE_BASE}${path === '/' ? '/' : path}`;
}

/** The current console path, e.g. `/`, `/users` (no trailing slash). */
export function useConsolePath(): string {
  const { path } = useLocation();
  return path.startsWith(CONSOLE_BASE) ? path.slice(CONSOLE_BASE.length) || '/' : path;
}

/** Goes to a console path; `replace` rewrites the current history entry (redirects). */
export function useNavigate(): (path: string, replace?: boolean) => void {
  const { route } = useLocation();
  return (path, replace = false) => route(hrefOf(path), replace);
}

/** The lead a push notification's link names (`/console/#/leads/<id>`, issue 22), or null. */
export function leadOfHash(hash: string): string | null {
  const prefix = '#/leads/';
  if (!hash.startsWith(prefix)) return null;
  try {
    const id = decodeURIComponent(hash.slice(prefix.length));
    return id && !id.includes('/') ? id : null;
  } catch {
    return null;
  }
}
