// What `npm start` prints once it listens, and `npm run demo:credentials` prints again: where to
// go, and how to sign in to the demo workspace.
import type { Config } from '../config';
import { redactedUrl } from '../cluster/redis';
import { DEMO_USERS } from './seed';
import { snippet } from './demo-page';

export interface BannerFacts {
  base: string;
  config: Config;
  /** The demo site's key, when demo mode has a workspace. */
  demoSiteKey: string | null;
  /** The demo password, when this process knows it (environment or the file beside the database). */
  demoPassword: string | null;
  /** The demo workspace was created by this start. */
  seeded: boolean;
  /** No users at all: the first visit to the console sets up the first admin. */
  empty: boolean;
  /** First-run setup token (demo mode off, empty database). */
  setupToken: string | null;
  /** The first line; `npm start` says it is running, a reprint only where it serves. */
  headline?: string;
}

export function banner(f: BannerFacts): string {
  const { base, config } = f;
  const lines = [
    f.headline ?? `Sixty is running on ${base}`,
    `  Rep console:  ${base}/console/`,
    `  Demo page:    ${base}/demo`,
    `  Embed script: ${base}/s/SITE_KEY.js (or ${base}/sixty.js with data-site)`,
    `  Health:       ${base}/healthz`,
    `  Database:     ${config.databaseUrl ? `PostgreSQL ${redactedUrl(config.databaseUrl)}` : config.dbPath}`,
  ];
  if (config.redisUrl) lines.push(`  Cluster:      Redis ${redactedUrl(config.redisUrl)} (prefix ${config.redisPrefix}, node ${config.nodeId})`);
  if (f.demoSiteKey) {
    const password = f.demoPassword ?? '(set by the process that created the demo; SIXTY_DEMO_PASSWORD sets one)';
    lines.push(
      '',
      `Demo workspace ${f.seeded ? 'created' : 'ready'}. Sign in to the console with:`,
      ...DEMO_USERS.map((u) => `  ${u.role.padEnd(6)} ${u.email}  password: ${password}`),
      '',
      'Embed snippet for the demo site:',
      `  ${snippet(base, f.demoSiteKey)}`,
      '',
      'Print this sign-in again with: npm run demo:credentials',
    );
  } else if (f.empty) {
    lines.push('', `No users yet: open ${base}/console/ to create the first admin.`);
    if (f.setupToken) lines.push(`  Setup token (that page asks for it): ${f.setupToken}`, `  Or open:  ${base}/console/#setup-token=${f.setupToken}`);
  }
  return lines.join('\n') + '\n';
}
