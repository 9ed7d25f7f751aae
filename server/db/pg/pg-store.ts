// The PostgreSQL store: the same domain object as the SQLite one, assembled from the same
// operation groups, for several processes sharing one database. Workspace, users, sessions,
// presence, the outbox and cluster leases live here; the groups hold the rest.
import { randomBytes, randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { toSite, toUser } from '../rows';
import type { StoreRules } from '../../routing/store-rules';
import { siteRow, userRow } from '../columns';
import type { NewWorkspace, Store, User } from '../store';
import { bookingOps } from './booking-ops';
import { callOps } from './call-ops';
import { captureOps } from './capture-ops';
import { configOps } from './config-ops';
import { createContext } from './context';
import { leadOps } from './lead-ops';
import { lockWorkspace } from './locks';
import type { PgDb } from './open';
import { routingOps } from './routing-ops';
import * as t from './schema';

/** `rules`: the plans its operations apply (server/routing/store-rules.ts). */
export function createPgStore(db: PgDb, rules: StoreRules): Store {
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
      await db.execute(sql`select 1`);
      return true;
    },

    async isEmpty() {
      const [row] = await db.select({ id: t.workspaces.id }).from(t.workspaces).limit(1);
      return row === undefined;
    },

    async secret(name) {
      // Processes starting together may each try to create it: the first insert wins, every
      // one of them reads the winner's value.
      await db
        .insert(t.settings)
        .values({ key: name, value: randomBytes(32).toString('base64url') })
        .onConflictDoNothing();
      const [row] = await db.select({ value: t.settings.value }).from(t.settings).where(eq(t.settings.key, name));
      if (!row) throw new Error(`setting ${name} missing after insert`);
      return row.value;
    },

    async createWorkspace(w: NewWorkspace, now: number) {
      return db.transaction(async (tx) => {
        const workspaceId = randomUUID();
        await tx.insert(t.workspaces).values({ id: workspaceId, name: w.workspace.name, createdAt: now });
        const sites = w.sites.map((s) => siteRow(randomUUID(), workspaceId, s, now));
        const users = w.users.map((u, i) => userRow(randomUUID(), workspaceId, u, i, now));
        if (sites.length) await tx.insert(t.sites).values(sites);
        if (users.length) await tx.insert(t.users).values(users);
        return { workspaceId, userIds: users.map((u) => u.id), siteIds: sites.map((s) => s.id) };
      });
    },

    async siteByKey(siteKey) {
      const [row] = await db.select().from(t.sites).where(eq(t.sites.siteKey, siteKey));
      return row ? toSite(row) : null;
    },

    async sitesOfWorkspace(workspaceId) {
      return (await db.select().from(t.sites).where(eq(t.sites.workspaceId, workspaceId))).map(toSite);
    },

    async userByEmail(email) {
      const [row] = await db
        .select({ u: t.users, w: { name: t.workspaces.name, currency: t.workspaces.currency } })
        .from(t.users)
        .innerJoin(t.workspaces, eq(t.workspaces.id, t.users.workspaceId))
        .where(eq(t.users.email, email.toLowerCase()));
      return row ? toUser(row.u, row.w) : null;
    },

    async userById(id) {
      const [row] = await db
        .select({ u: t.users, w: { name: t.workspaces.name, currency: t.workspaces.currency } })
        .from(t.users)
        .innerJoin(t.workspaces, eq(t.workspaces.id, t.users.workspaceId))
        .where(eq(t.users.id, id));
      return row ? toUser(row.u, row.w) : null;
    },

    async createSession(tokenHash, userId, now, ttlMs) {
      const [user] = await db.select({ workspaceId: t.users.workspaceId }).from(t.users).where(eq(t.users.id, userId));
      if (!user) throw new Error('unknown user');
      await db.insert(t.sessions).values({ tokenHash, userId, workspaceId: user.workspaceId, createdAt: now, expiresAt: now + ttlMs });
    },

    async userBySession(tokenHash, now): Promise<User | null> {
      const [row] = await db
        .select({ u: t.users, w: { name: t.workspaces.name, currency: t.workspaces.currency }, expiresAt: t.sessions.expiresAt })
        .from(t.sessions)
        .innerJoin(t.users, eq(t.users.id, t.sessions.userId))
        .innerJoin(t.workspaces, eq(t.workspaces.id, t.users.workspaceId))
        .where(eq(t.sessions.tokenHash, tokenHash));
      if (!row || row.expiresAt <= now || !row.u.active) return null;
      return toUser(row.u, row.w);
    },

    async deleteSession(tokenHash) {
      await db.delete(t.sessions).where(eq(t.sessions.tokenHash, tokenHash));
    },

    async setPresence(userId, presence, reason = null) {
      await db.transaction(async (tx) => {
        const [user] = await tx.select({ workspaceId: t.users.workspaceId }).from(t.users).where(eq(t.users.id, userId));
        if (!user) return;
        // The missed count is routing state (an expiry in another process may be raising it).
        await lockWorkspace(tx, user.workspaceId);
        const [was] = await tx.select({ presence: t.users.presence }).from(t.users).where(eq(t.users.id, userId));
        // Coming back from away is an answer to being set away: the missed count starts again.
        const back = presence === 'available' && was?.presence === 'away';
        const extra = presence === 'available' ? { awayReason: null, ...(back ? { missedInARow: 0 } : {}) } : { awayReason: reason };
        await tx
          .update(t.users)
          .set({ presence, ...extra })
          .where(eq(t.users.id, userId));
      });
    },

    async siteOfLead(leadId) {
      const [row] = await db.select({ siteId: t.leads.siteId }).from(t.leads).where(eq(t.leads.id, leadId));
      return row ? ctx.site(db, row.siteId) : null;
    },

    async takeLease(name, holder, ttlMs, now) {
      // One statement: taken when free, renewed by its holder, handed over once expired; a
      // live lease of another holder leaves the row alone and returns nothing.
      const won = await db
        .insert(t.leases)
        .values({ name, holder, expiresAt: now + ttlMs })
        .onConflictDoUpdate({
          target: t.leases.name,
          set: { holder: sql`excluded.holder`, expiresAt: sql`excluded.expires_at` },
          setWhere: sql`leases.holder = excluded.holder or leases.expires_at <= ${now}`,
        })
        .returning({ holder: t.leases.holder });
      return won.length > 0;
    },

    close() {
      return db.$client.end();
    },
  };
  return store;
}
