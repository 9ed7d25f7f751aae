import type { Context, MiddlewareHandler } from 'hono';
import { ApiFailure } from './errors';

export type RateHit = { ok: true } | { ok: false; retryAfterSec: number };

/**
 * Fixed windows that open at a key's first hit. One limiter serves every route, so keys carry
 * their route (`signin:ip:…`). Memory here; Redis in a cluster (cluster/redis-rate-limit.ts)
 * so every process counts against one budget.
 */
export interface RateLimiter {
  /** Counts a hit; `retryAfterSec` says when the window reopens once the limit is passed. */
  hit(key: string, limit: number, windowMs: number, now: number): Promise<RateHit>;
  /**
   * Whether one more hit would still be within the limit, without counting it: for limits on
   * failures (wrong passwords), checked before the attempt and counted only when it fails.
   */
  peek(key: string, limit: number, now: number): Promise<RateHit>;
}

/** One process's counters: a Map and a sweep. */
export class MemoryRateLimiter implements RateLimiter {
  private readonly windows = new Map<string, { start: number; end: number; count: number }>();
  private nextSweep = 0;

  async hit(key: string, limit: number, windowMs: number, now: number): Promise<RateHit> {
    return this.hitNow(key, limit, windowMs, now);
  }

  /** The same, synchronously (the Redis limiter falls back to this while Redis is away). */
  hitNow(key: string, limit: number, windowMs: number, now: number): RateHit {
    this.sweep(now, windowMs);
    let w = this.windows.get(key);
    if (!w || now >= w.end) {
      w = { start: now, end: now + windowMs, count: 0 };
      this.windows.set(key, w);
    }
    w.count++;
    return verdict(w.count, limit, w.end, now);
  }

  async peek(key: string, limit: number, now: number): Promise<RateHit> {
    return this.peekNow(key, limit, now);
  }

  peekNow(key: string, limit: number, now: number): RateHit {
    const w = this.windows.get(key);
    if (!w || now >= w.end) return { ok: true };
    return verdict(w.count + 1, limit, w.end, now);
  }

  // Windows of different lengths share the map, so each entry keeps its own end.
  private sweep(now: number, windowMs: number) {
    if (now < this.nextSweep) return;
    this.nextSweep = now + windowMs;
    for (const [k, w] of this.windows) if (now >= w.end) this.windows.delete(k);
  }
}

/** The answer for the `count`-th hit of a window ending at `end`. */
export function verdict(count: number, limit: number, end: number, now: number): RateHit {
  if (count <= limit) return { ok: true };
  return { ok: false, retryAfterSec: Math.max(1, Math.ceil((end - now) / 1000)) };
}

/** Refuses with 429 and Retry-After; the one error shape clients know. */
export function tooMany(c: Context, retryAfterSec: number, what: string): never {
  c.header('Retry-After', String(retryAfterSec));
  throw new ApiFailure(429, 'rate_limited', `Too many ${what}; try again in ${retryAfterSec} s`);
}

/** Counts a hit unless the limit is off (0), and refuses the request when it is passed. */
export async function enforce(c: Context, limiter: RateLimiter, key: string, limit: number, windowMs: number, now: number, what: string): Promise<void> {
  if (limit <= 0) return;
  const r = await limiter.hit(key, limit, windowMs, now);
  if (!r.ok) tooMany(c, r.retryAfterSec, what);
}

export interface LimitOptions {
  limiter: RateLimiter;
  /** Requests per window; 0 turns the limit off. */
  limit: number;
  windowMs?: number;
  what: string;
  key: (c: Context) => string;
  clock: () => number;
}

export function rateLimit({ limiter, limit, windowMs = 60_000, what, key, clock }: LimitOptions): MiddlewareHandler {
  return async function rateLimitMiddleware(c, next) {
    // The key (the client's address) is only worked out when the limit is on: it is not free.
    if (limit > 0) await enforce(c, limiter, key(c), limit, windowMs, clock(), what);
    await next();
  };
}
