// Environment -> configuration, with safe defaults. Everything a test needs to switch is here.

export interface Config {
  port: number;
  host: string;
  /** Path of the SQLite file (`SIXTY_DB`). */
  dbPath: string;
  /** Seed a demo workspace into an empty database (`SIXTY_DEMO`, on unless `0`). */
  demo: boolean;
  /** Accept timeout of a new site's offers (`SIXTY_OFFER_TIMEOUT_MS`, default 20 s). */
  offerTimeoutMs: number;
  /** Largest JSON body accepted on public endpoints, in bytes (`SIXTY_MAX_BODY`). */
  maxBodyBytes: number;
  /** Where built assets live (widget and console). */
  distDir: string;
  /** Console session lifetime. */
  sessionTtlMs: number;
  logLevel: string;
  /** Bench-only routes and the `/bench` socket namespace (`SIXTY_BENCH=1`); never in production. */
  bench: boolean;
  /** SMTP server for invite and reset mail (`SIXTY_SMTP_URL`, e.g. smtp://user:pass@host:587); off when unset. */
  smtpUrl: string | null;
  /** Sender of that mail (`SIXTY_MAIL_FROM`). */
  mailFrom: string;
  /** How often webhook deliveries are checked (`SIXTY_WEBHOOK_TICK_MS`). */
  webhookTickMs: number;
  /** First retry delay of a failed webhook delivery; doubles each attempt (`SIXTY_WEBHOOK_RETRY_MS`). */
  webhookRetryBaseMs: number;
  /** Public base URL for links in mail (`SIXTY_PUBLIC_URL`); defaults to the request's origin. */
  publicUrl: string | null;
}

export function configFromEnv(env: NodeJS.ProcessEnv, defaults: { distDir: string }): Config {
  return {
    port: intFrom(env.PORT, 3000, 'PORT'),
    host: env.HOST ?? '0.0.0.0',
    dbPath: env.SIXTY_DB ?? './data/sixty.db',
    demo: env.SIXTY_DEMO !== '0',
    offerTimeoutMs: intFrom(env.SIXTY_OFFER_TIMEOUT_MS, 20_000, 'SIXTY_OFFER_TIMEOUT_MS'),
    maxBodyBytes: intFrom(env.SIXTY_MAX_BODY, 16 * 1024, 'SIXTY_MAX_BODY'),
    distDir: env.SIXTY_DIST ?? defaults.distDir,
    sessionTtlMs: 14 * 24 * 3600 * 1000,
    logLevel: env.SIXTY_LOG_LEVEL ?? 'info',
    bench: env.SIXTY_BENCH === '1',
    smtpUrl: env.SIXTY_SMTP_URL || null,
    webhookTickMs: intFrom(env.SIXTY_WEBHOOK_TICK_MS, 1000, 'SIXTY_WEBHOOK_TICK_MS'),
    webhookRetryBaseMs: intFrom(env.SIXTY_WEBHOOK_RETRY_MS, 2000, 'SIXTY_WEBHOOK_RETRY_MS'),
    mailFrom: env.SIXTY_MAIL_FROM ?? 'Sixty <sixty@localhost>',
    publicUrl: env.SIXTY_PUBLIC_URL ? env.SIXTY_PUBLIC_URL.replace(/\/$/, '') : null,
  };
}

function intFrom(raw: string | undefined, fallback: number, name: string): number {
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a non-negative integer, got "${raw}"`);
  return n;
}
