// Wiring only: environment -> config, start the server, print where to go, stop on SIGTERM.
import { fileURLToPath } from 'node:url';
import { configFromEnv } from './config';
import { startServer } from './server';
import { StartupError } from './db/sqlite/open';
import { redactedUrl } from './cluster/redis';
import { DEMO_PASSWORD, DEMO_USERS } from './demo/seed';
import { snippet } from './demo/demo-page';

const distDir = fileURLToPath(new URL('../dist', import.meta.url));

async function main() {
  const config = configFromEnv(process.env, { distDir });
  const server = await startServer(config);
  const base = `http://localhost:${server.port}`;
  const lines = [
    `Sixty is running on ${base}`,
    `  Rep console:  ${base}/console/`,
    `  Demo page:    ${base}/demo`,
    `  Embed script: ${base}/sixty.js`,
    `  Health:       ${base}/healthz`,
    `  Database:     ${config.databaseUrl ? `PostgreSQL ${redactedUrl(config.databaseUrl)}` : config.dbPath}`,
  ];
  if (config.redisUrl) lines.push(`  Cluster:      Redis ${redactedUrl(config.redisUrl)} (prefix ${config.redisPrefix}, node ${config.nodeId})`);
  const demoSiteKey = server.deps.demoSiteKey();
  if (demoSiteKey) {
    lines.push(
      '',
      `Demo workspace ${server.seededDemo ? 'created' : 'ready'}. Sign in to the console with:`,
      ...DEMO_USERS.map((u) => `  ${u.role.padEnd(6)} ${u.email}  password: ${DEMO_PASSWORD}`),
      '',
      'Embed snippet for the demo site:',
      `  ${snippet(base, demoSiteKey)}`,
    );
  } else if (await server.deps.store.isEmpty()) {
    lines.push('', `No users yet: open ${base}/console/ to create the first admin.`);
  }
  process.stdout.write(lines.join('\n') + '\n');

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    server.deps.log.info({ signal }, 'stopping: finishing in-flight requests');
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((err) => {
  if (err instanceof StartupError) {
    process.stderr.write(`Sixty cannot start: ${err.message}\n`);
  } else {
    process.stderr.write(`Sixty failed to start: ${err instanceof Error ? err.stack : String(err)}\n`);
  }
  process.exit(1);
});
