// The URL we report for a page or a link: never its query string, which can carry e-mail
// addresses, tokens or order numbers. A hash is kept only when it is a client-side route.

export type UrlParts = Pick<URL, 'origin' | 'pathname' | 'hash'>;

/** `origin + pathname`, plus `#/route` (or `#!/route`) without any query inside the hash. */
export function cleanUrl(url: UrlParts): string {
  const hash = url.hash.split('?')[0];
  // The schema caps URLs at 2000 characters.
  return (url.origin + url.pathname + (/^#!?\//.test(hash) ? hash : '')).slice(0, 2000);
}
