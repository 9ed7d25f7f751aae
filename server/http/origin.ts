// Allowed-origin patterns per site: exact origins, or `scheme://host:*` for any port
// (the demo allows `http://localhost:*`). Anything else is refused.

export function originAllowed(origin: string | undefined | null, patterns: readonly string[]): boolean {
  if (!origin) return false;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  // Browsers send a bare origin; anything with a path is not one.
  if (url.origin !== origin) return false;
  return patterns.some((p) => matches(url, p));
}

function matches(url: URL, pattern: string): boolean {
  if (pattern.endsWith(':*')) {
    const base = pattern.slice(0, -2);
    try {
      const p = new URL(base);
      return p.protocol === url.protocol && p.hostname === url.hostname;
    } catch {
      return false;
    }
  }
  return pattern === url.origin;
}
