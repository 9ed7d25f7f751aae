// Routing configuration: teams and their hours, rules, rep settings, account owners, site
// settings, new sites. Used by the demo seed, tests and the console's admin endpoints.
import { randomUUID } from 'node:crypto';
import { and, asc, eq } from 'drizzle-orm';
import * as t from '../schema';
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
import { toRule } from '../rows';

export function configOps(ctx: StoreContext): ConfigOps {
  const { db } = ctx;

  return {
    async createTeam(workspaceId, team, now) {
      return db.transaction((tx) => {
        const id = randomUUID();
        tx.insert(t.teams)
          .values({ id, workspaceId, name: team.name, hours: JSON.stringify(team.hours), createdAt: now })
          .run();
        for (const m of team.members)
          tx.insert(t.teamMembers)
            .values({ teamId: id, repId: m.repId, workspaceId, weight: memberWeight(m) })
            .run();
        return id;
      });
    },

    async updateTeam(teamId, patch) {
      const set = teamColumns(patch);
      if (Object.keys(set).length) db.update(t.teams).set(set).where(eq(t.teams.id, teamId)).run();
    },

    async setTeamMembers(teamId, members) {
      db.transaction((tx) => {
        const team = tx.select().from(t.teams).where(eq(t.teams.id, teamId)).get();
        if (!team) throw new Error(`team ${teamId} missing`);
        // Members who stay keep their place in weighted routing.
        const passes = new Map(
          tx
            .select()
            .from(t.teamMembers)
            .where(eq(t.teamMembers.teamId, teamId))
            .all()
            .map((m) => [m.repId, m.pass]),
        );
        tx.delete(t.teamMembers).where(eq(t.teamMembers.teamId, teamId)).run();
        for (const m of members) {
          tx.insert(t.teamMembers)
            .values({ teamId, repId: m.repId, workspaceId: team.workspaceId, weight: memberWeight(m), pass: passes.get(m.repId) ?? team.vtime })
            .run();
        }
      });
    },

    async teams(workspaceId) {
      const rows = db.select().from(t.teams).where(eq(t.teams.workspaceId, workspaceId)).orderBy(asc(t.teams.createdAt)).all();
      const members = db
        .select({ teamId: t.teamMembers.teamId, repId: t.teamMembers.repId, weight: t.teamMembers.weight, name: t.users.name })
        .from(t.teamMembers)
        .innerJoin(t.users, eq(t.users.id, t.teamMembers.repId))
        .where(eq(t.teamMembers.workspaceId, workspaceId))
        .all();
      return rows.map((r) => ({
        id: r.id,
        name: r.name,
        hours: JSON.parse(r.hours),
        members: members.filter((m) => m.teamId === r.id).map((m) => ({ repId: m.repId, name: m.name, weight: m.weight })),
      }));
    },

    async createRoutingRule(siteId, rule, now) {
      return db.transaction((tx) => {
        const site = ctx.site(tx, siteId);
        const placed = tx
          .select({ id: t.routingRules.id, position: t.routingRules.position, conditions: t.routingRules.conditions })
          .from(t.routingRules)
          .where(eq(t.routingRules.siteId, siteId))
          .orderBy(asc(t.routingRules.position))
          .all();
        const plan = planRuleInsert(placed, rule, ctx.rules.planNewRule);
        for (const m of plan.moves)
          tx.update(t.routingRules)
            .set({ position: m.position })
            .where(and(eq(t.routingRules.id, m.id), eq(t.routingRules.siteId, siteId)))
            .run();
        const id = randomUUID();
        tx.insert(t.routingRules)
          .values(ruleRow(id, site.workspaceId, siteId, plan.position, rule, now))
          .run();
        return id;
      });
    },

    async updateRoutingRule(ruleId, patch) {
      const set = ruleColumns(patch);
      if (Object.keys(set).length) db.update(t.routingRules).set(set).where(eq(t.routingRules.id, ruleId)).run();
    },

    async deleteRoutingRule(ruleId) {
      db.delete(t.routingRules).where(eq(t.routingRules.id, ruleId)).run();
    },

    async routingRules(siteId) {
      return db.select().from(t.routingRules).where(eq(t.routingRules.siteId, siteId)).orderBy(asc(t.routingRules.position)).all().map(toRule);
    },

    async reorderRoutingRules(siteId, ruleIds) {
      db.transaction((tx) => {
        const rules = tx
          .select({ id: t.routingRules.id })
          .from(t.routingRules)
          .where(eq(t.routingRules.siteId, siteId))
          .orderBy(asc(t.routingRules.position))
          .all();
        const listed = ruleIds.filter((id) => rules.some((r) => r.id === id));
        const order = [...new Set(listed), ...rules.map((r) => r.id).filter((id) => !listed.includes(id))];
        order.forEach((id, i) =>
          tx
            .update(t.routingRules)
            .set({ position: i + 1 })
            .where(and(eq(t.routingRules.id, id), eq(t.routingRules.siteId, siteId)))
            .run(),
        );
      });
    },

    async repSettings(workspaceId) {
      return db
        .select()
        .from(t.users)
        .where(and(eq(t.users.workspaceId, workspaceId), eq(t.users.active, true)))
        .orderBy(asc(t.users.createdAt))
        .all()
        .map(toRepSettingsView);
    },

    async accountOwners(workspaceId) {
      return db
        .select({ domain: t.accountOwners.domain, repId: t.accountOwners.repId })
        .from(t.accountOwners)
        .where(eq(t.accountOwners.workspaceId, workspaceId))
        .orderBy(asc(t.accountOwners.domain))
        .all();
    },

    async setAccountOwners(workspaceId, owners) {
      db.transaction((tx) => {
        tx.delete(t.accountOwners).where(eq(t.accountOwners.workspaceId, workspaceId)).run();
        for (const o of owners)
          tx.insert(t.accountOwners)
            .values({ workspaceId, domain: ownerDomain(o.domain), repId: o.repId })
            .run();
      });
    },

    async createSite(workspaceId, s, now) {
      const id = randomUUID();
      db.insert(t.sites)
        .values(siteRow(id, workspaceId, s, now))
        .run();
      return id;
    },

    async updateRep(repId, patch) {
      const set = repColumns(patch);
      if (Object.keys(set).length) db.update(t.users).set(set).where(eq(t.users.id, repId)).run();
    },

    async setAccountOwner(workspaceId, rawDomain, repId) {
      const domain = ownerDomain(rawDomain);
      db.transaction((tx) => {
        tx.delete(t.accountOwners)
          .where(and(eq(t.accountOwners.workspaceId, workspaceId), eq(t.accountOwners.domain, domain)))
          .run();
        if (repId) tx.insert(t.accountOwners).values({ workspaceId, domain, repId }).run();
      });
    },

    async updateSiteRouting(siteId, patch) {
      const set = siteRoutingColumns(patch);
      if (Object.keys(set).length) db.update(t.sites).set(set).where(eq(t.sites.id, siteId)).run();
      ctx.forgetSite(siteId);
    },
  };
}
