import { createHash, randomBytes } from 'node:crypto';
import { getCookie } from 'hono/cookie';
import { parse as parseCookies } from 'hono/utils/cookie';
import type { Context, MiddlewareHandler } from 'hono';
import type { Store, User } from '../db/store';
import { ApiFailure } from '../http/errors';

export const SESSION_COOKIE = 'sixty_session';

/** 256 random bits; only its SHA-256 is stored. */
export function newSessionToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * Reads a cookie out of a raw `Cookie` header (socket.io handshakes have no Hono context), with
 * the parser behind hono's getCookie, so both edges read a cookie the same way.
 */
export function cookieFromHeader(header: string | undefined, name: string): string | undefined {
  return header ? parseCookies(header, name)[name] : undefined;
}

export type AuthEnv = { Variables: { user: User; sessionHash: string } };

/** Requires a signed-in, active user; puts them on the context. */
export function requireUser(store: Store, clock: () => number): MiddlewareHandler<AuthEnv> {
  return async function requireUserMiddleware(c, next) {
    const token = getCookie(c, SESSION_COOKIE);
    const sessionHash = token ? hashToken(token) : null;
    const user = sessionHash ? await store.userBySession(sessionHash, clock()) : null;
    if (!user || !sessionHash) throw new ApiFailure(401, 'unauthenticated', 'Sign in to continue');
    c.set('user', user);
    c.set('sessionHash', sessionHash);
    await next();
  };
}

/**
 * CSRF defence for cookie-authenticated writes: the browser's Origin must be our own.
 * SameSite=Lax already stops most cross-site posts; this closes the rest.
 */
export function requireSameOrigin(): MiddlewareHandler {
  return async function requireSameOriginMiddleware(c: Context, next) {
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') {
      const origin = c.req.header('origin');
      const host = c.req.header('host');
      if (origin && (!host || hostOf(origin) !== host)) throw new ApiFailure(403, 'cross_origin', 'Cross-origin request refused');
    }
    await next();
  };
}

/** The host (with port) of an Origin header, or null when it is not a URL. */
export function hostOf(origin: string): string | null {
  try {
    return new URL(origin).host;
  } catch {
    return null;
  }
}
