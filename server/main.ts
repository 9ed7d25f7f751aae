// Wiring only: environment -> config, start the server, print where to go, stop on SIGTERM.
import { fileURLToPath } from 'node:url';
import { configFromEnv } from './config';
import { startServer } from './server';
import { StartupError } from './db/startup-error';
import { banner } from './demo/banner';
import { knownDemoPassword } from './demo/demo-credentials';
import { SETUP_TOKEN } from './console/setup-token';
import { logOutput } from './log/log-output';
import { createLogger } from './log/logger';

const distDir = fileURLToPath(new URL('../dist', import.meta.url));

async function main() {
  const config = configFromEnv(process.env, { distDir });
  // A person at a terminal reads the banner and readable lines; a pipe or file gets JSON.
  const output = logOutput(process.stdout.isTTY === true, config.logFormat);
  const server = await startServer(config, { log: createLogger(config.logLevel, output.pretty), requestLogLevel: output.requestLevel });
  // Behind a proxy the public URL is where pages load the widget from: the printed snippet and
  // links use it, as `npm run demo:credentials` and the console's snippets do.
  const base = config.publicUrl ?? `http://localhost:${server.port}`;
  const empty = await server.deps.store.isEmpty();
  process.stdout.write(
    banner({
      base,
      config,
      demoSiteKey: server.deps.demoSiteKey(),
      demoPassword: knownDemoPassword(config),
      seeded: server.seededDemo !== null,
      empty,
      setupToken: empty ? await server.deps.store.secret(SETUP_TOKEN) : null,
    }),
  );

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
