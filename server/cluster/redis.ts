// The one Redis connection of a cluster process: commands, the socket.io adapter's publishes,
// and a shared subscriber for Sixty's own channels (presence, site invalidations).
import { createClient } from 'redis';
import type { Logger } from 'pino';
import { StartupError } from '../db/startup-error';

export type RedisClient = ReturnType<typeof newClient>;

/** How long start-up waits for Redis before it gives up with a message the operator can act on. */
const CONNECT_TIMEOUT_MS = 3000;
/** Longest pause between reconnect attempts once running: a blip heals within this. */
const MAX_RECONNECT_DELAY_MS = 2000;
/** Closing waits this long for queued commands; a dead Redis must not hold a shutdown. */
const CLOSE_TIMEOUT_MS = 1000;

export interface RedisConnection {
  /** Commands. Queued while reconnecting, so a blip delays them instead of failing them. */
  readonly client: RedisClient;
  /** Prefix of every key, stream and channel of this install (`SIXTY_REDIS_PREFIX`). */
  readonly prefix: string;
  /** Listens on `${prefix}:${channel}`; re-subscribed by the client after a reconnect. */
  subscribe(channel: string, onMessage: (message: string) => void): Promise<void>;
  /** Publishes on `${prefix}:${channel}`; a failure is logged, never thrown (the callers have a backstop). */
  publish(channel: string, message: string): void;
  close(): Promise<void>;
}

export interface ConnectOptions {
  prefix: string;
  log: Logger;
  /** Shown by CLIENT LIST on every connection of this process (e.g. the node id). */
  name?: string;
  connectTimeoutMs?: number;
}

/** Connects, or throws StartupError within a few seconds. The URL's password never reaches a log. */
export async function connectRedis(url: string, { prefix, log, name, connectTimeoutMs = CONNECT_TIMEOUT_MS }: ConnectOptions): Promise<RedisConnection> {
  const where = redactedUrl(url);
  let connected = false;
  let client: RedisClient;
  try {
    // Before the first connection a failure ends start-up (below); after it, retry forever.
    client = newClient(url, name, connectTimeoutMs, (retries) => (connected ? Math.min(50 * 2 ** retries, MAX_RECONNECT_DELAY_MS) : false));
  } catch {
    throw new StartupError(`SIXTY_REDIS_URL (${where}) is not a Redis URL; use redis://[user:password@]host:port[/db], or rediss:// for TLS.`);
  }
  // Without a listener an 'error' event would crash the process; log each outage once.
  let down = false;
  client.on('error', (err: Error) => {
    if (!connected || down) return;
    down = true;
    log.error({ redis: where, err: err.message }, 'Redis connection lost; retrying');
  });
  client.on('ready', () => {
    if (down) log.info({ redis: where }, 'Redis connection restored');
    down = false;
  });

  quietSubscriptions(client);
  // Subscribing puts a connection in subscriber mode, so Sixty's channels share one extra connection.
  let subscriber: RedisClient | null = null;
  try {
    await withTimeout(client.connect(), connectTimeoutMs + 500, 'no answer');
    connected = true;
    subscriber = client.duplicate();
    subscriber.on('error', () => {
      // The command client reports outages; this one reconnects on its own.
    });
    await withTimeout(subscriber.connect(), connectTimeoutMs + 500, 'no answer');
  } catch (err) {
    subscriber?.destroy();
    client.destroy();
    throw new StartupError(`Cannot connect to Redis at ${where} (${reason(err)}). Check SIXTY_REDIS_URL and that Redis is running.`);
  }
  const sub = subscriber;

  let closing: Promise<void> | null = null;
  return {
    client,
    prefix,
    async subscribe(channel, onMessage) {
      await sub.subscribe(`${prefix}:${channel}`, (message) => onMessage(message));
    },
    publish(channel, message) {
      if (!client.isReady) return;
      client.publish(`${prefix}:${channel}`, message).catch((err: Error) => log.warn({ err: err.message, channel }, 'Redis publish failed'));
    },
    close() {
      closing ??= Promise.all([closeClient(sub), closeClient(client)]).then(() => undefined);
      return closing;
    },
  };
}

function newClient(url: string, name: string | undefined, connectTimeout: number, reconnectStrategy: (retries: number) => number | false) {
  // Connection names may not contain spaces.
  return createClient({ url, ...(name ? { name: name.replace(/\s/g, '_') } : {}), socket: { connectTimeout, reconnectStrategy } });
}

/**
 * The socket.io adapter subscribes on its duplicates without waiting for the answer; closing
 * right after start (a failed listen) rejects that subscription with nobody listening, and an
 * unhandled rejection ends the process. Callers that await a subscription still see its error.
 */
function quietSubscriptions(client: RedisClient): void {
  const duplicate = client.duplicate.bind(client);
  client.duplicate = ((...args: Parameters<typeof duplicate>) => {
    const copy = duplicate(...args);
    const subscribe = copy.subscribe.bind(copy);
    copy.subscribe = ((...a: Parameters<typeof subscribe>) => {
      const answer = subscribe(...a);
      answer.catch(() => {});
      return answer;
    }) as typeof copy.subscribe;
    return copy;
  }) as typeof client.duplicate;
}

/** `redis://host:port/db` without user name or password, for messages and logs. */
export function redactedUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${u.pathname === '/' ? '' : u.pathname}`;
  } catch {
    return 'unparsable';
  }
}

async function closeClient(client: RedisClient): Promise<void> {
  if (!client.isOpen) return;
  try {
    await withTimeout(client.close(), CLOSE_TIMEOUT_MS, 'close timed out');
  } catch {
    client.destroy();
  }
}

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(what)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

function reason(err: unknown): string {
  const e = err as { code?: string; message?: string; errors?: Array<{ code?: string }> };
  // Connection refused to a host with several addresses arrives as an AggregateError.
  return e.code ?? e.errors?.[0]?.code ?? e.message ?? String(err);
}
