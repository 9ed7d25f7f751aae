// Environment -> configuration, with safe defaults. Everything a test needs to switch is here.
import { hostname } from 'node:os';
import { fetchAllowFrom } from './net/allow-list';
import { calendarKeyFrom } from './calendar/credential-box';
import { LOG_FORMATS, type LogFormat } from './log/log-output';
import type { TurnConfig } from './calls/ice-servers.core';

export interface Config {
  port: number;
  host: string;
  /** Path of the SQLite file (`SIXTY_DB`); used when no PostgreSQL URL is set. */
  dbPath: string;
  /** `SIXTY_DATABASE_URL=postgres://…` runs on PostgreSQL instead of the SQLite file (several processes may share it). */
  databaseUrl: string | null;
  /** `SIXTY_REDIS_URL=redis://…` turns on cluster mode: socket.io rooms, presence and rate limits shared through Redis. */
  redisUrl: string | null;
  /** Prefix of every Redis key and stream (`SIXTY_REDIS_PREFIX`, `sixty`); processes of one install share it. */
  redisPrefix: string;
  /** How often a cluster process looks for due offers, SLA deadlines and booked callbacks (`SIXTY_SWEEP_MS`, 1000). */
  sweepMs: number;
  /** This process's name in leases and presence (`SIXTY_NODE_ID`, default host name and pid). */
  nodeId: string;
  /** Seed a demo workspace into an empty database (`SIXTY_DEMO`, on unless `0`). */
  demo: boolean;
  /** With demo mode: the seeded workspace gets 45 days of history, so Numbers has figures at once (`SIXTY_DEMO_HISTORY`, on unless `0`). */
  demoHistory: boolean;
  /** The demo users' password (`SIXTY_DEMO_PASSWORD`); unset: generated at first start and kept beside the database. */
  demoPassword: string | null;
  /** Accept timeout of a new site's offers (`SIXTY_OFFER_TIMEOUT_MS`, default 20 s). */
  offerTimeoutMs: number;
  /** Largest JSON body accepted on public endpoints, in bytes (`SIXTY_MAX_BODY`). */
  maxBodyBytes: number;
  /** Where built assets live (widget and console). */
  distDir: string;
  /** Console session lifetime. */
  sessionTtlMs: number;
  logLevel: string;
  /** `SIXTY_LOG_FORMAT`: `auto` (readable lines on a terminal, JSON otherwise), `json` or `pretty`. */
  logFormat: LogFormat;
  /** Bench-only routes and the `/bench` socket namespace (`SIXTY_BENCH=1`); never in production. */
  bench: boolean;
  /** SMTP server for invite and reset mail (`SIXTY_SMTP_URL`, e.g. smtp://user:pass@host:587); off when unset. */
  smtpUrl: string | null;
  /** Sender of that mail (`SIXTY_MAIL_FROM`). */
  mailFrom: string;
  /** Anonymous behaviour events are deleted after this many days (`SIXTY_EVENT_RETENTION_DAYS`, 90; 0 keeps them). */
  eventRetentionDays: number;
  /** Reverse proxies in front that append to X-Forwarded-For (`SIXTY_TRUST_PROXY`, 0 = none: the header is ignored). */
  trustProxy: number;
  /** Abuse limits; each is documented in the README, and 0 turns one off. */
  limits: Limits;
  /** How often webhook deliveries are checked (`SIXTY_WEBHOOK_TICK_MS`). */
  webhookTickMs: number;
  /** First retry delay of a failed webhook delivery; doubles each attempt (`SIXTY_WEBHOOK_RETRY_MS`). */
  webhookRetryBaseMs: number;
  /** Public base URL for links in mail (`SIXTY_PUBLIC_URL`); defaults to the request's origin. */
  publicUrl: string | null;
  /** Non-public hosts, addresses and CIDR ranges that webhooks and other user-given URLs may reach (`SIXTY_FETCH_ALLOW`, none). */
  fetchAllow: string[];
  /** Encrypts reps' calendar app passwords at rest (`SIXTY_CALENDAR_KEY`, 32 bytes as hex or base64); unset, connecting a calendar is refused. */
  calendarKey: Buffer | null;
  /**
   * The TURN server browser calls may relay through (`SIXTY_TURN_URLS`, `SIXTY_TURN_SECRET`,
   * `SIXTY_TURN_TTL_S`); null: direct connections only.
   */
  turn: TurnConfig | null;
}

