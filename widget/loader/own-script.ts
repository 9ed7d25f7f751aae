// Finds the snippet's own <script> tag: the site key, the server origin and the embedding options
// all come from it.

export interface OwnScript {
  siteKey: string;
  /** Absolute URL of this loader; sibling bundles resolve against it. */
  src: string;
  /** Where the API and the socket live: the loader is served by the Sixty server itself. */
  origin: string;
  /** Copied to what we inject, so pages with a nonce-based CSP keep working. */
  nonce: string;
  /** `data-lang`, else the page's `<html lang>`, else English (BCP 47, as written). */
  lang: string;
  /** `data-z-index`: the page owner knows their stacking, so it wins over the site's setting. */
  zIndex?: number;
}

export function readOwnScript(): OwnScript | null {
  const current = document.currentScript;
  // currentScript is null when the loader runs from a bundle or is re-executed by a tag manager.
  const script =
    current instanceof HTMLScriptElement && current.src && current.dataset.site ? current : document.querySelector<HTMLScriptElement>('script[data-site][src]');
  const data = script && script.dataset;
  if (!script || !data || !data.site) return null;
  const z = parseInt(data.zIndex || '', 10);
  return {
    siteKey: data.site,
    src: script.src,
    origin: new URL(script.src).origin,
    // Browsers hide a nonce attribute from the DOM once applied; the property keeps it.
    nonce: script.nonce || data.nonce || '',
    lang: data.lang || document.documentElement.lang || 'en',
    zIndex: isNaN(z) ? undefined : z,
  };
}
