// Routing configuration on PostgreSQL: teams and their hours, rules, rep settings, account
// owners, site settings, new sites. The twin of sqlite/config-ops.ts. Changes that read before
// they write (member passes, rule positions, owner lists) hold the workspace's lock, so they
// never interleave with a routing pass or with each other from another process.
import { randomUUID } from 'node:crypto';
import { and, asc, eq, sql } from 'drizzle-orm';
import { toRule } from '../sqlite/rows';
import type { NewRoutingRule, Store } from '../store';
import type { StoreContext } from './context';
import { lockWorkspace } from './locks';
import * as t from './schema';

type ConfigOps = Pick<
  Store,
  | 'createTeam'
  | 'updateTeam'
  | 'setTeamMembers'
  | 'teams'
  | 'createRoutingRule'
  | 'updateRoutingRule'
  | 'deleteRoutingRule'
  | 'routingRules'
  | 'updateRep'
  | 'setAccountOwner'
  | 'updateSiteRouting'
  | 'reorderRoutingRules'
  | 'repSettings'
  | 'accountOwners'
  | 'setAccountOwners'
  | 'createSite'
>;

/** How account-owner domains are stored: `@Acme.com ` -> `acme.com`. */
const ownerDomain = (raw: string) => raw.trim().toLowerCase().replace(/^@/, '');

