// The per-site loader, `/s/KEY.js`: the snippet the console shows. The server serves this file
// with the site's key and config (appearance, texts, consent mode, questions: what
// `GET /v1/sites/KEY/config` answers) written in place of `SIXTY_SITE` (server/sites/site-loader.ts),
// so the launcher is drawn in the site's look as soon as the file has run: no config request,
// no round trip before it, no config-fetching code on the page.
import type { LoaderConfig } from '../contract';
import { boot } from './boot';
import { describe, findScript } from './own-script';
import { warn } from './warn';

/** Written by the server; the name must stay as it is (the build keeps global names). */
declare const SIXTY_SITE: { key: string; config: LoaderConfig };

try {
  const { key, config } = SIXTY_SITE;
  // Keys are letters, digits, `_` and `-` (server/sites/site-loader.ts serves no other).
  const script = findScript(`script[src*="/s/${key}.js"]`);
  // `/s/KEY.js` -> `/sixty.js`, beside which the bundles are.
  // The launcher's stylesheet and its attaching in a task after this one, not in the task that
  // evaluated the file: two short tasks on a slow phone rather than one long one (host-page trace).
  boot(script && describe(script, key, new URL('../sixty.js', script.src).href), () => new Promise((resolve) => setTimeout(resolve, 0, config)));
} catch (error) {
  warn('failed to start', error);
}
