import { Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { Context } from 'hono';
import type { Me } from '../../shared/api';
import { setupSchema, signInSchema } from '../../shared/schemas/console.schema';
import type { AppDeps } from '../app';
import type { User } from '../db/store';
import { readBody } from '../http/body';
import { clientIp } from '../http/client-ip';
import { enforce, tooMany } from '../http/rate-limit';
import { DEVICE_COOKIE, DEVICE_COOKIE_MAX_AGE_S, DeviceCookies, SignInThrottle } from '../auth/sign-in-throttle';
import { ApiFailure } from '../http/errors';
import { DUMMY_HASH, hashPassword, verifyPassword } from '../auth/password';
import { SESSION_COOKIE, hashToken, newSessionToken, requireUser, type AuthEnv } from '../auth/session';
import { DEFAULT_SITE } from '../sites/default-site';
import { SETUP_TOKEN, setupTokenMatches } from './setup-token';

export function toMe(u: User): Me {
  return { id: u.id, name: u.name, email: u.email, role: u.role, workspaceId: u.workspaceId, workspaceName: u.workspaceName, currency: u.currency };
}

/** Sign-in, sign-out, who am I, and first-run setup of the first admin. */
export function authRoutes(deps: AppDeps) {
  const { store, clock, config } = deps;
  const app = new Hono<AuthEnv>();

  // Behind a TLS-terminating proxy the request itself is plain HTTP: trust its header only when
  // SIXTY_TRUST_PROXY says a proxy is there.
  const isHttps = (c: Context) => c.req.url.startsWith('https:') || (config.trustProxy > 0 && c.req.header('x-forwarded-proto') === 'https');

  async function startSession(c: Context, user: User) {
    const token = newSessionToken();
    await store.createSession(hashToken(token), user.id, clock(), config.sessionTtlMs);
    setCookie(c, SESSION_COOKIE, token, {
      httpOnly: true,
      sameSite: 'Lax',
      path: '/',
      secure: isHttps(c),
      maxAge: Math.floor(config.sessionTtlMs / 1000),
    });
  }

  app.get('/setup', async (c) => c.json({ needsSetup: await store.isEmpty() }));

  app.post('/setup', async (c) => {
    const body = await readBody(c, setupSchema);
    const alreadySetUp = () => new ApiFailure(409, 'already_set_up', 'This Sixty is already set up; sign in instead');
    if (!(await store.isEmpty())) throw alreadySetUp();
    if (!setupTokenMatches(body.setupToken, await store.secret(SETUP_TOKEN)))
      throw new ApiFailure(403, 'bad_setup_token', 'That is not the setup token this install printed', {
        setupToken: 'Not the setup token that npm start printed',
      });
    const origin = new URL(c.req.url).origin;
    const passwordHash = await hashPassword(body.password);
    // The check and the creation run as one step: of simultaneous setups, exactly one makes a workspace.
    const userIds = await deps.exclusive('setup', async () => {
      if (!(await store.isEmpty())) return null;
      const made = await store.createWorkspace(
        {
          workspace: { name: body.workspaceName },
          sites: [{ ...DEFAULT_SITE(config.offerTimeoutMs), name: body.workspaceName, siteKey: newSessionToken().slice(0, 20), allowedOrigins: [origin] }],
          users: [{ email: body.email, name: body.name, role: 'admin', passwordHash }],
        },
        clock(),
      );
      return made.userIds;
    });
    if (!userIds) throw alreadySetUp();
    const user = (await store.userById(userIds[0]!))!;
    await startSession(c, user);
    return c.json(toMe(user), 201);
  });

  const throttle = new SignInThrottle(deps.limiter, config.limits.signInsPerAccountPer15Min);
  let deviceCookies: DeviceCookies | null = null;
  const devices = async () => (deviceCookies ??= new DeviceCookies(await store.secret('device-cookie')));

  // Password guessing is slowed per address across accounts (spraying), and per account without
  // letting anyone lock its owner out: see sign-in-throttle.ts.
  app.post('/session', async (c) => {
    const ip = clientIp(c, config.trustProxy);
    await enforce(c, deps.limiter, `signin:ip:${ip}`, config.limits.signInsPerIpPerMinute, 60_000, clock(), 'sign-in attempts from this address');
    const body = await readBody(c, signInSchema);
    const attempt = { email: body.email, clientIp: ip, device: (await devices()).deviceOf(getCookie(c, DEVICE_COOKIE), body.email) };
    const allowed = await throttle.check(attempt, clock());
    if (!allowed.ok) tooMany(c, allowed.retryAfterSec, 'wrong passwords for this account');
    const user = await store.userByEmail(body.email);
    // Verify against a dummy hash for unknown emails so timing does not reveal who has an account.
    const ok = await verifyPassword(body.password, user?.passwordHash ?? DUMMY_HASH);
    if (!user || !ok || !user.active) {
      await throttle.failed(attempt, clock());
      throw new ApiFailure(401, 'bad_credentials', 'Email or password is not right');
    }
    await startSession(c, user);
    // This browser is now a known device of the account: others' wrong guesses cannot lock it out.
    setCookie(c, DEVICE_COOKIE, (await devices()).issue(user.email), {
      httpOnly: true,
      sameSite: 'Strict',
      path: '/v1/console/session',
      secure: isHttps(c),
      maxAge: DEVICE_COOKIE_MAX_AGE_S,
    });
    return c.json(toMe(user));
  });

  app.delete('/session', requireUser(store, clock), async (c) => {
    await store.deleteSession(c.get('sessionHash'));
    // A revoked session must not keep a live connection open.
    await deps.kickSession(c.get('sessionHash'));
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    return c.body(null, 204);
  });

  app.get('/me', requireUser(store, clock), (c) => c.json(toMe(c.get('user'))));

  return app;
}
