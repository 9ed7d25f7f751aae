// Reads what the routing core needs about one lead. Prepared once per store: routing runs on
// every capture, answer and availability change, so it must not rebuild its queries each time.
// Statements run on the same connection, so inside the caller's transaction.
import { and, asc, count, eq, isNull, sql } from 'drizzle-orm';
import type { Roster } from '../../routing/carry-roster.core';
import type { RepState, RoutingSnapshot, Team } from '../../routing/routing.types';
import type { StoreRules } from '../../routing/store-rules';
import type { VisitorFacts } from '../../routing/visitor-status.core';
import * as t from '../schema';
import * as b from '../booking-schema';
import * as tr from '../tracking-schema';
import type { Db } from './open';
import { parseJson, toRepState, toRule, toTeam } from '../rows';
import { talkOf, type SnapshotLeadRow } from '../routing-rows';

export type LeadRow = typeof t.leads.$inferSelect;

/**
 * Rosters by workspace, read once in a transaction that decides several leads and carried from
 * one decision to the next (group-commit.ts, routing/carry-roster.core.ts), with the online reps
 * they were read for.
 */
export type RosterMemo = Map<string, { online: ReadonlySet<string>; roster: Roster }>;

export interface SnapshotReader {
  lead(id: string): LeadRow | undefined;
  /** Every active user of the workspace with their open offers and active leads. */
  reps(workspaceId: string, online: ReadonlySet<string>): RepState[];
  teams(workspaceId: string): Map<string, Team>;
  /** `rosters`: the transaction's carried rosters, when it decides several leads. */
  snapshot(lead: SnapshotLeadRow, online: ReadonlySet<string>, rosters?: RosterMemo): RoutingSnapshot;
  /** The lead's open offers with their reps' names, first offered first (its visitor is told who is asked). */
  offeredTo(leadId: string): VisitorFacts['openOffers'];
}

// Each rep with their load, counted per rep through offers_rep_status and leads_owner_active (as
// the PostgreSQL store does): a count over the workspace's offers or owned leads grows with its
// history (every broadcast leaves a hundred offers behind), one rep's open ones do not.
// `users.id` is spelled out: drizzle leaves a one-table query's columns unqualified.
export function repsWithLoad(db: Db) {
  return db
    .select({
      user: t.users,
      openOffers: sql<number>`(select count(*) from ${t.offers} o where o.rep_id = users.id and o.status = 'offered')`,
      activeLeads: sql<number>`(select count(*) from ${t.leads} l where l.owner_id = users.id and l.routing = 'owned' and l.outcome is null)`,
    })
    .from(t.users)
    .where(and(eq(t.users.workspaceId, sql.placeholder('ws')), eq(t.users.active, true)))
    .orderBy(asc(t.users.createdAt));
}

