import { defineConfig } from 'vitest/config';

// The suite that needs heavy installed servers (`npm run test:servers`): LibreOffice now, other
// Debian packages later (test/helpers/debian-packages.ts installs what is missing, as root on
// Debian, or fails saying what to install). Run by .ci/run after `npm test`; never in the quick path.
export default defineConfig({
  test: {
    include: ['test/servers/**/*.test.ts'],
    // A first install of a server package (apt-get) happens in a beforeAll.
    testTimeout: 120_000,
    hookTimeout: 20 * 60_000,
    // Not inherited from vitest.config.ts (each config stands alone): the same 5 s default for
    // expect.poll as `npm test`.
    expect: { poll: { timeout: 5000 } },
    pool: 'forks',
    // One at a time: two apt-get runs at once would wait on each other's lock.
    fileParallelism: false,
  },
});
