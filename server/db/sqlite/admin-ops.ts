import { randomUUID } from 'node:crypto';
import { and, asc, desc, eq, gt, isNull, like } from 'drizzle-orm';
import type { AdminStore } from '../../console/admin-store';
import * as t from '../schema';
import * as a from '../admin-schema';
import { inviteId, isInviteId } from '../invite-id';
import type { Db } from './open';

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

export function createAdminOps(db: Db): AdminStore {
  return {
    async users(workspaceId) {
      return db
        .select({ id: t.users.id, email: t.users.email, name: t.users.name, role: t.users.role, active: t.users.active, createdAt: t.users.createdAt })
        .from(t.users)
        .where(eq(t.users.workspaceId, workspaceId))
        .orderBy(asc(t.users.createdAt))
        .all();
    },

    async createInvite(i, now, ttlMs) {
      db.insert(a.invites)
        .values({ ...i, email: i.email.toLowerCase(), createdAt: now, expiresAt: now + ttlMs })
        .run();
    },

    async pendingInvites(workspaceId, now) {
      return db
        .select()
        .from(a.invites)
        .where(and(eq(a.invites.workspaceId, workspaceId), isNull(a.invites.acceptedAt), gt(a.invites.expiresAt, now)))
        .orderBy(asc(a.invites.createdAt))
        .all()
        .map((i) => ({ id: inviteId(i.tokenHash), email: i.email, name: i.name, role: i.role, createdAt: i.createdAt, expiresAt: i.expiresAt }));
    },

    async revokeInvite(workspaceId, id, now) {
      if (!isInviteId(id)) return false;
      const done = db
        .delete(a.invites)
        .where(and(eq(a.invites.workspaceId, workspaceId), like(a.invites.tokenHash, `${id}%`), isNull(a.invites.acceptedAt), gt(a.invites.expiresAt, now)))
        .run();
      return done.changes > 0;
    },

    async invite(tokenHash, now) {
      const row = db
        .select({ i: a.invites, w: t.workspaces.name })
        .from(a.invites)
        .innerJoin(t.workspaces, eq(t.workspaces.id, a.invites.workspaceId))
        .where(and(eq(a.invites.tokenHash, tokenHash), isNull(a.invites.acceptedAt), gt(a.invites.expiresAt, now)))
        .get();
      return row ? { email: row.i.email, name: row.i.name, role: row.i.role, workspaceId: row.i.workspaceId, workspaceName: row.w } : null;
    },

    async acceptInvite(tokenHash, passwordHash, now) {
      return db.transaction((tx) => {
        // The conditional update makes the link single-use even under concurrent accepts.
        const used = tx
          .update(a.invites)
          .set({ acceptedAt: now })
          .where(and(eq(a.invites.tokenHash, tokenHash), isNull(a.invites.acceptedAt), gt(a.invites.expiresAt, now)))
          .run();
        if (used.changes !== 1) return null;
        const inv = tx.select().from(a.invites).where(eq(a.invites.tokenHash, tokenHash)).get()!;
        if (tx.select({ id: t.users.id }).from(t.users).where(eq(t.users.email, inv.email)).get()) return null;
        const id = randomUUID();
        tx.insert(t.users).values({ id, workspaceId: inv.workspaceId, email: inv.email, name: inv.name, role: inv.role, passwordHash, createdAt: now }).run();
        return id;
      });
    },

    async createPasswordReset(tokenHash, userId, workspaceId, now, ttlMs) {
      db.insert(a.passwordResets)
        .values({ tokenHash, userId, workspaceId, createdAt: now, expiresAt: now + ttlMs })
        .run();
    },

    async usePasswordReset(tokenHash, passwordHash, now) {
      return db.transaction((tx) => {
        const used = tx
          .update(a.passwordResets)
          .set({ usedAt: now })
          .where(and(eq(a.passwordResets.tokenHash, tokenHash), isNull(a.passwordResets.usedAt), gt(a.passwordResets.expiresAt, now)))
          .run();
        if (used.changes !== 1) return null;
        const reset = tx.select().from(a.passwordResets).where(eq(a.passwordResets.tokenHash, tokenHash)).get()!;
        tx.update(t.users).set({ passwordHash }).where(eq(t.users.id, reset.userId)).run();
        // A password change ends every session, wherever it was opened.
        tx.delete(t.sessions).where(eq(t.sessions.userId, reset.userId)).run();
        return reset.userId;
      });
    },

    async deactivate(workspaceId, userId) {
      return db.transaction((tx) => {
        const done = tx
          .update(t.users)
          .set({ active: false, presence: 'away' })
          .where(and(eq(t.users.id, userId), eq(t.users.workspaceId, workspaceId)))
          .run();
        if (done.changes !== 1) return false;
        tx.delete(t.sessions).where(eq(t.sessions.userId, userId)).run();
        return true;
      });
    },
    async apiKeys(workspaceId) {
      return db
        .select(API_KEY_ROW)
        .from(a.apiKeys)
        .leftJoin(t.users, eq(t.users.id, a.apiKeys.createdBy))
        .where(eq(a.apiKeys.workspaceId, workspaceId))
        .orderBy(desc(a.apiKeys.createdAt), desc(a.apiKeys.id))
        .all();
    },

    async createApiKey(k, now) {
      db.insert(a.apiKeys)
        .values({ ...k, createdAt: now })
        .run();
      return db.select(API_KEY_ROW).from(a.apiKeys).leftJoin(t.users, eq(t.users.id, a.apiKeys.createdBy)).where(eq(a.apiKeys.id, k.id)).get()!;
    },

    async revokeApiKey(workspaceId, id, now) {
      const done = db
        .update(a.apiKeys)
        .set({ revokedAt: now })
        .where(and(eq(a.apiKeys.id, id), eq(a.apiKeys.workspaceId, workspaceId), isNull(a.apiKeys.revokedAt)))
        .run();
      return done.changes === 1;
    },

    async useApiKey(keyHash, now) {
      const key = db.select().from(a.apiKeys).where(eq(a.apiKeys.keyHash, keyHash)).get();
      if (!key) return null;
      if (key.revokedAt !== null) return { status: 'revoked' };
      db.update(a.apiKeys).set({ lastUsedAt: now }).where(eq(a.apiKeys.id, key.id)).run();
      return { status: 'live', id: key.id, workspaceId: key.workspaceId, name: key.name };
    },

    async workspaceSettings(workspaceId) {
      return db.select({ name: t.workspaces.name, currency: t.workspaces.currency }).from(t.workspaces).where(eq(t.workspaces.id, workspaceId)).get() ?? null;
    },

    async setCurrency(workspaceId, currency) {
      db.update(t.workspaces).set({ currency }).where(eq(t.workspaces.id, workspaceId)).run();
    },
  };
}
