// The speed-pays and rep-fairness reads (ReportsStore), as SQL the planner answers from indexes:
// leads by (workspace, hot_at), (workspace, captured_at) and (workspace, closed_at), offers by
// (workspace, offered_at), stage changes by lead. The statements are exported so a test can
// check their query plans.
import type { ReportsStore } from '../../reports/reports-store';
import type { FairnessFacts, OfferGroup } from '../../reports/rep-fairness.core';
import { REACHED_SQL_SQL, teamsOf } from '../report-rows';
import type { Db } from './open';

/** Hand-raised leads of the range (hand-raise = coalesce(hot_at, captured_at), as the speed report reads it). */
export const SPEED_PAYS_SQL = `select coalesce(l.hot_at, l.captured_at) as handRaiseAt, l.first_call_at as firstCallAt,
       ${REACHED_SQL_SQL} as reachedSql, l.stage = 'won' as won
  from leads l
 where l.workspace_id = @ws and l.hot = 1
   and ((l.hot_at >= @from and l.hot_at < @to) or (l.hot_at is null and l.captured_at >= @from and l.captured_at < @to))`;

export const OFFER_GROUPS_SQL = `select o.rep_id as repId, o.status, o.reason, o.step, r.team_id as ruleTeamId, r.overflow_team_id as ruleOverflowTeamId,
       r.strategy, count(*) as count
  from offers o left join routing_rules r on r.id = o.rule_id
 where o.workspace_id = @ws and o.offered_at >= @from and o.offered_at < @to
 group by o.rep_id, o.status, o.reason, o.step, r.team_id, r.overflow_team_id, r.strategy`;

export const ACCEPT_TIMES_SQL = `select o.rep_id as repId, o.responded_at - o.offered_at as ms
  from offers o
 where o.workspace_id = @ws and o.offered_at >= @from and o.offered_at < @to and o.status = 'accepted' and o.responded_at is not null`;

export const OWNED_SQL = `select l.owner_id as repId, count(*) as leads, sum(case when ${REACHED_SQL_SQL} then 1 else 0 end) as "sql"
  from leads l
 where l.workspace_id = @ws and l.captured_at >= @from and l.captured_at < @to and l.owner_id is not null
 group by l.owner_id`;

export const WON_SQL = `select l.owner_id as repId, count(*) as deals, coalesce(sum(l.deal_value), 0) as revenue
  from leads l
 where l.workspace_id = @ws and l.closed_at >= @from and l.closed_at < @to and l.stage = 'won' and l.owner_id is not null
 group by l.owner_id`;

type Range = { ws: string; from: number; to: number };

export function createFairnessReads(db: Db): Pick<ReportsStore, 'speedPaysLeads' | 'fairnessFacts'> {
  const raw = db.$client;
  const speedPays = raw.prepare<Range, { handRaiseAt: number; firstCallAt: number | null; reachedSql: number; won: number }>(SPEED_PAYS_SQL);
  const offerGroups = raw.prepare<Range, OfferGroup>(OFFER_GROUPS_SQL);
  const acceptTimes = raw.prepare<Range, FairnessFacts['acceptTimes'][number]>(ACCEPT_TIMES_SQL);
  const owned = raw.prepare<Range, FairnessFacts['owned'][number]>(OWNED_SQL);
  const won = raw.prepare<Range, FairnessFacts['won'][number]>(WON_SQL);
  const currency = raw.prepare<[string], { currency: string }>('select currency from workspaces where id = ?');
  const users = raw.prepare<[string], { id: string; name: string; active: number }>('select id, name, active from users where workspace_id = ?');
  const members = raw.prepare<[string], { id: string; name: string; repId: string | null; weight: number | null }>(
    `select t.id, t.name, m.rep_id as repId, m.weight from teams t left join team_members m on m.team_id = t.id where t.workspace_id = ? order by t.id, m.rep_id`,
  );

  return {
    async speedPaysLeads(ws, from, to) {
      return speedPays.all({ ws, from, to }).map((r) => ({ ...r, reachedSql: Boolean(r.reachedSql), won: Boolean(r.won) }));
    },
    async fairnessFacts(ws, from, to) {
      const range = { ws, from, to };
      return {
        currency: currency.get(ws)?.currency ?? 'USD',
        users: users.all(ws).map((u) => ({ ...u, active: Boolean(u.active) })),
        teams: teamsOf(members.all(ws)),
        offers: offerGroups.all(range),
        acceptTimes: acceptTimes.all(range),
        owned: owned.all(range),
        won: won.all(range),
      };
    },
  };
}
