// Finds the snippet's own <script> tag: the site key, the server origin and the embedding options
// all come from it.

export interface OwnScript {
  siteKey: string;
  /** Absolute URL of the generic loader, `/sixty.js` (where it would be, for the per-site loader); sibling bundles resolve against it. */
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

/** The generic loader's tag, `<script src=".../sixty.js" data-site="KEY">`. */
export function readOwnScript(): OwnScript | null {
  const script = findScript('script[data-site][src]');
  const site = script && script.dataset.site;
  return site ? describe(script, site, script.src) : null;
}

/** The script being run if it matches `selector` (our tag), else the first in the page that does. */
export function findScript(selector: string): HTMLScriptElement | null {
  const current = document.currentScript;
  // currentScript is null when the loader runs from a bundle or is re-executed by a tag manager.
  return current instanceof HTMLScriptElement && current.matches(selector) ? current : document.querySelector<HTMLScriptElement>(selector);
}

/** `src`: where `/sixty.js` is (the bundles are beside it). */
export function describe(script: HTMLScriptElement, siteKey: string, src: string): OwnScript {
  const data = script.dataset;
  const z = parseInt(data.zIndex || '', 10);
  return {
    siteKey,
    src,
    origin: new URL(script.src).origin,
    // Browsers hide a nonce attribute from the DOM once applied; the property keeps it.
    nonce: script.nonce || data.nonce || '',
    lang: data.lang || document.documentElement.lang || 'en',
    zIndex: isNaN(z) ? undefined : z,
  };
}
