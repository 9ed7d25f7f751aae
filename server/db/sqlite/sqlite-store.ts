// The SQLite store: one object speaking the domain, assembled from operation groups that each
// run their work in one transaction (leads, routing, routing configuration).
import { randomBytes, randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { StoreRules } from '../../routing/store-rules';
import * as t from '../schema';
import { siteRow, userRow } from '../columns';
import type { NewWorkspace, Store, User } from '../store';
import { bookingOps } from './booking-ops';
import { callOps } from './call-ops';
import { captureOps } from './capture-ops';
import { configOps } from './config-ops';
import { createContext } from './context';
import { leadOps } from './lead-ops';
import type { Db } from './open';
import { routingOps } from './routing-ops';
import { toSite, toUser } from '../rows';

/** `rules`: the plans its operations apply (server/routing/store-rules.ts). */
export function createSqliteStore(db: Db, rules: StoreRules): Store {
  const ctx = createContext(db, rules);
  const { routeIn, ...routing } = routingOps(ctx);

  const store: Store = {
    ...leadOps(ctx),
    ...routing,
    ...captureOps(ctx, routeIn),
    ...configOps(ctx),
    ...bookingOps(ctx),
    ...callOps(ctx),

    async ping() {
      return db.$client.prepare('select 1 as ok').get() !== undefined;
    },

    async isEmpty() {
      return db.select({ id: t.workspaces.id }).from(t.workspaces).limit(1).get() === undefined;
    },

    async takeLease(name, holder, ttlMs, now) {
      // One statement: take a free or expired lease, or renew our own; anyone else's live lease stays.
      const row = db.$client
        .prepare(
          `insert into leases (name, holder, expires_at) values (?, ?, ?)
           on conflict (name) do update set holder = excluded.holder, expires_at = excluded.expires_at
           where leases.holder = excluded.holder or leases.expires_at <= ?
           returning holder`,
        )
        .get(name, holder, now + ttlMs, now) as { holder: string } | undefined;
      return row?.holder === holder;
    },

    async secret(name) {
      return db.transaction((tx) => {
        const row = tx.select().from(t.settings).where(eq(t.settings.key, name)).get();
        if (row) return row.value;
        const value = randomBytes(32).toString('base64url');
        tx.insert(t.settings).values({ key: name, value }).run();
        return value;
      });
    },

    async createWorkspace(w: NewWorkspace, now: number) {
      return db.transaction((tx) => {
        const workspaceId = randomUUID();
        tx.insert(t.workspaces).values({ id: workspaceId, name: w.workspace.name, createdAt: now }).run();
        const siteIds = w.sites.map((s) => {
          const id = randomUUID();
          tx.insert(t.sites)
            .values(siteRow(id, workspaceId, s, now))
            .run();
          return id;
        });
        const userIds = w.users.map((u, i) => {
          const id = randomUUID();
          tx.insert(t.users)
            .values(userRow(id, workspaceId, u, i, now))
            .run();
          return id;
        });
        return { workspaceId, userIds, siteIds };
      });
    },

    async siteByKey(siteKey) {
      const row = db.select().from(t.sites).where(eq(t.sites.siteKey, siteKey)).get();
      return row ? toSite(row) : null;
    },

    async sitesOfWorkspace(workspaceId) {
      return db.select().from(t.sites).where(eq(t.sites.workspaceId, workspaceId)).all().map(toSite);
    },

    async userByEmail(email) {
      const row = db
        .select({ u: t.users, w: { name: t.workspaces.name, currency: t.workspaces.currency } })
        .from(t.users)
        .innerJoin(t.workspaces, eq(t.workspaces.id, t.users.workspaceId))
        .where(eq(t.users.email, email.toLowerCase()))
        .get();
      return row ? toUser(row.u, row.w) : null;
    },

    async userById(id) {
      const row = db
        .select({ u: t.users, w: { name: t.workspaces.name, currency: t.workspaces.currency } })
        .from(t.users)
        .innerJoin(t.workspaces, eq(t.workspaces.id, t.users.workspaceId))
        .where(eq(t.users.id, id))
        .get();
      return row ? toUser(row.u, row.w) : null;
    },

    async createSession(tokenHash, userId, now, ttlMs) {
      const user = db.select({ workspaceId: t.users.workspaceId }).from(t.users).where(eq(t.users.id, userId)).get();
      if (!user) throw new Error('unknown user');
      db.insert(t.sessions)
        .values({ tokenHash, userId, workspaceId: user.workspaceId, createdAt: now, expiresAt: now + ttlMs })
        .run();
    },

    async userBySession(tokenHash, now): Promise<User | null> {
      const row = db
        .select({ u: t.users, w: { name: t.workspaces.name, currency: t.workspaces.currency }, expiresAt: t.sessions.expiresAt })
        .from(t.sessions)
        .innerJoin(t.users, eq(t.users.id, t.sessions.userId))
        .innerJoin(t.workspaces, eq(t.workspaces.id, t.users.workspaceId))
        .where(eq(t.sessions.tokenHash, tokenHash))
        .get();
      if (!row || row.expiresAt <= now || !row.u.active) return null;
      return toUser(row.u, row.w);
    },

    async deleteSession(tokenHash) {
      db.delete(t.sessions).where(eq(t.sessions.tokenHash, tokenHash)).run();
    },

    async setPresence(userId, presence, reason = null) {
      db.transaction((tx) => {
        const was = tx.select({ presence: t.users.presence }).from(t.users).where(eq(t.users.id, userId)).get();
        // Coming back from away is an answer to being set away: the missed count starts again.
        const back = presence === 'available' && was?.presence === 'away';
        const extra = presence === 'available' ? { awayReason: null, ...(back ? { missedInARow: 0 } : {}) } : { awayReason: reason };
        tx.update(t.users)
          .set({ presence, ...extra })
          .where(eq(t.users.id, userId))
          .run();
      });
    },

    async siteOfLead(leadId) {
      const row = db.select({ siteId: t.leads.siteId }).from(t.leads).where(eq(t.leads.id, leadId)).get();
      return row ? ctx.site(db, row.siteId) : null;
    },

    close() {
      db.$client.close();
    },
  };
  return store;
}
