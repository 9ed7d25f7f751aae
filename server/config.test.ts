// Every environment variable server/config.ts reads lands in the config field the server reads
// (the tests of each field's effect are listed in docs/settings.md). A variable added to
// config.ts without a case here fails the first test.
import { describe, expect, it } from 'vitest';
import { envVariablesRead } from '../test/helpers/config-source';
import { configFromEnv, type Config } from './config';

const DEFAULTS = { distDir: '/opt/sixty/dist' };

/** A value other than the default for each variable, and where it must show up (`with`: the variables it needs beside it). */
const CASES: Record<string, { value: string; field: (c: Config) => unknown; expected: unknown; with?: NodeJS.ProcessEnv }> = {
  PORT: { value: '4100', field: (c) => c.port, expected: 4100 },
  HOST: { value: '127.0.0.1', field: (c) => c.host, expected: '127.0.0.1' },
  SIXTY_DB: { value: '/var/lib/sixty/s.db', field: (c) => c.dbPath, expected: '/var/lib/sixty/s.db' },
  SIXTY_DATABASE_URL: { value: 'postgres://u:p@db:5432/sixty', field: (c) => c.databaseUrl, expected: 'postgres://u:p@db:5432/sixty' },
  SIXTY_REDIS_URL: { value: 'redis://cache:6379', field: (c) => c.redisUrl, expected: 'redis://cache:6379' },
  SIXTY_REDIS_PREFIX: { value: 'acme', field: (c) => c.redisPrefix, expected: 'acme' },
  SIXTY_SWEEP_MS: { value: '250', field: (c) => c.sweepMs, expected: 250 },
  SIXTY_NODE_ID: { value: 'web-3001', field: (c) => c.nodeId, expected: 'web-3001' },
  SIXTY_DEMO: { value: '0', field: (c) => c.demo, expected: false },
  SIXTY_DEMO_HISTORY: { value: '0', field: (c) => c.demoHistory, expected: false },
  SIXTY_DEMO_PASSWORD: { value: 'chosen-password', field: (c) => c.demoPassword, expected: 'chosen-password' },
  SIXTY_OFFER_TIMEOUT_MS: { value: '7000', field: (c) => c.offerTimeoutMs, expected: 7000 },
  SIXTY_MAX_BODY: { value: '6000', field: (c) => c.maxBodyBytes, expected: 6000 },
  SIXTY_DIST: { value: '/srv/build', field: (c) => c.distDir, expected: '/srv/build' },
  SIXTY_LOG_LEVEL: { value: 'warn', field: (c) => c.logLevel, expected: 'warn' },
  SIXTY_LOG_FORMAT: { value: 'json', field: (c) => c.logFormat, expected: 'json' },
  SIXTY_BENCH: { value: '1', field: (c) => c.bench, expected: true },
  SIXTY_SMTP_URL: { value: 'smtp://mail:587', field: (c) => c.smtpUrl, expected: 'smtp://mail:587' },
  SIXTY_TRUST_PROXY: { value: '2', field: (c) => c.trustProxy, expected: 2 },
  SIXTY_EVENT_RETENTION_DAYS: { value: '10', field: (c) => c.eventRetentionDays, expected: 10 },
  SIXTY_LIMIT_CALLBACKS_PER_IP: { value: '3', field: (c) => c.limits.callbacksPerIpPerMinute, expected: 3 },
  SIXTY_LIMIT_CALLBACKS_PER_SITE: { value: '4', field: (c) => c.limits.callbacksPerSitePerMinute, expected: 4 },
  SIXTY_LIMIT_EVENTS_PER_IP: { value: '5', field: (c) => c.limits.eventsPerIpPerMinute, expected: 5 },
  SIXTY_LIMIT_CONFIG_PER_IP: { value: '6', field: (c) => c.limits.configPerIpPerMinute, expected: 6 },
  SIXTY_LIMIT_SIGNINS_PER_IP: { value: '7', field: (c) => c.limits.signInsPerIpPerMinute, expected: 7 },
  SIXTY_LIMIT_API_PER_IP: { value: '9', field: (c) => c.limits.apiPerIpPerMinute, expected: 9 },
  SIXTY_LIMIT_SIGNINS_PER_ACCOUNT: { value: '8', field: (c) => c.limits.signInsPerAccountPer15Min, expected: 8 },
  SIXTY_LIMIT_CALLBACKS_PER_PHONE: { value: '0', field: (c) => c.limits.callbacksPerPhonePerDay, expected: 0 },
  SIXTY_DUPLICATE_WINDOW_MS: { value: '60000', field: (c) => c.limits.duplicateWindowMs, expected: 60_000 },
  SIXTY_WEBHOOK_TICK_MS: { value: '50', field: (c) => c.webhookTickMs, expected: 50 },
  SIXTY_WEBHOOK_RETRY_MS: { value: '100', field: (c) => c.webhookRetryBaseMs, expected: 100 },
  SIXTY_MAIL_FROM: { value: 'Acme <sales@acme.test>', field: (c) => c.mailFrom, expected: 'Acme <sales@acme.test>' },
  SIXTY_PUBLIC_URL: { value: 'https://sixty.acme.test/', field: (c) => c.publicUrl, expected: 'https://sixty.acme.test' },
  SIXTY_FETCH_ALLOW: { value: '10.0.0.0/8,crm.internal', field: (c) => c.fetchAllow, expected: ['10.0.0.0/8', 'crm.internal'] },
  SIXTY_CALENDAR_KEY: { value: '00'.repeat(32), field: (c) => c.calendarKey, expected: Buffer.alloc(32) },
  SIXTY_TURN_URLS: { value: 'stun:turn.acme.test:3478', field: (c) => c.turn?.urls, expected: ['stun:turn.acme.test:3478'] },
  SIXTY_TURN_SECRET: { value: 's3cret', field: (c) => c.turn?.secret, expected: 's3cret', with: { SIXTY_TURN_URLS: 'turn:turn.acme.test:3478' } },
  SIXTY_TURN_TTL_S: { value: '120', field: (c) => c.turn?.ttlS, expected: 120, with: { SIXTY_TURN_URLS: 'stun:turn.acme.test:3478' } },
};

