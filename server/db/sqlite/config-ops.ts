// Routing configuration: teams and their hours, rules, rep settings, account owners, site
// settings, new sites. Used by the demo seed, tests and the console's admin endpoints.
import { randomUUID } from 'node:crypto';
import { and, asc, eq, sql } from 'drizzle-orm';
import * as t from '../schema';
import type { NewRoutingRule, Store } from '../store';
import type { StoreContext } from './context';
import { toRule } from './rows';

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
      return db.transaction((tx) => {
        const id = randomUUID();
        tx.insert(t.teams).values({ id, workspaceId, name: team.name, hours: JSON.stringify(team.hours), createdAt: now }).run();
        for (const m of team.members) tx.insert(t.teamMembers).values({ teamId: id, repId: m.repId, workspaceId, weight: Math.max(1, m.weight ?? 1) }).run();
        return id;
      });
    },

    async updateTeam(teamId, patch) {
      const set = { ...(patch.name !== undefined ? { name: patch.name } : {}), ...(patch.hours !== undefined ? { hours: JSON.stringify(patch.hours) } : {}) };
      if (Object.keys(set).length) db.update(t.teams).set(set).where(eq(t.teams.id, teamId)).run();
    },

    async setTeamMembers(teamId, members) {
      db.transaction((tx) => {
        const team = tx.select().from(t.teams).where(eq(t.teams.id, teamId)).get();
        if (!team) throw new Error(`team ${teamId} missing`);
        // Members who stay keep their place in weighted routing.
        const passes = new Map(tx.select().from(t.teamMembers).where(eq(t.teamMembers.teamId, teamId)).all().map((m) => [m.repId, m.pass]));
        tx.delete(t.teamMembers).where(eq(t.teamMembers.teamId, teamId)).run();
        for (const m of members) {
          tx.insert(t.teamMembers)
            .values({ teamId, repId: m.repId, workspaceId: team.workspaceId, weight: Math.max(1, m.weight ?? 1), pass: passes.get(m.repId) ?? team.vtime })
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
        const last = tx.select({ max: sql<number | null>`max(${t.routingRules.position})` }).from(t.routingRules).where(eq(t.routingRules.siteId, siteId)).get();
        const id = randomUUID();
        tx.insert(t.routingRules)
          .values({
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
          })
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
        const rules = tx.select({ id: t.routingRules.id }).from(t.routingRules).where(eq(t.routingRules.siteId, siteId)).orderBy(asc(t.routingRules.position)).all();
        const listed = ruleIds.filter((id) => rules.some((r) => r.id === id));
        const order = [...new Set(listed), ...rules.map((r) => r.id).filter((id) => !listed.includes(id))];
        order.forEach((id, i) => tx.update(t.routingRules).set({ position: i + 1 }).where(and(eq(t.routingRules.id, id), eq(t.routingRules.siteId, siteId))).run());
      });
    },

    async repSettings(workspaceId) {
      return db
        .select()
        .from(t.users)
        .where(and(eq(t.users.workspaceId, workspaceId), eq(t.users.active, true)))
        .orderBy(asc(t.users.createdAt))
        .all()
        .map((u) => ({
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
        .orderBy(asc(t.accountOwners.domain))
        .all();
    },

    async setAccountOwners(workspaceId, owners) {
      db.transaction((tx) => {
        tx.delete(t.accountOwners).where(eq(t.accountOwners.workspaceId, workspaceId)).run();
        for (const o of owners) tx.insert(t.accountOwners).values({ workspaceId, domain: o.domain.trim().toLowerCase().replace(/^@/, ''), repId: o.repId }).run();
      });
    },

    async createSite(workspaceId, s, now) {
      const id = randomUUID();
      db.insert(t.sites)
        .values({
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
        })
        .run();
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
      if (Object.keys(set).length) db.update(t.users).set(set).where(eq(t.users.id, repId)).run();
    },

    async setAccountOwner(workspaceId, rawDomain, repId) {
      const domain = rawDomain.trim().toLowerCase().replace(/^@/, '');
      db.transaction((tx) => {
        tx.delete(t.accountOwners).where(and(eq(t.accountOwners.workspaceId, workspaceId), eq(t.accountOwners.domain, domain))).run();
        if (repId) tx.insert(t.accountOwners).values({ workspaceId, domain, repId }).run();
      });
    },

    async updateSiteRouting(siteId, patch) {
      const set = {
        ...(patch.offerTimeoutMs !== undefined ? { offerTimeoutMs: patch.offerTimeoutMs } : {}),
        ...(patch.slaMs !== undefined ? { slaMs: patch.slaMs } : {}),
        ...(patch.missedOffersBeforeAway !== undefined ? { missedOffersBeforeAway: patch.missedOffersBeforeAway } : {}),
        ...(patch.followUpCadence !== undefined ? { followUpCadence: JSON.stringify(patch.followUpCadence) } : {}),
      };
      if (Object.keys(set).length) db.update(t.sites).set(set).where(eq(t.sites.id, siteId)).run();
      ctx.forgetSite(siteId);
    },
  };
}