export interface Limits {
  /** Callback requests per client address per minute (`SIXTY_LIMIT_CALLBACKS_PER_IP`, 10). */
  callbacksPerIpPerMinute: number;
  /** Callback requests per site per minute (`SIXTY_LIMIT_CALLBACKS_PER_SITE`, 300). */
  callbacksPerSitePerMinute: number;
  /** Event batches per client address per minute (`SIXTY_LIMIT_EVENTS_PER_IP`, 1200). */
  eventsPerIpPerMinute: number;
  /** Widget config reads per client address per minute (`SIXTY_LIMIT_CONFIG_PER_IP`, 300). */
  configPerIpPerMinute: number;
  /** Console sign-in attempts per client address per minute (`SIXTY_LIMIT_SIGNINS_PER_IP`, 20). */
  signInsPerIpPerMinute: number;
  /** Sign-in attempts per account per 15 minutes (`SIXTY_LIMIT_SIGNINS_PER_ACCOUNT`, 10). */
  signInsPerAccountPer15Min: number;
  /** Requests to the API-key API (`/v1/leads`) per client address per minute (`SIXTY_LIMIT_API_PER_IP`, 300). */
  apiPerIpPerMinute: number;
  /** Callbacks for one phone number per day, so nobody can have a stranger called over and over (`SIXTY_LIMIT_CALLBACKS_PER_PHONE`, 3). */
  callbacksPerPhonePerDay: number;
  /** A repeat callback from the same phone or email within this window joins the open lead (`SIXTY_DUPLICATE_WINDOW_MS`, 10 min). */
  duplicateWindowMs: number;
}

export function configFromEnv(env: NodeJS.ProcessEnv, defaults: { distDir: string }): Config {
  return {
    port: intFrom(env.PORT, 3000, 'PORT'),
    host: env.HOST ?? '0.0.0.0',
    dbPath: env.SIXTY_DB ?? './data/sixty.db',
    databaseUrl: databaseUrlFrom(env.SIXTY_DATABASE_URL),
    redisUrl: env.SIXTY_REDIS_URL || null,
    redisPrefix: env.SIXTY_REDIS_PREFIX || 'sixty',
    sweepMs: intFrom(env.SIXTY_SWEEP_MS, 1000, 'SIXTY_SWEEP_MS'),
    nodeId: env.SIXTY_NODE_ID || `${hostname()}:${process.pid}`,
    demo: env.SIXTY_DEMO !== '0',
    demoHistory: env.SIXTY_DEMO_HISTORY !== '0',
    demoPassword: env.SIXTY_DEMO_PASSWORD || null,
    offerTimeoutMs: intFrom(env.SIXTY_OFFER_TIMEOUT_MS, 20_000, 'SIXTY_OFFER_TIMEOUT_MS'),
    maxBodyBytes: intFrom(env.SIXTY_MAX_BODY, 16 * 1024, 'SIXTY_MAX_BODY'),
    distDir: env.SIXTY_DIST ?? defaults.distDir,
    sessionTtlMs: 14 * 24 * 3600 * 1000,
    logLevel: env.SIXTY_LOG_LEVEL ?? 'info',
    logFormat: logFormatFrom(env.SIXTY_LOG_FORMAT),
    bench: env.SIXTY_BENCH === '1',
    smtpUrl: env.SIXTY_SMTP_URL || null,
    trustProxy: intFrom(env.SIXTY_TRUST_PROXY, 0, 'SIXTY_TRUST_PROXY'),
    eventRetentionDays: intFrom(env.SIXTY_EVENT_RETENTION_DAYS, 90, 'SIXTY_EVENT_RETENTION_DAYS'),
    limits: {
      callbacksPerIpPerMinute: intFrom(env.SIXTY_LIMIT_CALLBACKS_PER_IP, 10, 'SIXTY_LIMIT_CALLBACKS_PER_IP'),
      callbacksPerSitePerMinute: intFrom(env.SIXTY_LIMIT_CALLBACKS_PER_SITE, 300, 'SIXTY_LIMIT_CALLBACKS_PER_SITE'),
      eventsPerIpPerMinute: intFrom(env.SIXTY_LIMIT_EVENTS_PER_IP, 1200, 'SIXTY_LIMIT_EVENTS_PER_IP'),
      configPerIpPerMinute: intFrom(env.SIXTY_LIMIT_CONFIG_PER_IP, 300, 'SIXTY_LIMIT_CONFIG_PER_IP'),
      signInsPerIpPerMinute: intFrom(env.SIXTY_LIMIT_SIGNINS_PER_IP, 20, 'SIXTY_LIMIT_SIGNINS_PER_IP'),
      signInsPerAccountPer15Min: intFrom(env.SIXTY_LIMIT_SIGNINS_PER_ACCOUNT, 10, 'SIXTY_LIMIT_SIGNINS_PER_ACCOUNT'),
      apiPerIpPerMinute: intFrom(env.SIXTY_LIMIT_API_PER_IP, 300, 'SIXTY_LIMIT_API_PER_IP'),
      callbacksPerPhonePerDay: intFrom(env.SIXTY_LIMIT_CALLBACKS_PER_PHONE, 3, 'SIXTY_LIMIT_CALLBACKS_PER_PHONE'),
      duplicateWindowMs: intFrom(env.SIXTY_DUPLICATE_WINDOW_MS, 10 * 60_000, 'SIXTY_DUPLICATE_WINDOW_MS'),
    },
    webhookTickMs: intFrom(env.SIXTY_WEBHOOK_TICK_MS, 1000, 'SIXTY_WEBHOOK_TICK_MS'),
    webhookRetryBaseMs: intFrom(env.SIXTY_WEBHOOK_RETRY_MS, 2000, 'SIXTY_WEBHOOK_RETRY_MS'),
    mailFrom: env.SIXTY_MAIL_FROM ?? 'Sixty <sixty@localhost>',
    publicUrl: env.SIXTY_PUBLIC_URL ? env.SIXTY_PUBLIC_URL.replace(/\/$/, '') : null,
    fetchAllow: fetchAllowFrom(env.SIXTY_FETCH_ALLOW),
    calendarKey: calendarKeyFrom(env.SIXTY_CALENDAR_KEY),
    turn: turnFrom(env),
  };
}