describe('configFromEnv', () => {
  it('has a case here for every variable config.ts reads', () => {
    const read = envVariablesRead();
    expect(read.length).toBeGreaterThan(25);
    expect(read.filter((v) => !(v in CASES))).toEqual([]);
  });

  it.each(Object.entries(CASES))('reads %s into its field, away from the default', (name, c) => {
    const fallback = configFromEnv({}, DEFAULTS);
    const set = configFromEnv({ ...c.with, [name]: c.value }, DEFAULTS);
    expect(c.field(set)).toEqual(c.expected);
    expect(c.field(fallback)).not.toEqual(c.expected);
  });

  it('refuses a number that is not a whole number of zero or more, naming the variable', () => {
    expect(() => configFromEnv({ SIXTY_SWEEP_MS: 'soon' }, DEFAULTS)).toThrow(/SIXTY_SWEEP_MS must be a non-negative integer/);
    expect(() => configFromEnv({ SIXTY_DATABASE_URL: 'mysql://x' }, DEFAULTS)).toThrow(/SIXTY_DATABASE_URL must be a postgres:\/\/ URL/);
  });

  it('refuses a TURN server without its secret, a secret without a TURN server, a URL that is not an ICE URL and a TTL out of range', () => {
    expect(() => configFromEnv({ SIXTY_TURN_URLS: 'turn:t.acme.test:3478' }, DEFAULTS)).toThrow(/set SIXTY_TURN_SECRET/);
    expect(() => configFromEnv({ SIXTY_TURN_SECRET: 's' }, DEFAULTS)).toThrow(/SIXTY_TURN_URLS must name/);
    expect(() => configFromEnv({ SIXTY_TURN_URLS: 'https://t.acme.test', SIXTY_TURN_SECRET: 's' }, DEFAULTS)).toThrow(/got "https:\/\/t.acme.test"/);
    expect(() => configFromEnv({ SIXTY_TURN_TTL_S: '0' }, DEFAULTS)).toThrow(/SIXTY_TURN_TTL_S must be between 1 and 86400/);
    const both = configFromEnv({ SIXTY_TURN_URLS: ' turn:t.acme.test:3478 , turns:t.acme.test:443?transport=tcp ', SIXTY_TURN_SECRET: 's' }, DEFAULTS);
    expect(both.turn).toEqual({ secret: 's', urls: ['turn:t.acme.test:3478', 'turns:t.acme.test:443?transport=tcp'], ttlS: 600 });
  });
});
