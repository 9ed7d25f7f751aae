// API keys a CRM authenticates with: how a secret looks, what is stored of it, and the middleware
// that turns `Authorization: Bearer <secret>` into the key's workspace.
import { randomBytes } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import type { AdminStore } from '../console/admin-store';
import { hashToken } from '../auth/session';
import { ApiFailure } from '../http/errors';

/** Every secret starts so: easy to spot in a config file or a secret scanner. */
export const KEY_PREFIX = 'sixty_live_';

/** Characters of the secret kept in clear to tell keys apart (the prefix and four random ones). */
const SHOWN = KEY_PREFIX.length + 4;

/** A new secret (256 random bits) and what is stored of it: its SHA-256 and its first characters. */
export function newApiKeySecret(): { secret: string; keyHash: string; prefix: string } {
  const secret = `${KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
  return { secret, keyHash: hashToken(secret), prefix: secret.slice(0, SHOWN) };
}

/** The key a request was made with, once checked. */
export type ApiKeyEnv = { Variables: { apiKey: { id: string; workspaceId: string; name: string } } };

/** 401 with the challenge RFC 6750 asks for, so a client knows a bearer key is wanted. */
function refuse(c: Context, error: string, message: string): never {
  c.header('WWW-Authenticate', `Bearer realm="sixty", error="${error}"`);
  throw new ApiFailure(401, 'unauthenticated', message);
}

/** Requires a live API key: missing, unknown or revoked keys get 401; the key is marked used. */
export function requireApiKey(admin: AdminStore, clock: () => number): MiddlewareHandler<ApiKeyEnv> {
  return async function requireApiKeyMiddleware(c, next) {
    const header = c.req.header('authorization') ?? '';
    const [scheme, secret, extra] = header.trim().split(/\s+/);
    if (!header || scheme?.toLowerCase() !== 'bearer' || !secret || extra !== undefined) {
      c.header('WWW-Authenticate', 'Bearer realm="sixty"');
      throw new ApiFailure(401, 'unauthenticated', 'Send an API key: Authorization: Bearer sixty_live_…');
    }
    const key = await admin.useApiKey(hashToken(secret), clock());
    if (!key) refuse(c, 'invalid_token', 'Unknown API key');
    if (key.status === 'revoked') refuse(c, 'invalid_token', 'This API key was revoked');
    c.set('apiKey', { id: key.id, workspaceId: key.workspaceId, name: key.name });
    await next();
  };
}