export function createSnapshotReader(db: Db, rules: Pick<StoreRules, 'leadFacts'>): SnapshotReader {
  const ws = sql.placeholder('ws');
  const id = sql.placeholder('id');
  const q = {
    lead: db.select().from(t.leads).where(eq(t.leads.id, id)).prepare(),
    users: repsWithLoad(db).prepare(),
    members: db.select().from(t.teamMembers).where(eq(t.teamMembers.workspaceId, ws)).prepare(),
    teams: db.select().from(t.teams).where(eq(t.teams.workspaceId, ws)).orderBy(asc(t.teams.createdAt)).prepare(),
    rules: db
      .select()
      .from(t.routingRules)
      .where(eq(t.routingRules.siteId, sql.placeholder('site')))
      .orderBy(asc(t.routingRules.position))
      .prepare(),
    offersOfLead: db
      .select({ repId: t.offers.repId, status: t.offers.status, offeredAt: t.offers.offeredAt, step: t.offers.step })
      .from(t.offers)
      .where(eq(t.offers.leadId, id))
      .prepare(),
    offeredTo: db
      .select({ repName: t.users.name, offeredAt: t.offers.offeredAt, expiresAt: t.offers.expiresAt })
      .from(t.offers)
      .innerJoin(t.users, eq(t.users.id, t.offers.repId))
      .where(and(eq(t.offers.leadId, id), eq(t.offers.status, 'offered')))
      .orderBy(asc(t.offers.offeredAt))
      .prepare(),
    // The rep of the meeting the lead is scheduled for (offered it first when its time comes).
    booked: db
      .select({ repId: b.bookings.repId })
      .from(b.bookings)
      .where(and(eq(b.bookings.leadId, sql.placeholder('id')), eq(b.bookings.status, 'active'), eq(b.bookings.startAt, sql.placeholder('at'))))
      .prepare(),
    deviceOrder: db
      .select({ order: t.sites.deviceOrder })
      .from(t.sites)
      .where(eq(t.sites.id, sql.placeholder('site')))
      .prepare(),
    owner: db
      .select({ repId: t.accountOwners.repId })
      .from(t.accountOwners)
      .where(and(eq(t.accountOwners.workspaceId, ws), eq(t.accountOwners.domain, sql.placeholder('domain'))))
      .prepare(),
    // Traits and first-touch attribution live with the tracked visitor, when there is one.
    visitor: db
      .select({ traits: tr.visitors.traits, source: tr.visitors.utmSource, medium: tr.visitors.utmMedium, campaign: tr.visitors.utmCampaign })
      .from(tr.visitors)
      .where(eq(tr.visitors.leadId, id))
      .prepare(),
  };

  const reader: SnapshotReader = {
    lead: (leadId) => q.lead.get({ id: leadId }),

    offeredTo: (leadId) => q.offeredTo.all({ id: leadId }),

    reps(workspaceId, online) {
      return q.users.all({ ws: workspaceId }).map(({ user, ...counts }) => toRepState(user, counts, online.has(user.id)));
    },

    teams(workspaceId) {
      const members = q.members.all({ ws: workspaceId });
      return new Map(
        q.teams.all({ ws: workspaceId }).map((row) => [
          row.id,
          toTeam(
            row,
            members.filter((m) => m.teamId === row.id),
          ),
        ]),
      );
    },

    snapshot(lead, online, rosters) {
      const visitor = q.visitor.get({ id: lead.id });
      const facts = rules.leadFacts({
        id: lead.id,
        phone: lead.phone,
        email: lead.email,
        pageUrl: lead.pageUrl,
        answers: parseJson<Record<string, string>>(lead.answers, {}),
        score: lead.score,
        traits: visitor ? parseJson<Record<string, string | number | boolean>>(visitor.traits, {}) : {},
        ...(visitor ? { utm: { source: visitor.source, medium: visitor.medium, campaign: visitor.campaign } } : {}),
      });
      const owner = facts.emailDomain ? q.owner.get({ ws: lead.workspaceId, domain: facts.emailDomain }) : undefined;
      const roster = rosterOf(lead.workspaceId, online, rosters);
      return {
        lead: facts,
        hotAt: lead.hotAt ?? lead.capturedAt,
        roundStartedAt: lead.roundStartedAt,
        rules: q.rules.all({ site: lead.siteId }).map(toRule),
        teams: roster.teams,
        reps: roster.reps,
        offers: q.offersOfLead.all({ id: lead.id }),
        accountOwnerId: owner?.repId ?? null,
        previousOwnerId: lead.previousOwnerId,
        bookedRepId: lead.scheduledFor == null ? null : (q.booked.get({ id: lead.id, at: lead.scheduledFor })?.repId ?? null),
        deviceOrder: q.deviceOrder.get({ site: lead.siteId })?.order ?? 'tabs_first',
        managerAlertedAt: lead.managerAlertedAt ?? null,
        talk: talkOf(lead),
      };
    },
  };
  function rosterOf(workspaceId: string, online: ReadonlySet<string>, rosters: RosterMemo | undefined): Roster {
    const carried = rosters?.get(workspaceId);
    if (carried && carried.online === online) return carried.roster;
    const roster = { reps: reader.reps(workspaceId, online), teams: reader.teams(workspaceId) };
    rosters?.set(workspaceId, { online, roster });
    return roster;
  }

  return reader;
}
