// Injects a sibling bundle (`sixty-panel.js`, `sixty-live.js`...) once, next to the loader's own
// URL, and resolves with what it registered on the global. A failed load can be retried.
import type { BundleName, Bundles, SixtyGlobal } from '../contract';

export type LoadBundle = <K extends BundleName>(name: K) => Promise<Bundles[K]>;

type TrustedTypes = { createPolicy(name: string, rules: { createScriptURL(url: string): string }): { createScriptURL(url: string): string } };

export function createBundleLoader(loaderSrc: string, nonce: string, sixty: SixtyGlobal): LoadBundle {
  const pending: { [K in BundleName]?: Promise<Bundles[K]> } = {};
  const base = new URL('.', loaderSrc).href;
  // Pages enforcing Trusted Types (`require-trusted-types-for 'script'`) allow our script URLs
  // through a policy named `sixty` (`trusted-types sixty`), which passes only files beside the loader.
  let policy: { createScriptURL(url: string): string } | undefined;
  try {
    const tt = (window as Window & { trustedTypes?: TrustedTypes }).trustedTypes;
    policy = tt && tt.createPolicy('sixty', { createScriptURL: (url) => (url.indexOf(base) === 0 ? url : '') });
  } catch {
    // The page's CSP does not allow the policy: plain URLs, which such a page then refuses.
  }

  return function load<K extends BundleName>(name: K): Promise<Bundles[K]> {
    const registered = () => sixty[`_${name}`] as Bundles[K] | undefined;
    const already = registered();
    if (already) return Promise.resolve(already);
    const inFlight = pending[name] as Promise<Bundles[K]> | undefined;
    if (inFlight) return inFlight;

    const promise = new Promise<Bundles[K]>((resolve, reject) => {
      const script = document.createElement('script');
      const src = `${base}sixty-${name}.js`;
      script.src = policy ? policy.createScriptURL(src) : src;
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
        reject(new Error(`sixty: could not load ${src}`));
      }
      document.head.append(script);
    });
    (pending as Record<BundleName, Promise<unknown>>)[name] = promise;
    return promise;
  };
}
