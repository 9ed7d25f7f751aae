// Reads what the routing core needs about one lead, over PostgreSQL: the twin of
// sqlite/routing-snapshot.ts. Every read takes the connection, so inside a routing transaction
// (after the workspace lock) it sees exactly the state the decision is committed against.
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Roster } from '../../routing/carry-roster.core';
import type { DeviceOrder, RepState, RoutingSnapshot } from '../../routing/routing.types';
import type { StoreRules } from '../../routing/store-rules';
import type { VisitorFacts } from '../../routing/visitor-status.core';
import { parseJson, toRepState, toRule, toTeam } from '../rows';
import { talkOf, type SnapshotLeadRow } from '../routing-rows';
import { decodeRow } from './decode-row';
import type { PgConn } from './open';
import * as t from './schema';

export type LeadRow = typeof t.leads.$inferSelect;

export interface SnapshotReader {
  lead(conn: PgConn, id: string): Promise<LeadRow | undefined>;
  /** Every active user of the workspace with their open offers and active leads. */
  reps(conn: PgConn, workspaceId: string, online: ReadonlySet<string>): Promise<RepState[]>;
  /** `rosters`: the transaction's carried rosters, when it decides several leads. */
  snapshot(conn: PgConn, lead: SnapshotLeadRow, online: ReadonlySet<string>, rosters?: RosterMemo): Promise<RoutingSnapshot>;
  /** The lead's open offers with their reps' names, first offered first (its visitor is told who is asked). */
  offeredTo(conn: PgConn, leadId: string): Promise<VisitorFacts['openOffers']>;
}

/**
 * Rosters by workspace, read once in a transaction that decides several leads and carried from
 * one decision to the next (routing/carry-roster.core.ts), with the online reps they were read for.
 */
export type RosterMemo = Map<string, { online: ReadonlySet<string>; roster: Roster }>;

type Json = Record<string, unknown>;
type RepJson = { user: Json; openOffers: number; activeLeads: number };

// Plain SQL names below, since the subqueries alias their tables. Rows come back as JSON keyed by
// SQL column names, which decodeRow maps to the schema's.

/** The workspace's active users, oldest first, each with its load (offers_rep_status and leads_owner_active serve the counts). */
const repsOf = (workspaceId: string) => sql`(
  select coalesce(json_agg(json_build_object(
           'user', u,
           'openOffers', (select count(*)::int from offers o where o.rep_id = u.id and o.status = 'offered'),
           'activeLeads', (select count(*)::int from leads l where l.owner_id = u.id and l.routing = 'owned' and l.outcome is null)
         ) order by u.created_at), '[]')
    from users u where u.workspace_id = ${workspaceId} and u.active)`;

const toReps = (reps: RepJson[], online: ReadonlySet<string>): RepState[] =>
  reps.map((r) => {
    const user = decodeRow(t.users, r.user);
    return toRepState(user, { openOffers: r.openOffers, activeLeads: r.activeLeads }, online.has(user.id));
  });

/** The workspace's teams and reps from the snapshot statement's JSON. */
function readRoster(row: { members: Json[]; teams: Json[]; reps: RepJson[] }, online: ReadonlySet<string>): Roster {
  const members = row.members.map((m) => decodeRow(t.teamMembers, m));
  const teams = row.teams.map((j) => decodeRow(t.teams, j));
  return {
    teams: new Map(
      teams.map((team) => [
        team.id,
        toTeam(
          team,
          members.filter((m) => m.teamId === team.id),
        ),
      ]),
    ),
    reps: toReps(row.reps, online),
  };
}

export function createSnapshotReader(rules: Pick<StoreRules, 'leadFacts' | 'emailDomain'>): SnapshotReader {
  return {
    async lead(conn, leadId) {
      const [row] = await conn.select().from(t.leads).where(eq(t.leads.id, leadId));
      return row;
    },

    offeredTo(conn, leadId) {
      return conn
        .select({ repName: t.users.name, offeredAt: t.offers.offeredAt, expiresAt: t.offers.expiresAt })
        .from(t.offers)
        .innerJoin(t.users, eq(t.users.id, t.offers.repId))
        .where(and(eq(t.offers.leadId, leadId), eq(t.offers.status, 'offered')))
        .orderBy(asc(t.offers.offeredAt));
    },

    async reps(conn, workspaceId, online) {
      const res = await conn.execute<{ reps: RepJson[] }>(sql`select ${repsOf(workspaceId)} as reps`);
      return toReps(res.rows[0]!.reps, online);
    },

    // One statement, each part a subquery returned as JSON: a routing pass pays one round trip
    // for its reads instead of seven. Traits and first-touch attribution live with the tracked
    // visitor, when there is one.
    async snapshot(conn, lead, online, rosters) {
      const domain = rules.emailDomain(lead.email);
      const held = rosters?.get(lead.workspaceId);
      const carried = held && held.online === online ? held.roster : null;
      const none = sql`'[]'::json`;
      const res = await conn.execute<{
        visitor: { traits: string; source: string | null; medium: string | null; campaign: string | null } | null;
        owner: string | null;
        booked: string | null;
        rules: Json[];
        offers: RoutingSnapshot['offers'];
        members: Json[];
        teams: Json[];
        reps: RepJson[];
        device_order: DeviceOrder | null;
      }>(sql`select
        (select json_build_object('traits', v.traits, 'source', v.utm_source, 'medium', v.utm_medium, 'campaign', v.utm_campaign)
           from visitors v where v.lead_id = ${lead.id} limit 1) as visitor,
        (select a.rep_id from account_owners a where a.workspace_id = ${lead.workspaceId} and a.domain = ${domain}) as owner,
        (select b.rep_id from bookings b where b.lead_id = ${lead.id} and b.status = 'active' and b.start_at = ${lead.scheduledFor ?? -1} limit 1) as booked,
        (select coalesce(json_agg(r order by r.position), '[]') from routing_rules r where r.site_id = ${lead.siteId}) as rules,
        (select coalesce(json_agg(json_build_object('repId', o.rep_id, 'status', o.status, 'offeredAt', o.offered_at, 'step', o.step)), '[]')
           from offers o where o.lead_id = ${lead.id}) as offers,
        ${carried ? none : sql`(select coalesce(json_agg(m), '[]') from team_members m where m.workspace_id = ${lead.workspaceId})`} as members,
        ${carried ? none : sql`(select coalesce(json_agg(tm order by tm.created_at), '[]') from teams tm where tm.workspace_id = ${lead.workspaceId})`} as teams,
        (select s.device_order from sites s where s.id = ${lead.siteId}) as device_order,
        ${carried ? none : repsOf(lead.workspaceId)} as reps`);
      const row = res.rows[0]!;
      const visitor = row.visitor;
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
      const roster = carried ?? readRoster(row, online);
      if (rosters && !carried) rosters.set(lead.workspaceId, { online, roster });
      return {
        lead: facts,
        hotAt: lead.hotAt ?? lead.capturedAt,
        roundStartedAt: lead.roundStartedAt,
        rules: row.rules.map((r) => toRule(decodeRow(t.routingRules, r))),
        teams: roster.teams,
        reps: roster.reps,
        offers: row.offers,
        accountOwnerId: row.owner,
        previousOwnerId: lead.previousOwnerId,
        bookedRepId: row.booked,
        deviceOrder: row.device_order ?? 'tabs_first',
        managerAlertedAt: lead.managerAlertedAt ?? null,
        talk: talkOf(lead),
      };
    },
  };
}
