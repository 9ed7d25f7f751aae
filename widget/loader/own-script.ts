// Finds the snippet's own <script> tag: the site key and the server origin both come from it.

export interface OwnScript {
  siteKey: string;
  /** Absolute URL of this loader; sibling bundles resolve against it. */
  src: string;
  /** Where the API and the socket live: the loader is served by the Sixty server itself. */
  origin: string;
  /** Copied to what we inject, so pages with a nonce-based CSP keep working. */
  nonce: string;
}

export function readOwnScript(): OwnScript | null {
  const current = document.currentScript;
  // currentScript is null when the loader runs from a bundle or is re-executed by a tag manager.
  const script =
    current instanceof HTMLScriptElement && current.src && current.dataset.site
      ? current
      : document.querySelector<HTMLScriptElement>('script[data-site][src]');
  const siteKey = script && script.dataset.site;
  if (!script || !siteKey) return null;
  return { siteKey, src: script.src, origin: new URL(script.src).origin, nonce: script.nonce || '' };
}
