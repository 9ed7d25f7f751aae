// Workspace administration on PostgreSQL (users, invites, password resets, API keys, the
// workspace's currency): the twin of
// sqlite/admin-ops.ts. One-time links stay single-use across processes through conditional updates.
import { randomUUID } from 'node:crypto';
import { and, asc, desc, eq, gt, isNull, like } from 'drizzle-orm';
import type { AdminStore } from '../../console/admin-store';
import { inviteId, isInviteId } from '../invite-id';
import * as t from './schema';
import * as a from './admin-schema';
import { lockWorkspace } from './locks';
import type { PgDb } from './open';

/** An API key as the console lists it, its creator by name. */
const API_KEY_ROW = {
  id: a.apiKeys.id,
  name: a.apiKeys.name,
  prefix: a.apiKeys.prefix,
  createdBy: t.users.name,
  createdAt: a.apiKeys.createdAt,
  lastUsedAt: a.apiKeys.lastUsedAt,
  revokedAt: a.apiKeys.revokedAt,
};

export function createAdminOps(db: PgDb): AdminStore {
  return {
    async users(workspaceId) {
      return db
        .select({ id: t.users.id, email: t.users.email, name: t.users.name, role: t.users.role, active: t.users.active, createdAt: t.users.createdAt })
        .from(t.users)
        .where(eq(t.users.workspaceId, workspaceId))
        .orderBy(asc(t.users.createdAt));
    },

    async createInvite(i, now, ttlMs) {
      await db.insert(a.invites).values({ ...i, email: i.email.toLowerCase(), createdAt: now, expiresAt: now + ttlMs });
    },

    async pendingInvites(workspaceId, now) {
      const rows = await db
        .select()
        .from(a.invites)
        .where(and(eq(a.invites.workspaceId, workspaceId), isNull(a.invites.acceptedAt), gt(a.invites.expiresAt, now)))
        .orderBy(asc(a.invites.createdAt));
      return rows.map((i) => ({ id: inviteId(i.tokenHash), email: i.email, name: i.name, role: i.role, createdAt: i.createdAt, expiresAt: i.expiresAt }));
    },

    async revokeInvite(workspaceId, id, now) {
      if (!isInviteId(id)) return false;
      const done = await db
        .delete(a.invites)
        .where(and(eq(a.invites.workspaceId, workspaceId), like(a.invites.tokenHash, `${id}%`), isNull(a.invites.acceptedAt), gt(a.invites.expiresAt, now)));
      return (done.rowCount ?? 0) > 0;
    },

    async invite(tokenHash, now) {
      const [row] = await db
        .select({ i: a.invites, w: t.workspaces.name })
        .from(a.invites)
        .innerJoin(t.workspaces, eq(t.workspaces.id, a.invites.workspaceId))
        .where(and(eq(a.invites.tokenHash, tokenHash), isNull(a.invites.acceptedAt), gt(a.invites.expiresAt, now)));
      return row ? { email: row.i.email, name: row.i.name, role: row.i.role, workspaceId: row.i.workspaceId, workspaceName: row.w } : null;
    },

    async acceptInvite(tokenHash, passwordHash, now) {
      return db.transaction(async (tx) => {
        // The conditional update makes the link single-use even when two processes accept it at once:
        // the second waits on the row lock, then finds accepted_at set and matches nothing.
        const [inv] = await tx
          .update(a.invites)
          .set({ acceptedAt: now })
          .where(and(eq(a.invites.tokenHash, tokenHash), isNull(a.invites.acceptedAt), gt(a.invites.expiresAt, now)))
          .returning();
        if (!inv) return null;
        // An email already in use (even by a user another invite is creating right now) consumes the link, as on SQLite.
        const [user] = await tx
          .insert(t.users)
          .values({ id: randomUUID(), workspaceId: inv.workspaceId, email: inv.email, name: inv.name, role: inv.role, passwordHash, createdAt: now })
          .onConflictDoNothing({ target: t.users.email })
          .returning({ id: t.users.id });
        return user?.id ?? null;
      });
    },

    async createPasswordReset(tokenHash, userId, workspaceId, now, ttlMs) {
      await db.insert(a.passwordResets).values({ tokenHash, userId, workspaceId, createdAt: now, expiresAt: now + ttlMs });
    },

    async usePasswordReset(tokenHash, passwordHash, now) {
      return db.transaction(async (tx) => {
        const [reset] = await tx
          .update(a.passwordResets)
          .set({ usedAt: now })
          .where(and(eq(a.passwordResets.tokenHash, tokenHash), isNull(a.passwordResets.usedAt), gt(a.passwordResets.expiresAt, now)))
          .returning({ userId: a.passwordResets.userId });
        if (!reset) return null;
        await tx.update(t.users).set({ passwordHash }).where(eq(t.users.id, reset.userId));
        // A password change ends every session, wherever it was opened.
        await tx.delete(t.sessions).where(eq(t.sessions.userId, reset.userId));
        return reset.userId;
      });
    },

    async deactivate(workspaceId, userId) {
      return db.transaction(async (tx) => {
        // Availability is routing input: a route under way in this workspace finishes first, as on SQLite.
        await lockWorkspace(tx, workspaceId);
        const done = await tx
          .update(t.users)
          .set({ active: false, presence: 'away' })
          .where(and(eq(t.users.id, userId), eq(t.users.workspaceId, workspaceId)));
        if (done.rowCount !== 1) return false;
        await tx.delete(t.sessions).where(eq(t.sessions.userId, userId));
        return true;
      });
    },
    async apiKeys(workspaceId) {
      return db
        .select(API_KEY_ROW)
        .from(a.apiKeys)
        .leftJoin(t.users, eq(t.users.id, a.apiKeys.createdBy))
        .where(eq(a.apiKeys.workspaceId, workspaceId))
        .orderBy(desc(a.apiKeys.createdAt), desc(a.apiKeys.id));
    },

    async createApiKey(k, now) {
      await db.insert(a.apiKeys).values({ ...k, createdAt: now });
      const [row] = await db.select(API_KEY_ROW).from(a.apiKeys).leftJoin(t.users, eq(t.users.id, a.apiKeys.createdBy)).where(eq(a.apiKeys.id, k.id));
      return row!;
    },

    async revokeApiKey(workspaceId, id, now) {
      const done = await db
        .update(a.apiKeys)
        .set({ revokedAt: now })
        .where(and(eq(a.apiKeys.id, id), eq(a.apiKeys.workspaceId, workspaceId), isNull(a.apiKeys.revokedAt)));
      return done.rowCount === 1;
    },

    async useApiKey(keyHash, now) {
      const [key] = await db.select().from(a.apiKeys).where(eq(a.apiKeys.keyHash, keyHash));
      if (!key) return null;
      if (key.revokedAt !== null) return { status: 'revoked' };
      await db.update(a.apiKeys).set({ lastUsedAt: now }).where(eq(a.apiKeys.id, key.id));
      return { status: 'live', id: key.id, workspaceId: key.workspaceId, name: key.name };
    },

    async workspaceSettings(workspaceId) {
      const [row] = await db.select({ name: t.workspaces.name, currency: t.workspaces.currency }).from(t.workspaces).where(eq(t.workspaces.id, workspaceId));
      return row ?? null;
    },

    async setCurrency(workspaceId, currency) {
      await db.update(t.workspaces).set({ currency }).where(eq(t.workspaces.id, workspaceId));
    },
  };
}
