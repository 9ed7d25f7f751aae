// Slowing password guessing without letting anyone lock an owner out (OWASP's "device cookie"
// scheme). A browser that signed in to an account before carries a signed device cookie for it:
// its wrong passwords are counted for that device alone. Every other client is counted per
// account and address with growing waits (backoff), and, all together, per account: a botnet
// guessing one account from many addresses is stopped, but only for clients without the cookie,
// so the owner's own browser still signs in. Guessing across accounts from one address is
// stopped by the per-address limit on attempts (auth.routes.ts).
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { RateHit, RateLimiter } from '../http/rate-limit';

export const DEVICE_COOKIE = 'sixty_device';
/** A device stays known for a year of not signing in. */
export const DEVICE_COOKIE_MAX_AGE_S = 365 * 24 * 3600;
const MINUTE = 60_000;

/** Wrong passwords one known device may send per 15 minutes before it waits. */
const DEVICE_FAILURES = 10;
/**
 * The backoff of one address on one account: each tier is a window and how many wrong passwords
 * it allows, so the wait grows from a minute to fifteen to a day as failures go on.
 */
const ADDRESS_TIERS: ReadonlyArray<{ windowMs: number; failures: number }> = [
  { windowMs: MINUTE, failures: 5 },
  { windowMs: 15 * MINUTE, failures: 10 },
  { windowMs: 24 * 60 * MINUTE, failures: 30 },
];

/** Signs and reads device cookies: `<email, base64url>.<nonce>.<hmac>`. */
export class DeviceCookies {
  constructor(private readonly secret: string) {}

  issue(email: string): string {
    const body = `${Buffer.from(email.toLowerCase()).toString('base64url')}.${randomBytes(12).toString('base64url')}`;
    return `${body}.${this.sign(body)}`;
  }

  /** The device's id when `cookie` is a device cookie of this account, else null. */
  deviceOf(cookie: string | undefined, email: string): string | null {
    const parts = cookie?.split('.');
    if (!parts || parts.length !== 3) return null;
    const [who, nonce, mac] = parts as [string, string, string];
    const expected = Buffer.from(this.sign(`${who}.${nonce}`));
    const given = Buffer.from(mac);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
    return Buffer.from(who, 'base64url').toString() === email.toLowerCase() ? nonce : null;
  }

  private sign(body: string): string {
    return createHmac('sha256', this.secret).update(body).digest('base64url');
  }
}

export interface Attempt {
  email: string;
  clientIp: string;
  /** The device id from a valid device cookie for this account, or null. */
  device: string | null;
}

/** The failure counters an attempt is judged by, each with its window and limit. */
function countersOf(a: Attempt, perAccount: number): Array<{ key: string; windowMs: number; limit: number }> {
  const email = a.email.toLowerCase();
  if (a.device !== null) return [{ key: `signin:device:${a.device}`, windowMs: 15 * MINUTE, limit: DEVICE_FAILURES }];
  return [
    ...ADDRESS_TIERS.map((t) => ({ key: `signin:fail:${email}:${a.clientIp}:${t.windowMs}`, windowMs: t.windowMs, limit: t.failures })),
    ...(perAccount > 0 ? [{ key: `signin:account:${email}`, windowMs: 15 * MINUTE, limit: perAccount }] : []),
  ];
}

export class SignInThrottle {
  constructor(
    private readonly limiter: RateLimiter,
    /** Wrong passwords per account per 15 minutes from clients without its device cookie (0: no limit). */
    private readonly perAccount: number,
  ) {}

  /** Refused (with the longest wait) when any counter of this attempt is full; nothing is counted. */
  async check(a: Attempt, now: number): Promise<RateHit> {
    let worst: RateHit = { ok: true };
    for (const c of countersOf(a, this.perAccount)) {
      const r = await this.limiter.peek(c.key, c.limit, now);
      if (!r.ok && (worst.ok || r.retryAfterSec > worst.retryAfterSec)) worst = r;
    }
    return worst;
  }

  /** Counts a wrong password against every counter of this attempt. */
  async failed(a: Attempt, now: number): Promise<void> {
    for (const c of countersOf(a, this.perAccount)) await this.limiter.hit(c.key, c.limit, c.windowMs, now);
  }
}
