// Fairness and reps: per rep and per team, what happened to the offers they got (accepted,
// declined and why, expired), how fast they accepted, the leads they own and what those became;
// and each team's rotation spread (the share of its round-robin or weighted offers each member
// got) beside the share its strategy and configured weights would give. Pure.
import type { RepFigures, RepsReport } from '../../shared/console-api';
import type { OfferStatus, Step, Strategy } from '../routing/routing.types';
import { isWon, reachedSql } from './speed-pays.core';
import { percentile, ratio } from './stats';

/** Offers with the same rep, ending, reason and routing origin, counted together by the store. */
export interface OfferGroup {
  repId: string;
  status: OfferStatus;
  reason: string | null;
  step: Step;
  /** The offer's routing rule's team, overflow team and strategy (null: no rule, or it was deleted). */
  ruleTeamId: string | null;
  ruleOverflowTeamId: string | null;
  strategy: Strategy | null;
  count: number;
}

/** What the store reads for a workspace and range; offers by their time, owned leads by capture, won deals by close. */
export interface FairnessFacts {
  currency: string;
  /** Every user of the workspace: routing offers leads to active ones only. */
  users: Array<{ id: string; name: string; active: boolean }>;
  teams: Array<{ id: string; name: string; members: Array<{ repId: string; weight: number }> }>;
  offers: OfferGroup[];
  /** Offer to accept of each accepted offer. */
  acceptTimes: Array<{ repId: string; ms: number }>;
  /** The owned leads captured in the range, counted by owner, stage now and the stages they moved to. */
  owned: Array<{ repId: string; stage: string; reached: readonly string[]; count: number }>;
  /** Each owned lead closed (won or lost) in the range: its owner, stage now and deal value. */
  closed: Array<{ repId: string; stage: string; dealValue: number | null }>;
}

/** The label of a decline without a reason. */
export const NO_REASON = '(no reason given)';

/** Strategies whose team step picks one rep in turn: the offers a rotation's spread is measured on. */
const ROTATIONS: ReadonlySet<Strategy> = new Set(['round_robin', 'weighted', 'account_owner']);

/** The team whose rotation made the offer, or null (an owner, a broadcast, everyone, no rule). */
export function rotationTeam(o: Pick<OfferGroup, 'step' | 'ruleTeamId' | 'ruleOverflowTeamId' | 'strategy'>): string | null {
  if (o.strategy === null || !ROTATIONS.has(o.strategy)) return null;
  if (o.step === 'team') return o.ruleTeamId;
  if (o.step === 'overflow') return o.ruleOverflowTeamId;
  return null;
}

/** The share of a rotation's picks `repId` should get: its weight over the team's under weighted, an equal share otherwise. */
function strategyShare(strategy: Strategy, members: ReadonlyArray<{ repId: string; weight: number }>, repId: string): number {
  const me = members.find((m) => m.repId === repId);
  if (!me) return 0;
  if (strategy !== 'weighted') return 1 / members.length;
  // The router treats a weight under 1 as 1 (pick-rep.core.ts).
  const w = (m: { weight: number }) => Math.max(1, m.weight);
  return w(me) / members.reduce((s, m) => s + w(m), 0);
}

/** One rep's facts, read once: a rep's or a team's figures then combine these instead of scanning every fact again. */
interface RepFacts {
  offers: OfferGroup[];
  acceptMs: number[];
  leadsOwned: number;
  sqlLeads: number;
  wonDeals: number;
  wonRevenue: number;
}

function factsByRep(facts: FairnessFacts): Map<string, RepFacts> {
  const by = new Map<string, RepFacts>();
  const of = (repId: string) => {
    let f = by.get(repId);
    if (!f) by.set(repId, (f = { offers: [], acceptMs: [], leadsOwned: 0, sqlLeads: 0, wonDeals: 0, wonRevenue: 0 }));
    return f;
  };
  for (const o of facts.offers) of(o.repId).offers.push(o);
  for (const a of facts.acceptTimes) of(a.repId).acceptMs.push(Math.max(0, a.ms));
  for (const l of facts.owned) {
    const f = of(l.repId);
    f.leadsOwned += l.count;
    if (reachedSql(l)) f.sqlLeads += l.count;
  }
  for (const l of facts.closed) {
    if (!isWon(l)) continue;
    const f = of(l.repId);
    f.wonDeals++;
    // A won deal without a value counts as a deal, not as money.
    f.wonRevenue += l.dealValue ?? 0;
  }
  return by;
}

