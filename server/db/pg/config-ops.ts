// Routing configuration on PostgreSQL: teams and their hours, rules, rep settings, account
// owners, site settings, new sites. The twin of sqlite/config-ops.ts. Changes that read before
// they write (member passes, rule positions, owner lists) hold the workspace's lock, so they
// never interleave with a routing pass or with each other from another process.
import { randomUUID } from 'node:crypto';
import { and, asc, eq } from 'drizzle-orm';
import { toRule } from '../rows';
import {
  memberWeight,
  ownerDomain,
  planRuleInsert,
  repColumns,
  ruleColumns,
  ruleRow,
  siteRoutingColumns,
  siteRow,
  teamColumns,
  toRepSettingsView,
} from '../columns';
import type { ConfigOps } from '../op-types';
import type { StoreContext } from './context';
import { lockWorkspace } from './locks';
import * as t from './schema';

export function configOps(ctx: StoreContext): ConfigOps {
  const { db } = ctx;

  return {
    async createTeam(workspaceId, team, now) {
      return db.transaction(async (tx) => {
        const id = randomUUID();
        await tx.insert(t.teams).values({ id, workspaceId, name: team.name, hours: JSON.stringify(team.hours), createdAt: now });
        if (team.members.length) {
          await tx.insert(t.teamMembers).values(team.members.map((m) => ({ teamId: id, repId: m.repId, workspaceId, weight: memberWeight(m) })));
        }
        return id;
      });
    },

    async updateTeam(teamId, patch) {
      const set = teamColumns(patch);
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
            members.map((m) => ({
              teamId,
              repId: m.repId,
              workspaceId: team!.workspaceId,
              weight: memberWeight(m),
              pass: passes.get(m.repId) ?? team!.vtime,
            })),
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
        const placed = await tx
          .select({ id: t.routingRules.id, position: t.routingRules.position, conditions: t.routingRules.conditions })
          .from(t.routingRules)
          .where(eq(t.routingRules.siteId, siteId))
          .orderBy(asc(t.routingRules.position));
        const plan = planRuleInsert(placed, rule, ctx.rules.planNewRule);
        for (const m of plan.moves)
          await tx
            .update(t.routingRules)
            .set({ position: m.position })
            .where(and(eq(t.routingRules.id, m.id), eq(t.routingRules.siteId, siteId)));
        const id = randomUUID();
        await tx.insert(t.routingRules).values(ruleRow(id, site.workspaceId, siteId, plan.position, rule, now));
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
      return users.map(toRepSettingsView);
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
      await db.insert(t.sites).values(siteRow(id, workspaceId, s, now));
      return id;
    },

    async updateRep(repId, patch) {
      const set = repColumns(patch);
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
      const set = siteRoutingColumns(patch);
      if (Object.keys(set).length) await db.update(t.sites).set(set).where(eq(t.sites.id, siteId));
      ctx.forgetSite(siteId);
    },
  };
}
