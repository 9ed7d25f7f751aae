// `npm test`'s first step (the `pretest` script): the Debian packages the suite needs, installed
// when missing (as root on Debian, saying what it runs), so the README's second command works
// on a fresh machine. Where it cannot install, it stops with the exact command to run.
// (coturn's package also enables a systemd service; in a container it is not started, and the
// tests run their own turnserver on free ports.) The servers suite installs its heavier packages itself (test/servers, same helper).
import { ensureDebianPackages } from '../test/helpers/debian-packages';
// The browser-call tests relay through a real TURN server (test/helpers/coturn.ts).
import { COTURN } from '../test/helpers/coturn';

/** The browser tests drive Debian's Chromium (test/helpers/browser.ts); Liberation gives its pages real fonts. */
const CHROMIUM = { packages: ['chromium', 'fonts-liberation'], binary: 'chromium' } as const;
/** The calendar tests run a real CalDAV server (test/helpers/radicale.ts). */
const RADICALE = { packages: ['radicale'], binary: 'radicale' } as const;

try {
  // A browser the tester pointed at (SIXTY_CHROMIUM) needs nothing installed.
  if (!process.env.SIXTY_CHROMIUM) {
    const path = ensureDebianPackages(CHROMIUM.packages, { binary: CHROMIUM.binary });
    console.info(`[test-packages] chromium: ${path}`);
  }
  console.info(`[test-packages] radicale: ${ensureDebianPackages(RADICALE.packages, { binary: RADICALE.binary })}`);
  console.info(`[test-packages] coturn: ${ensureDebianPackages(COTURN.packages, { binary: COTURN.binary })}`);
} catch (err) {
  console.error(`[test-packages] ${(err as Error).message}`);
  process.exit(1);
}
