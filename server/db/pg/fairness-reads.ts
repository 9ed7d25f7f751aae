// The speed-pays and rep-fairness reads, the twin of sqlite/fairness-reads.ts: bigints cast to
// float8 (exact for epoch ms and deal values), counts to int, camelCase aliases quoted.
import { sql } from 'drizzle-orm';
import type { ReportsStore } from '../../reports/reports-store';
import type { FairnessFacts, OfferGroup } from '../../reports/rep-fairness.core';
import type { SpeedPaysLead } from '../../reports/speed-pays.core';
import { REACHED_STAGES_SQL, stagesOf, teamsOf } from '../report-rows';
import type { PgDb } from './open';

const reached = sql.raw(REACHED_STAGES_SQL("string_agg(distinct c.to_stage, ',')"));

export function createFairnessReads(db: PgDb): Pick<ReportsStore, 'speedPaysLeads' | 'fairnessFacts'> {
  return {
    async speedPaysLeads(ws, from, to) {
      const res = await db.execute<Omit<SpeedPaysLead, 'reached'> & { reached: string | null } & Record<string, unknown>>(sql`
        select coalesce(l.hot_at, l.captured_at)::float8 as "handRaiseAt", l.first_call_at::float8 as "firstCallAt",
               l.stage, ${reached} as reached
          from leads l
         where l.workspace_id = ${ws}
           and ((l.hot_at >= ${from} and l.hot_at < ${to}) or (l.hot and l.hot_at is null and l.captured_at >= ${from} and l.captured_at < ${to}))
         order by l.captured_at, l.id`);
      return res.rows.map((r) => ({ ...r, reached: stagesOf(r.reached) }));
    },

    async fairnessFacts(ws, from, to) {
      const [currency, users, members, offers, acceptTimes, owned, closed] = await Promise.all([
        db.execute<{ currency: string }>(sql`select currency from workspaces where id = ${ws}`),
        db.execute<{ id: string; name: string; active: boolean }>(sql`select id, name, active from users where workspace_id = ${ws} order by id`),
        db.execute<{ id: string; name: string; repId: string | null; weight: number | null }>(sql`
          select t.id, t.name, m.rep_id as "repId", m.weight
            from teams t left join team_members m on m.team_id = t.id where t.workspace_id = ${ws} order by t.id, m.rep_id`),
        db.execute<OfferGroup & Record<string, unknown>>(sql`
          select g."repId", g.status, g.reason, g.step, r.team_id as "ruleTeamId", r.overflow_team_id as "ruleOverflowTeamId",
                 r.strategy, sum(g.count)::int as count
            from (select o.rep_id as "repId", o.status, o.reason, o.step, o.rule_id, count(*) as count
                    from offers o
                   where o.workspace_id = ${ws} and o.offered_at >= ${from} and o.offered_at < ${to}
                   group by o.rep_id, o.status, o.reason, o.step, o.rule_id) g
            left join routing_rules r on r.id = g.rule_id
           group by g."repId", g.status, g.reason, g.step, r.team_id, r.overflow_team_id, r.strategy
           order by 1, 2, 3, 4, 5, 6, 7`),
        db.execute<{ repId: string; ms: number }>(sql`
          select o.rep_id as "repId", (o.responded_at - o.offered_at)::float8 as ms
            from offers o
           where o.workspace_id = ${ws} and o.offered_at >= ${from} and o.offered_at < ${to} and o.status = 'accepted' and o.responded_at is not null
           order by o.offered_at, o.id`),
        db.execute<{ repId: string; stage: string; reached: string | null; count: number }>(sql`
          select l.owner_id as "repId", l.stage, ${reached} as reached, count(*)::int as count
            from leads l
           where l.workspace_id = ${ws} and l.captured_at >= ${from} and l.captured_at < ${to} and l.owner_id is not null
           group by 1, 2, 3
           order by 1, 2, 3`),
        db.execute<FairnessFacts['closed'][number] & Record<string, unknown>>(sql`
          select l.owner_id as "repId", l.stage, l.deal_value::float8 as "dealValue"
            from leads l
           where l.workspace_id = ${ws} and l.closed_at >= ${from} and l.closed_at < ${to} and l.owner_id is not null
           order by l.closed_at, l.id`),
      ]);
      return {
        currency: currency.rows[0]?.currency ?? 'USD',
        users: users.rows,
        teams: teamsOf(members.rows),
        offers: offers.rows,
        acceptTimes: acceptTimes.rows,
        owned: owned.rows.map((r) => ({ ...r, reached: stagesOf(r.reached) })),
        closed: closed.rows,
      };
    },
  };
}
