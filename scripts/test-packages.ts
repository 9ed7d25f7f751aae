// `npm test`'s first step (the `pretest` script): the Debian packages the suite needs, installed
// when missing (as root on Debian, saying what it runs), so the README's second command works
// on a fresh machine. Where it cannot install, it stops with the exact command to run.
// The servers suite installs its heavier packages itself (test/servers, same helper).
import { ensureDebianPackages } from '../test/helpers/debian-packages';

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
} catch (err) {
  console.error(`[test-packages] ${(err as Error).message}`);
  process.exit(1);
}
