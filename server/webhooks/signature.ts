import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * `Sixty-Signature: t=<ms>,v1=<hex>` where v1 = HMAC-SHA256(secret, `${t}.${body}`). Signing the
 * timestamp with the body lets receivers refuse replays older than a few minutes.
 */
export function sign(secret: string, body: string, t: number): string {
  return `t=${t},v1=${createHmac('sha256', secret).update(`${t}.${body}`).digest('hex')}`;
}

/** For receivers (and our tests): true when the header signs this body within `toleranceMs`. */
export function verify(secret: string, body: string, header: string | null | undefined, now: number, toleranceMs = 5 * 60_000): boolean {
  const parts = Object.fromEntries((header ?? '').split(',').map((p) => p.split('=') as [string, string]));
  const t = Number(parts.t);
  if (!Number.isFinite(t) || Math.abs(now - t) > toleranceMs || !parts.v1) return false;
  const expected = Buffer.from(createHmac('sha256', secret).update(`${t}.${body}`).digest('hex'));
  const given = Buffer.from(parts.v1);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
