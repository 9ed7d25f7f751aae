// `npm run demo:credentials`: prints again what `npm start` printed once it was up (where to go,
// the demo sign-in, the snippet, or the first-run setup token), for a terminal that scrolled it
// away. Reads the same environment as `npm start` (PORT, SIXTY_DB, SIXTY_DATABASE_URL, …).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { configFromEnv } from '../server/config';
import { openBackend } from '../server/db/backend';
import { banner } from '../server/demo/banner';
import { knownDemoPassword } from '../server/demo/demo-credentials';
import { DEMO_USERS } from '../server/demo/seed';
import { SETUP_TOKEN } from '../server/console/setup-token';
import { storeRules } from '../server/routing/store-rules';

const config = configFromEnv(process.env, { distDir: fileURLToPath(new URL('../dist', import.meta.url)) });
if (!config.databaseUrl && !existsSync(config.dbPath)) {
  process.stderr.write(`No database at ${config.dbPath} yet: start Sixty first (npm start), or set SIXTY_DB.\n`);
  process.exit(1);
}
const backend = await openBackend(config, storeRules);
try {
  const empty = await backend.store.isEmpty();
  const admin = await backend.store.userByEmail(DEMO_USERS[0]!.email);
  const demoSiteKey = admin ? ((await backend.store.sitesOfWorkspace(admin.workspaceId))[0]?.siteKey ?? null) : null;
  process.stdout.write(
    banner({
      base: config.publicUrl ?? `http://localhost:${config.port}`,
      config,
      demoSiteKey,
      demoPassword: knownDemoPassword(config),
      seeded: false,
      headline: `Sixty serves ${config.publicUrl ?? `http://localhost:${config.port}`} while npm start runs (PORT=${config.port})`,
      empty,
      setupToken: empty ? await backend.store.secret(SETUP_TOKEN) : null,
    }),
  );
} finally {
  await backend.close();
}
