// The speed-pays and rep-fairness reads (ReportsStore), as SQL the planner answers from indexes:
// leads by (workspace, hot_at), (workspace, captured_at) and (workspace, closed_at), offers by
// (workspace, offered_at), stage changes by lead. They read facts (stages, values); the cores
// (speed-pays, rep-fairness) decide what counts as an SQL or a won deal. The statements are
// exported so a test can check their query plans.
import type { ReportsStore } from '../../reports/reports-store';
import type { FairnessFacts, OfferGroup } from '../../reports/rep-fairness.core';
import { REACHED_STAGES_SQL, stagesOf, teamsOf } from '../report-rows';
import type { Db } from './open';

const REACHED = REACHED_STAGES_SQL('group_concat(distinct c.to_stage)');

/** Hand-raised leads of the range (hand-raise = coalesce(hot_at, captured_at), as the speed report reads it). */
export const SPEED_PAYS_SQL = `select coalesce(l.hot_at, l.captured_at) as handRaiseAt, l.first_call_at as firstCallAt,
       l.stage, ${REACHED} as reached
  from leads l
 where l.workspace_id = @ws
   and ((l.hot_at >= @from and l.hot_at < @to) or (l.hot = 1 and l.hot_at is null and l.captured_at >= @from and l.captured_at < @to))`;

/** Offers counted by rep, outcome and rule first, then each group's rule looked up once (a lookup per offer cost more than the count). */
export const OFFER_GROUPS_SQL = `select g.repId, g.status, g.reason, g.step, r.team_id as ruleTeamId, r.overflow_team_id as ruleOverflowTeamId,
       r.strategy, sum(g.count) as count
  from (select o.rep_id as repId, o.status, o.reason, o.step, o.rule_id, count(*) as count
          from offers o
         where o.workspace_id = @ws and o.offered_at >= @from and o.offered_at < @to
         group by o.rep_id, o.status, o.reason, o.step, o.rule_id) g
  left join routing_rules r on r.id = g.rule_id
 group by g.repId, g.status, g.reason, g.step, r.team_id, r.overflow_team_id, r.strategy`;

export const ACCEPT_TIMES_SQL = `select o.rep_id as repId, o.responded_at - o.offered_at as ms
  from offers o
 where o.workspace_id = @ws and o.offered_at >= @from and o.offered_at < @to and o.status = 'accepted' and o.responded_at is not null`;

/** Owned leads captured in the range, counted by owner, stage and the stages they reached. */
export const OWNED_SQL = `select l.owner_id as repId, l.stage, ${REACHED} as reached, count(*) as count
  from leads l
 where l.workspace_id = @ws and l.captured_at >= @from and l.captured_at < @to and l.owner_id is not null
 group by l.owner_id, l.stage, reached`;

/** Owned deals closed (won or lost) in the range. */
export const CLOSED_SQL = `select l.owner_id as repId, l.stage, l.deal_value as dealValue
  from leads l
 where l.workspace_id = @ws and l.closed_at >= @from and l.closed_at < @to and l.owner_id is not null`;

type Range = { ws: string; from: number; to: number };

export function createFairnessReads(db: Db): Pick<ReportsStore, 'speedPaysLeads' | 'fairnessFacts'> {
  const raw = db.$client;
  const speedPays = raw.prepare<Range, { handRaiseAt: number; firstCallAt: number | null; stage: string; reached: string | null }>(SPEED_PAYS_SQL);
  const offerGroups = raw.prepare<Range, OfferGroup>(OFFER_GROUPS_SQL);
  const acceptTimes = raw.prepare<Range, FairnessFacts['acceptTimes'][number]>(ACCEPT_TIMES_SQL);
  const owned = raw.prepare<Range, { repId: string; stage: string; reached: string | null; count: number }>(OWNED_SQL);
  const closed = raw.prepare<Range, FairnessFacts['closed'][number]>(CLOSED_SQL);
  const currency = raw.prepare<[string], { currency: string }>('select currency from workspaces where id = ?');
  const users = raw.prepare<[string], { id: string; name: string; active: number }>('select id, name, active from users where workspace_id = ?');
  const members = raw.prepare<[string], { id: string; name: string; repId: string | null; weight: number | null }>(
    `select t.id, t.name, m.rep_id as repId, m.weight from teams t left join team_members m on m.team_id = t.id where t.workspace_id = ? order by t.id, m.rep_id`,
  );

  return {
    async speedPaysLeads(ws, from, to) {
      return speedPays.all({ ws, from, to }).map((r) => ({ ...r, reached: stagesOf(r.reached) }));
    },
    async fairnessFacts(ws, from, to) {
      const range = { ws, from, to };
      return {
        currency: currency.get(ws)?.currency ?? 'USD',
        users: users.all(ws).map((u) => ({ ...u, active: Boolean(u.active) })),
        teams: teamsOf(members.all(ws)),
        offers: offerGroups.all(range),
        acceptTimes: acceptTimes.all(range),
        owned: owned.all(range).map((r) => ({ ...r, reached: stagesOf(r.reached) })),
        closed: closed.all(range),
      };
    },
  };
}
