import type { Context, MiddlewareHandler } from 'hono';
import { ApiFailure } from './errors';

/**
 * Fixed-window counters in memory. Small enough to own (a Map and a sweep), and behind this
 * class so a shared store (Redis) can replace it when several processes serve one install.
 */
export class RateLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();
  private lastSweep = 0;

  /** Counts a hit; `retryAfterSec` says when the window reopens once the limit is passed. */
  hit(key: string, limit: number, windowMs: number, now: number): { ok: true } | { ok: false; retryAfterSec: number } {
    this.sweep(now, windowMs);
    let w = this.windows.get(key);
    if (!w || now - w.start >= windowMs) {
      w = { start: now, count: 0 };
      this.windows.set(key, w);
    }
    w.count++;
    if (w.count <= limit) return { ok: true };
    return { ok: false, retryAfterSec: Math.max(1, Math.ceil((w.start + windowMs - now) / 1000)) };
  }

  private sweep(now: number, windowMs: number) {
    if (now - this.lastSweep < windowMs) return;
    this.lastSweep = now;
    for (const [k, w] of this.windows) if (now - w.start >= windowMs) this.windows.delete(k);
  }
}

/** Refuses with 429 and Retry-After; the one error shape clients know. */
export function tooMany(c: Context, retryAfterSec: number, what: string): never {
  c.header('Retry-After', String(retryAfterSec));
  throw new ApiFailure(429, 'rate_limited', `Too many ${what}; try again in ${retryAfterSec} s`);
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
    if (limit > 0) {
      const r = limiter.hit(key(c), limit, windowMs, clock());
      if (!r.ok) tooMany(c, r.retryAfterSec, what);
    }
    await next();
  };
}
