// Reads what the routing core needs about one lead, over PostgreSQL: the twin of
// sqlite/routing-snapshot.ts. Every read takes the connection, so inside a routing transaction
// (after the workspace lock) it sees exactly the state the decision is committed against.
import { and, asc, eq, sql } from 'drizzle-orm';
import { leadFacts } from '../../routing/lead-facts.core';
import type { RepState, RoutingSnapshot, Team } from '../../routing/routing.types';
import { parseJson, toRepState, toRule, toTeam } from '../sqlite/rows';
import type { PgConn } from './open';
import * as t from './schema';
import * as tr from './tracking-schema';

export type LeadRow = typeof t.leads.$inferSelect;

export interface SnapshotReader {
  lead(conn: PgConn, id: string): Promise<LeadRow | undefined>;
  /** Every active user of the workspace with their open offers and active leads. */
  reps(conn: PgConn, workspaceId: string, online: ReadonlySet<string>): Promise<RepState[]>;
  teams(conn: PgConn, workspaceId: string): Promise<Map<string, Team>>;
  snapshot(conn: PgConn, lead: LeadRow, online: ReadonlySet<string>): Promise<RoutingSnapshot>;
}

// Each rep's load counted beside their row: one round trip instead of three per routing pass
// (the indexes offers_rep_status and leads_owner serve the subqueries). Plain SQL names: drizzle
// leaves columns of the select list unqualified, which inside a subquery would mean its own table.
const openOffersOf = sql<number>`(select count(*)::int from offers o where o.rep_id = users.id and o.status = 'offered')`;
const activeLeadsOf = sql<number>`(select count(*)::int from leads l where l.owner_id = users.id and l.routing = 'owned' and l.outcome is null)`;

export function createSnapshotReader(): SnapshotReader {
  const reader: SnapshotReader = {
    async lead(conn, leadId) {
      const [row] = await conn.select().from(t.leads).where(eq(t.leads.id, leadId));
      return row;
    },

    async reps(conn, workspaceId, online) {
      const rows = await conn
        .select({ u: t.users, openOffers: openOffersOf, activeLeads: activeLeadsOf })
        .from(t.users)
        .where(and(eq(t.users.workspaceId, workspaceId), eq(t.users.active, true)))
        .orderBy(asc(t.users.createdAt));
      return rows.map((r) => toRepState(r.u, { openOffers: r.openOffers, activeLeads: r.activeLeads }, online.has(r.u.id)));
    },

    async teams(conn, workspaceId) {
      const members = await conn.select().from(t.teamMembers).where(eq(t.teamMembers.workspaceId, workspaceId));
      const teams = await conn.select().from(t.teams).where(eq(t.teams.workspaceId, workspaceId)).orderBy(asc(t.teams.createdAt));
      return new Map(teams.map((row) => [row.id, toTeam(row, members.filter((m) => m.teamId === row.id))]));
    },

    async snapshot(conn, lead, online) {
      // Traits and first-touch attribution live with the tracked visitor, when there is one.
      const [visitor] = await conn
        .select({ traits: tr.visitors.traits, source: tr.visitors.utmSource, medium: tr.visitors.utmMedium, campaign: tr.visitors.utmCampaign })
        .from(tr.visitors)
        .where(eq(tr.visitors.leadId, lead.id))
        .limit(1);
      const facts = leadFacts({
        id: lead.id,
        phone: lead.phone,
        email: lead.email,
        pageUrl: lead.pageUrl,
        answers: parseJson<Record<string, string>>(lead.answers, {}),
        score: lead.score,
        traits: visitor ? parseJson<Record<string, string | number | boolean>>(visitor.traits, {}) : {},
        ...(visitor ? { utm: { source: visitor.source, medium: visitor.medium, campaign: visitor.campaign } } : {}),
      });
      const [owner] = facts.emailDomain
        ? await conn
            .select({ repId: t.accountOwners.repId })
            .from(t.accountOwners)
            .where(and(eq(t.accountOwners.workspaceId, lead.workspaceId), eq(t.accountOwners.domain, facts.emailDomain)))
        : [];
      const rules = await conn.select().from(t.routingRules).where(eq(t.routingRules.siteId, lead.siteId)).orderBy(asc(t.routingRules.position));
      const offers = await conn
        .select({ repId: t.offers.repId, status: t.offers.status, offeredAt: t.offers.offeredAt })
        .from(t.offers)
        .where(eq(t.offers.leadId, lead.id));
      return {
        lead: facts,
        hotAt: lead.hotAt ?? lead.capturedAt,
        roundStartedAt: lead.roundStartedAt,
        rules: rules.map(toRule),
        teams: await reader.teams(conn, lead.workspaceId),
        reps: await reader.reps(conn, lead.workspaceId, online),
        offers,
        accountOwnerId: owner?.repId ?? null,
      };
    },
  };
  return reader;
}
