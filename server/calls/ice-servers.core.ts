// The ICE servers a browser call's two parties are given: the TURN REST API's shared-secret
// scheme, as coturn's `use-auth-secret` / `static-auth-secret` checks it. The username is
// `<unix expiry seconds>:<id>`, the password base64(HMAC-SHA1(secret, username)); coturn
// recomputes it with the same secret and refuses it once the expiry has passed, so Sixty never
// has to tell coturn about a call.
import { createHmac } from 'node:crypto';
import type { IceServer, IceServersGrant } from '../../shared/schemas/call.schema';

export interface TurnConfig {
  /** coturn's `static-auth-secret`. */
  secret: string;
  /** `turn:` / `turns:` (and `stun:`) URLs, in the order browsers should try them. */
  urls: string[];
  /** How long credentials work, in seconds. */
  ttlS: number;
}

/** The password coturn expects for `username` under `secret`. */
export function turnCredential(secret: string, username: string): string {
  return createHmac('sha1', secret).update(username).digest('base64');
}

/**
 * The ICE server list for one party of one call. `id` names who it is for (it appears in coturn's
 * log beside the allocation); a `:` in it would be taken for the expiry's separator, so it is
 * replaced. No TURN configured: an empty list, and the browsers connect directly or not at all.
 */
export function iceServersFor(turn: TurnConfig | null, id: string, now: number): IceServersGrant {
  if (!turn || turn.urls.length === 0) return { iceServers: [], expiresAt: null };
  const expiresS = Math.floor(now / 1000) + turn.ttlS;
  const username = `${expiresS}:${id.replaceAll(':', '_')}`;
  const stun = turn.urls.filter((u) => u.startsWith('stun:'));
  const relays = turn.urls.filter((u) => !u.startsWith('stun:'));
  const iceServers: IceServer[] = [];
  if (stun.length) iceServers.push({ urls: stun });
  if (relays.length) iceServers.push({ urls: relays, username, credential: turnCredential(turn.secret, username) });
  return { iceServers, expiresAt: expiresS * 1000 };
}
