// The generic loader, `/sixty.js` with `data-site="KEY"`: the snippet existing installs carry. It
// fetches the site config, then runs the loader (./boot.ts). The console's snippet is the per-site
// loader (./site.ts), which the server serves with the config already in it: no config request.
import { boot } from './boot';
import { readOwnScript } from './own-script';
import { fetchSiteConfig } from './site-config';
import { warn } from './warn';

try {
  boot(readOwnScript(), (own) => fetchSiteConfig(own.origin, own.siteKey));
} catch (error) {
  warn('failed to start', error);
}