/** Longest TURN credential lifetime accepted: a day (coturn takes any, but a leaked one should not last). */
const MAX_TURN_TTL_S = 24 * 3600;
/** What an ICE server URL may start with (RFC 7064/7065). */
const ICE_URL_SCHEMES = ['stun:', 'stuns:', 'turn:', 'turns:'];

/** `SIXTY_TURN_URLS` (comma-separated) with `SIXTY_TURN_SECRET` (coturn's static-auth-secret) and `SIXTY_TURN_TTL_S` (600). */
function turnFrom(env: NodeJS.ProcessEnv): TurnConfig | null {
  const urls = (env.SIXTY_TURN_URLS ?? '')
    .split(',')
    .map((u) => u.trim())
    .filter(Boolean);
  const secret = env.SIXTY_TURN_SECRET ?? '';
  const ttlS = intFrom(env.SIXTY_TURN_TTL_S, 600, 'SIXTY_TURN_TTL_S');
  if (ttlS < 1 || ttlS > MAX_TURN_TTL_S) throw new Error(`SIXTY_TURN_TTL_S must be between 1 and ${MAX_TURN_TTL_S} seconds, got "${env.SIXTY_TURN_TTL_S}"`);
  const bad = urls.find((u) => !ICE_URL_SCHEMES.some((s) => u.startsWith(s)));
  if (bad) throw new Error(`SIXTY_TURN_URLS takes stun:, stuns:, turn: or turns: URLs, got "${bad}"`);
  const relays = urls.some((u) => u.startsWith('turn'));
  if (relays && !secret) throw new Error('SIXTY_TURN_URLS names a TURN server: set SIXTY_TURN_SECRET to its static-auth-secret');
  if (secret && !relays) throw new Error('SIXTY_TURN_SECRET is set: SIXTY_TURN_URLS must name the turn: or turns: server it belongs to');
  return urls.length ? { secret, urls, ttlS } : null;
}

function databaseUrlFrom(raw: string | undefined): string | null {
  if (!raw) return null;
  if (!/^postgres(ql)?:\/\//.test(raw)) throw new Error(`SIXTY_DATABASE_URL must be a postgres:// URL, got "${raw.split('@').pop()}"`);
  return raw;
}

function logFormatFrom(raw: string | undefined): LogFormat {
  if (raw === undefined || raw === '') return 'auto';
  if (!(LOG_FORMATS as readonly string[]).includes(raw)) throw new Error(`SIXTY_LOG_FORMAT must be one of ${LOG_FORMATS.join(', ')}, got "${raw}"`);
  return raw as LogFormat;
}

function intFrom(raw: string | undefined, fallback: number, name: string): number {
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a non-negative integer, got "${raw}"`);
  return n;
}
