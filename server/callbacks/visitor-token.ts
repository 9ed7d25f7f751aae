import { createHmac, timingSafeEqual } from 'node:crypto';

// The visitor token is `leadId.signature`: scoped to one lead, verifiable without storing it,
// and the same on an idempotent replay (so a retried submit gets a working token back).

export function visitorToken(secret: string, leadId: string): string {
  return `${leadId}.${sign(secret, leadId)}`;
}

/** The lead id the token grants, or null when it is forged or malformed. */
export function leadOfToken(secret: string, token: unknown): string | null {
  if (typeof token !== 'string' || token.length > 300) return null;
  const dot = token.lastIndexOf('.');
  if (dot <= 0) return null;
  const leadId = token.slice(0, dot);
  const given = Buffer.from(token.slice(dot + 1));
  const expected = Buffer.from(sign(secret, leadId));
  return given.length === expected.length && timingSafeEqual(given, expected) ? leadId : null;
}

function sign(secret: string, leadId: string): string {
  return createHmac('sha256', secret).update(`visitor:${leadId}`).digest('base64url');
}
