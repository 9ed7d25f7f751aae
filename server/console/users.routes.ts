import { Hono } from 'hono';
import type { Context } from 'hono';
import { inviteSchema, newPasswordSchema } from '../../shared/schemas/console.schema';
import { publicOrigin } from '../http/public-origin';
import type { AppDeps } from '../app';
import { hashPassword } from '../auth/password';
import { hashToken, newSessionToken, requireSameOrigin, requireUser, type AuthEnv } from '../auth/session';
import { readBody } from '../http/body';
import { ApiFailure } from '../http/errors';

/** Invite links live a week; reset links an hour (they grant an account). */
const INVITE_TTL_MS = 7 * 24 * 3600 * 1000;
const RESET_TTL_MS = 3600 * 1000;

/**
 * Users of a workspace (admin only): list, invite with a one-time link (emailed when SMTP is
 * configured, else shown to copy), list and revoke pending invites, password reset the same
 * way, deactivate (sessions end and live connections drop at once). Mounted at /v1/console/users.
 */
export function userRoutes(deps: AppDeps) {
  const { store, admin, clock } = deps;
  const app = new Hono<AuthEnv>();
  app.use('*', requireUser(store, clock));
  app.use('*', async function requireAdmin(c, next) {
    if (c.get('user').role !== 'admin') throw new ApiFailure(403, 'forbidden', 'Only admins manage users');
    await next();
  });

  app.get('/', async (c) => c.json(await admin.users(c.get('user').workspaceId)));

  app.post('/invites', async (c) => {
    const body = await readBody(c, inviteSchema);
    const me = c.get('user');
    // One address is one account across the install (sign-in is by email alone). A user of this
    // workspace is named; a user of another workspace is not: the answer is the same as for any
    // new address, so nobody learns another company's users (docs/security.md).
    const existing = await store.userByEmail(body.email);
    if (existing?.workspaceId === me.workspaceId)
      throw new ApiFailure(409, 'email_taken', 'This person is already a user of this workspace', { email: 'Already a user here' });
    const token = newSessionToken();
    await admin.createInvite({ tokenHash: hashToken(token), workspaceId: me.workspaceId, ...body, createdBy: me.id }, clock(), INVITE_TTL_MS);
    const link = `${publicBase(c, deps)}/console/invite/${token}`;
    const emailed = await tryMail(deps, {
      to: body.email.toLowerCase(),
      subject: `${me.name} invited you to ${me.workspaceName} on Sixty`,
      text: existing
        ? `${me.name} invited you to join ${me.workspaceName} on Sixty as ${body.role}.\n\nThis address already has a Sixty account on this server, and one address can belong to one workspace here, so the invite cannot be accepted with it. Ask ${me.name} to invite another address of yours.\n`
        : `${me.name} invited you to join ${me.workspaceName} on Sixty as ${body.role}.\n\nSet your password here (the link works once, for 7 days):\n${link}\n`,
    });
    return c.json(oneTimeLink(link, emailed), 201);
  });

  app.get('/invites', async (c) => c.json(await admin.pendingInvites(c.get('user').workspaceId, clock())));

  app.delete('/invites/:id', requireSameOrigin(), async (c) => {
    if (!(await admin.revokeInvite(c.get('user').workspaceId, c.req.param('id'), clock()))) throw new ApiFailure(404, 'not_found', 'No such pending invite');
    return c.body(null, 204);
  });

  app.post('/:id/password-reset', async (c) => {
    const me = c.get('user');
    const target = (await admin.users(me.workspaceId)).find((u) => u.id === c.req.param('id'));
    if (!target || !target.active) throw new ApiFailure(404, 'not_found', 'No such user');
    const token = newSessionToken();
    await admin.createPasswordReset(hashToken(token), target.id, me.workspaceId, clock(), RESET_TTL_MS);
    const link = `${publicBase(c, deps)}/console/reset/${token}`;
    const emailed = await tryMail(deps, {
      to: target.email,
      subject: 'Reset your Sixty password',
      text: `Set a new password for ${target.email} here (the link works once, for one hour):\n${link}\n`,
    });
    return c.json(oneTimeLink(link, emailed), 201);
  });

  app.post('/:id/deactivate', async (c) => {
    const me = c.get('user');
    if (c.req.param('id') === me.id) throw new ApiFailure(400, 'invalid', 'You cannot deactivate yourself');
    if (!(await admin.deactivate(me.workspaceId, c.req.param('id')))) throw new ApiFailure(404, 'not_found', 'No such user');
    deps.kick(c.req.param('id'));
    return c.body(null, 204);
  });

  return app;
}

/** The one-time links' landing endpoints, for people who are not signed in. Mounted at /v1/console. */
export function linkRoutes(deps: AppDeps) {
  const { admin, clock } = deps;
  const app = new Hono();

  app.get('/invites/:token', async (c) => {
    const inv = await admin.invite(hashToken(c.req.param('token')), clock());
    if (!inv) throw new ApiFailure(404, 'link_invalid', 'This invite link was already used or has expired');
    return c.json({ email: inv.email, name: inv.name, role: inv.role, workspaceName: inv.workspaceName });
  });

  app.post('/invites/:token/accept', async (c) => {
    const body = await readBody(c, newPasswordSchema);
    const userId = await admin.acceptInvite(hashToken(c.req.param('token')), await hashPassword(body.password), clock());
    if (!userId) throw new ApiFailure(404, 'link_invalid', 'This invite link was already used or has expired');
    return c.json({ ok: true }, 201);
  });

  app.post('/password-resets/:token', async (c) => {
    const body = await readBody(c, newPasswordSchema);
    const userId = await admin.usePasswordReset(hashToken(c.req.param('token')), await hashPassword(body.password), clock());
    if (!userId) throw new ApiFailure(404, 'link_invalid', 'This reset link was already used or has expired');
    deps.kick(userId);
    return c.json({ ok: true });
  });

  return app;
}

/**
 * A one-time link grants an account: once it is mailed to its owner, the admin who asked for it
 * is not given a copy (they could sign in as a colleague, or learn through an invite whether an
 * address is used elsewhere). Without mail, it is returned to copy and hand over.
 */
function oneTimeLink(link: string, emailed: boolean): { link?: string; emailed: boolean } {
  return emailed ? { emailed } : { link, emailed };
}

function publicBase(c: Context, deps: AppDeps): string {
  return publicOrigin(deps, c);
}

/** Mail is a convenience: the link is always returned to copy, so a mail failure is not fatal. */
async function tryMail(deps: AppDeps, mail: { to: string; subject: string; text: string }): Promise<boolean> {
  if (!deps.mailer.enabled) return false;
  try {
    await deps.mailer.send(mail);
    return true;
  } catch (err) {
    deps.log.warn({ err: (err as Error).message }, 'sending mail failed');
    return false;
  }
}
