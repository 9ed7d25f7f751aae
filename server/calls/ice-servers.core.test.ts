// TURN credentials as coturn checks them (use-auth-secret): the password is the HMAC of the
// username under the shared secret, and the username carries the expiry.
import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { iceServersFor, turnCredential, type TurnConfig } from './ice-servers.core';

const NOW = Date.parse('2026-12-07T17:00:00Z');
const TURN: TurnConfig = { secret: 'north-wind', urls: ['turn:turn.acme.test:3478', 'turns:turn.acme.test:443?transport=tcp'], ttlS: 600 };

/** coturn's side of the scheme, written from RFC draft-uberti-behave-turn-rest: recompute and compare. */
function coturnAccepts(secret: string, username: string, credential: string, nowS: number): boolean {
  const expiry = Number(username.split(':')[0]);
  return expiry > nowS && createHmac('sha1', secret).update(username).digest('base64') === credential;
}

describe('iceServersFor', () => {
  it('gives TURN credentials that the same secret verifies, expiring ttl seconds from now', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 64 }),
        fc.string({ minLength: 1, maxLength: 80 }),
        fc.integer({ min: 1, max: 86_400 }),
        fc.integer({ min: 0, max: 4_000_000_000_000 }),
        (secret, id, ttlS, now) => {
          const grant = iceServersFor({ ...TURN, secret, ttlS }, id, now);
          const turn = grant.iceServers.find((s) => s.username)!;
          const nowS = Math.floor(now / 1000);
          expect(Number(turn.username!.split(':')[0])).toBe(nowS + ttlS);
          expect(grant.expiresAt).toBe((nowS + ttlS) * 1000);
          expect(coturnAccepts(secret, turn.username!, turn.credential!, nowS)).toBe(true);
          // Past its expiry, or under another secret, it no longer works.
          expect(coturnAccepts(secret, turn.username!, turn.credential!, nowS + ttlS)).toBe(false);
          expect(coturnAccepts(`${secret}x`, turn.username!, turn.credential!, nowS)).toBe(false);
          // Exactly one `:`: coturn splits the expiry from the rest at the first one.
          expect(turn.username!.split(':')).toHaveLength(2);
        },
      ),
    );
  });

  it('lists the TURN URLs with the credentials and STUN URLs without, in the order given', () => {
    const grant = iceServersFor({ ...TURN, urls: ['stun:turn.acme.test:3478', ...TURN.urls] }, 'offer-1-visitor', NOW);
    expect(grant.iceServers).toEqual([
      { urls: ['stun:turn.acme.test:3478'] },
      { urls: TURN.urls, username: `${NOW / 1000 + 600}:offer-1-visitor`, credential: turnCredential('north-wind', `${NOW / 1000 + 600}:offer-1-visitor`) },
    ]);
  });

  it('gives an empty list without STUN or TURN: direct connections only', () => {
    expect(iceServersFor(null, 'offer-1-rep', NOW)).toEqual({ iceServers: [], expiresAt: null });
    expect(iceServersFor({ ...TURN, urls: [] }, 'offer-1-rep', NOW)).toEqual({ iceServers: [], expiresAt: null });
  });

  it('matches a credential computed by hand for a known username', () => {
    // echo -n '1733600000:alice' | openssl dgst -sha1 -hmac north-wind -binary | base64
    expect(turnCredential('north-wind', '1733600000:alice')).toBe('7t6mjIAjcJyWn/XBziHH88PL+sY=');
  });
});