export function configOps(ctx: StoreContext): ConfigOps {
  const { db } = ctx;

  function ruleColumns(r: Partial<NewRoutingRule>) {
    return {
      ...(r.name !== undefined ? { name: r.name } : {}),
      ...(r.position !== undefined ? { position: r.position } : {}),
      ...(r.conditions !== undefined ? { conditions: JSON.stringify(r.conditions) } : {}),
      ...(r.teamId !== undefined ? { teamId: r.teamId } : {}),
      ...(r.strategy !== undefined ? { strategy: r.strategy } : {}),
      ...(r.overflowTeamId !== undefined ? { overflowTeamId: r.overflowTeamId } : {}),
      ...(r.escalateToEveryone !== undefined ? { escalateToEveryone: r.escalateToEveryone } : {}),
      ...(r.requires !== undefined ? { requires: JSON.stringify({ skills: [], languages: [], territory: false, ...r.requires }) } : {}),
      ...(r.ownerWaitMs !== undefined ? { ownerWaitMs: r.ownerWaitMs } : {}),
    };
  }

  return {
    async createTeam(workspaceId, team, now) {
      return db.transaction(async (tx) => {
        const id = randomUUID();
        await tx.insert(t.teams).values({ id, workspaceId, name: team.name, hours: JSON.stringify(team.hours), createdAt: now });
        if (team.members.length) {
          await tx.insert(t.teamMembers).values(team.members.map((m) => ({ teamId: id, repId: m.repId, workspaceId, weight: Math.max(1, m.weight ?? 1) })));
        }
        return id;
      });
    },

    async updateTeam(teamId, patch) {
      const set = { ...(patch.name !== undefined ? { name: patch.name } : {}), ...(patch.hours !== undefined ? { hours: JSON.stringify(patch.hours) } : {}) };
      if (Object.keys(set).length) await db.update(t.teams).set(set).where(eq(t.teams.id, teamId));
    },

    async setTeamMembers(teamId, members) {
      await db.transaction(async (tx) => {
        const [ws] = await tx.select({ id: t.teams.workspaceId }).from(t.teams).where(eq(t.teams.id, teamId));
        if (!ws) throw new Error(`team ${teamId} missing`);
        // Passes and virtual time move with every weighted offer: read them under the lock.
        await lockWorkspace(tx, ws.id);
        const [team] = await tx.select().from(t.teams).where(eq(t.teams.id, teamId));
        // Members who stay keep their place in weighted routing.
        const passes = new Map((await tx.select().from(t.teamMembers).where(eq(t.teamMembers.teamId, teamId))).map((m) => [m.repId, m.pass]));
        await tx.delete(t.teamMembers).where(eq(t.teamMembers.teamId, teamId));
        if (members.length) {
          await tx.insert(t.teamMembers).values(
            members.map((m) => ({ teamId, repId: m.repId, workspaceId: team!.workspaceId, weight: Math.max(1, m.weight ?? 1), pass: passes.get(m.repId) ?? team!.vtime })),
          );
        }
      });
    },

    async teams(workspaceId) {
      const rows = await db.select().from(t.teams).where(eq(t.teams.workspaceId, workspaceId)).orderBy(asc(t.teams.createdAt));
      const members = await db
        .select({ teamId: t.teamMembers.teamId, repId: t.teamMembers.repId, weight: t.teamMembers.weight, name: t.users.name })
        .from(t.teamMembers)
        .innerJoin(t.users, eq(t.users.id, t.teamMembers.repId))
        .where(eq(t.teamMembers.workspaceId, workspaceId));
      return rows.map((r) => ({
        id: r.id,
        name: r.name,
        hours: JSON.parse(r.hours),
        members: members.filter((m) => m.teamId === r.id).map((m) => ({ repId: m.repId, name: m.name, weight: m.weight })),
      }));
    },

    async createRoutingRule(siteId, rule, now) {
      return db.transaction(async (tx) => {
        const site = await ctx.site(tx, siteId);
        // Two rules added at once from different processes must not share a position.
        await lockWorkspace(tx, site.workspaceId);
        const [last] = await tx
          .select({ max: sql<number | null>`max(${t.routingRules.position})`.mapWith(Number) })
          .from(t.routingRules)
          .where(eq(t.routingRules.siteId, siteId));
        const id = randomUUID();
        await tx.insert(t.routingRules).values({
          id,
          workspaceId: site.workspaceId,
          siteId,
          position: rule.position ?? (last?.max ?? 0) + 1,
          name: rule.name,
          conditions: JSON.stringify(rule.conditions),
          teamId: rule.teamId,
          strategy: rule.strategy,
          createdAt: now,
          ...ruleColumns({ overflowTeamId: rule.overflowTeamId, escalateToEveryone: rule.escalateToEveryone, requires: rule.requires, ownerWaitMs: rule.ownerWaitMs }),
        });
        return id;
      });
    },

    async updateRoutingRule(ruleId, patch) {
      const set = ruleColumns(patch);
      if (Object.keys(set).length) await db.update(t.routingRules).set(set).where(eq(t.routingRules.id, ruleId));
    },

    async deleteRoutingRule(ruleId) {
      await db.delete(t.routingRules).where(eq(t.routingRules.id, ruleId));
    },

    async routingRules(siteId) {
      return (await db.select().from(t.routingRules).where(eq(t.routingRules.siteId, siteId)).orderBy(asc(t.routingRules.position))).map(toRule);
    },

    async reorderRoutingRules(siteId, ruleIds) {
      await db.transaction(async (tx) => {
        const site = await ctx.site(tx, siteId);
        await lockWorkspace(tx, site.workspaceId);
        const rules = await tx
          .select({ id: t.routingRules.id })
          .from(t.routingRules)
          .where(eq(t.routingRules.siteId, siteId))
          .orderBy(asc(t.routingRules.position));
        const listed = ruleIds.filter((id) => rules.some((r) => r.id === id));
        const order = [...new Set(listed), ...rules.map((r) => r.id).filter((id) => !listed.includes(id))];
        for (const [i, id] of order.entries()) {
          await tx
            .update(t.routingRules)
            .set({ position: i + 1 })
            .where(and(eq(t.routingRules.id, id), eq(t.routingRules.siteId, siteId)));
        }
      });
    },

    async repSettings(workspaceId) {
      const users = await db
        .select()
        .from(t.users)
        .where(and(eq(t.users.workspaceId, workspaceId), eq(t.users.active, true)))
        .orderBy(asc(t.users.createdAt));
      return users.map((u) => ({
        id: u.id,
        name: u.name,
        email: u.email,
        role: u.role,
        offerCapacity: u.offerCapacity,
        leadCapacity: u.leadCapacity,
        skills: JSON.parse(u.skills),
        languages: JSON.parse(u.languages),
        territories: JSON.parse(u.territories),
        ownHours: u.ownHours ? JSON.parse(u.ownHours) : null,
      }));
    },

    async accountOwners(workspaceId) {
      return db
        .select({ domain: t.accountOwners.domain, repId: t.accountOwners.repId })
        .from(t.accountOwners)
        .where(eq(t.accountOwners.workspaceId, workspaceId))
        .orderBy(asc(t.accountOwners.domain));
    },

    async setAccountOwners(workspaceId, owners) {
      await db.transaction(async (tx) => {
        // Delete-then-insert from two processes at once would collide on the key; one waits.
        await lockWorkspace(tx, workspaceId);
        await tx.delete(t.accountOwners).where(eq(t.accountOwners.workspaceId, workspaceId));
        if (owners.length) await tx.insert(t.accountOwners).values(owners.map((o) => ({ workspaceId, domain: ownerDomain(o.domain), repId: o.repId })));
      });
    },

    async createSite(workspaceId, s, now) {
      const id = randomUUID();
      await db.insert(t.sites).values({
        id,
        workspaceId,
        name: s.name,
        siteKey: s.siteKey,
        allowedOrigins: JSON.stringify(s.allowedOrigins),
        rules: JSON.stringify(s.rules),
        launcherText: s.launcherText,
        phoneRegion: s.phoneRegion,
        offerTimeoutMs: s.offerTimeoutMs,
        slaMs: s.slaMs,
        missedOffersBeforeAway: s.missedOffersBeforeAway,
        followUpCadence: JSON.stringify(s.followUpCadence),
        createdAt: now,
      });
      return id;
    },

    async updateRep(repId, patch) {
      const set = {
        ...(patch.offerCapacity !== undefined ? { offerCapacity: Math.max(1, patch.offerCapacity) } : {}),
        ...(patch.leadCapacity !== undefined ? { leadCapacity: Math.max(1, patch.leadCapacity) } : {}),
        ...(patch.skills !== undefined ? { skills: JSON.stringify(patch.skills) } : {}),
        ...(patch.languages !== undefined ? { languages: JSON.stringify(patch.languages) } : {}),
        ...(patch.territories !== undefined ? { territories: JSON.stringify(patch.territories.map((c) => c.toUpperCase())) } : {}),
        ...(patch.ownHours !== undefined ? { ownHours: patch.ownHours ? JSON.stringify(patch.ownHours) : null } : {}),
      };
      if (Object.keys(set).length) await db.update(t.users).set(set).where(eq(t.users.id, repId));
    },

    async setAccountOwner(workspaceId, rawDomain, repId) {
      const domain = ownerDomain(rawDomain);
      // One statement each way, so two processes setting the same domain cannot collide.
      if (!repId) {
        await db.delete(t.accountOwners).where(and(eq(t.accountOwners.workspaceId, workspaceId), eq(t.accountOwners.domain, domain)));
        return;
      }
      await db
        .insert(t.accountOwners)
        .values({ workspaceId, domain, repId })
        .onConflictDoUpdate({ target: [t.accountOwners.workspaceId, t.accountOwners.domain], set: { repId } });
    },

    async updateSiteRouting(siteId, patch) {
      const set = {
        ...(patch.offerTimeoutMs !== undefined ? { offerTimeoutMs: patch.offerTimeoutMs } : {}),
        ...(patch.slaMs !== undefined ? { slaMs: patch.slaMs } : {}),
        ...(patch.missedOffersBeforeAway !== undefined ? { missedOffersBeforeAway: patch.missedOffersBeforeAway } : {}),
        ...(patch.followUpCadence !== undefined ? { followUpCadence: JSON.stringify(patch.followUpCadence) } : {}),
      };
      if (Object.keys(set).length) await db.update(t.sites).set(set).where(eq(t.sites.id, siteId));
      ctx.forgetSite(siteId);
    },
  };
}
