// Injects a sibling bundle (`sixty-panel.js`, `sixty-live.js`) once, next to the loader's own URL,
// and resolves with what it registered on the global. A failed load can be retried.
import type { BundleName, Bundles, SixtyGlobal } from '../contract';

export type LoadBundle = <K extends BundleName>(name: K) => Promise<Bundles[K]>;

export function createBundleLoader(loaderSrc: string, nonce: string, sixty: SixtyGlobal): LoadBundle {
  const pending: { [K in BundleName]?: Promise<Bundles[K]> } = {};

  return function load<K extends BundleName>(name: K): Promise<Bundles[K]> {
    const registered = () => sixty[`_${name}`] as Bundles[K] | undefined;
    const already = registered();
    if (already) return Promise.resolve(already);
    const inFlight = pending[name] as Promise<Bundles[K]> | undefined;
    if (inFlight) return inFlight;

    const promise = new Promise<Bundles[K]>((resolve, reject) => {
      const script = document.createElement('script');
      script.src = new URL(`sixty-${name}.js`, loaderSrc).href;
      script.async = true;
      if (nonce) script.nonce = nonce;
      script.onload = () => {
        const bundle = registered();
        if (bundle) resolve(bundle);
        else fail();
      };
      script.onerror = fail;
      function fail() {
        delete pending[name];
        script.remove();
        reject(new Error(`sixty: could not load ${script.src}`));
      }
      document.head.appendChild(script);
    });
    (pending as Record<BundleName, Promise<unknown>>)[name] = promise;
    return promise;
  };
}
