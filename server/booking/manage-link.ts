// The visitor's link to move or cancel their meeting: `bookingId.sequence.expiry.signature`,
// signed with the install's secret. Bound to the meeting's SEQUENCE, so a link from before a move
// or the cancel stops working, and to an expiry (the meeting's end): nothing is stored for it.
import { createHmac, timingSafeEqual } from 'node:crypto';

export interface ManageGrant {
  bookingId: string;
  sequence: number;
  expiresAt: number;
}

export function manageToken(secret: string, g: ManageGrant): string {
  const body = `${g.bookingId}.${g.sequence}.${g.expiresAt}`;
  return `${body}.${sign(secret, body)}`;
}

/** Why a link is refused, or what it grants. Checks the signature before anything else. */
export function readManageToken(secret: string, token: unknown, now: number): ManageGrant | 'invalid' | 'expired' {
  if (typeof token !== 'string' || token.length > 300) return 'invalid';
  const parts = token.split('.');
  if (parts.length !== 4) return 'invalid';
  const [bookingId, seq, exp, signature] = parts as [string, string, string, string];
  const given = Buffer.from(signature);
  const expected = Buffer.from(sign(secret, `${bookingId}.${seq}.${exp}`));
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 'invalid';
  const grant = { bookingId, sequence: Number(seq), expiresAt: Number(exp) };
  if (!Number.isSafeInteger(grant.sequence) || !Number.isSafeInteger(grant.expiresAt)) return 'invalid';
  return now >= grant.expiresAt ? 'expired' : grant;
}

function sign(secret: string, body: string): string {
  return createHmac('sha256', secret).update(`meeting:${body}`).digest('base64url');
}