function figures(repIds: Iterable<string>, byRep: ReadonlyMap<string, RepFacts>): RepFigures {
  const offers = { received: 0, accepted: 0, declined: 0, expired: 0, taken: 0, open: 0 };
  const reasons = new Map<string, number>();
  const times: number[] = [];
  let leadsOwned = 0;
  let sqlLeads = 0;
  let wonDeals = 0;
  let wonRevenue = 0;
  for (const repId of repIds) {
    const f = byRep.get(repId);
    if (!f) continue;
    for (const o of f.offers) {
      offers.received += o.count;
      if (o.status === 'offered') offers.open += o.count;
      else offers[o.status] += o.count;
      if (o.status === 'declined') {
        const reason = o.reason?.trim() || NO_REASON;
        reasons.set(reason, (reasons.get(reason) ?? 0) + o.count);
      }
    }
    for (const ms of f.acceptMs) times.push(ms);
    leadsOwned += f.leadsOwned;
    sqlLeads += f.sqlLeads;
    wonDeals += f.wonDeals;
    wonRevenue += f.wonRevenue;
  }
  times.sort((a, b) => a - b);
  return {
    offers,
    declineReasons: [...reasons].map(([reason, count]) => ({ reason, count })).sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason)),
    medianMsToAccept: percentile(times, 50),
    leadsOwned,
    sqlLeads,
    sqlRate: ratio(sqlLeads, leadsOwned),
    wonDeals,
    wonRevenue,
  };
}

export function repFairness(facts: FairnessFacts, from: number, to: number): RepsReport {
  const names = new Map(facts.users.map((u) => [u.id, u.name]));
  const byRep = factsByRep(facts);
  const nameOf = (id: string) => names.get(id) ?? id;
  const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);

  const active = new Set(facts.users.filter((u) => u.active).map((u) => u.id));
  // A rep is listed when they are an active member of a team (getting nothing is what fairness must show) or did anything in the range.
  const repIds = new Set<string>([
    ...facts.teams.flatMap((t) => t.members.filter((m) => active.has(m.repId)).map((m) => m.repId)),
    ...facts.offers.map((o) => o.repId),
    ...facts.owned.map((o) => o.repId),
    ...facts.closed.filter(isWon).map((w) => w.repId),
  ]);
  const reps = [...repIds].map((repId) => ({ repId, name: nameOf(repId), ...figures([repId], byRep) })).sort(byName);

  const teams = facts.teams
    .map(({ members: all, ...team }) => {
      // Routing picks among active members only (a deactivated rep's membership row stays).
      const members = all.filter((m) => active.has(m.repId));
      // The team's rotation offers by rep, and by strategy (for the expected shares).
      const rotation = facts.offers.filter((o) => rotationTeam(o) === team.id);
      const total = rotation.reduce((s, o) => s + o.count, 0);
      const strategies = [...new Set(rotation.map((o) => o.strategy!))].sort();
      const expected = (repId: string) => (total === 0 ? null : rotation.reduce((s, o) => s + o.count * strategyShare(o.strategy!, members, repId), 0) / total);
      const got = (repId: string) => rotation.filter((o) => o.repId === repId).reduce((s, o) => s + o.count, 0);
      const current = members.map((m) => ({ repId: m.repId, name: nameOf(m.repId), weight: m.weight, expectedShare: expected(m.repId) }));
      // Someone who left the team keeps the offers they got from it while in it; no share is expected of them now.
      const former = [...new Set(rotation.map((o) => o.repId))]
        .filter((id) => !members.some((m) => m.repId === id))
        .map((repId) => ({ repId, name: nameOf(repId), weight: null, expectedShare: null }));
      return {
        teamId: team.id,
        name: team.name,
        ...figures(
          members.map((m) => m.repId),
          byRep,
        ),
        rotationOffers: total,
        strategies,
        members: [...current, ...former].sort(byName).map((m) => ({ ...m, rotationOffers: got(m.repId), share: ratio(got(m.repId), total) })),
      };
    })
    .sort(byName);

  return { from, to, currency: facts.currency, reps, teams };
}
