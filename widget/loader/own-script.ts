// Finds the snippet's own <script> tag: the site key, the server origin and the embedding options
// all come from it.

/** Above ordinary page layers (Bootstrap's modals sit at 1055, Material's dialogs at 1300) and
 * below the top of the range, which consent banners use and should keep: no z-index arms race. */
const DEFAULT_Z_INDEX = 10000;

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
  /** `data-z-index`, else the default. */
  zIndex: number;
}

export function readOwnScript(): OwnScript | null {
  const current = document.currentScript;
  // currentScript is null when the loader runs from a bundle or is re-executed by a tag manager.
  const script =
    current instanceof HTMLScriptElement && current.src && current.dataset.site
      ? current
      : document.querySelector<HTMLScriptElement>('script[data-site][src]');
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
    zIndex: isNaN(z) ? DEFAULT_Z_INDEX : z,
  };
}
