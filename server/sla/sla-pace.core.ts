// The agreed monthly targets against this month's pace, and which side is behind: marketing on
// volume (MQLs below the pro-rata target) or sales on follow-up (MQLs converting to SQL below the
// agreed rate, too many SLA breaches, slow acceptance). Pure: a function of the counts and `now`.
import { TZDate } from '@date-fns/tz';
import { marketingSla, type MarketingSlaInput } from '../../shared/marketing-sla';
import type { SlaPace, TargetPace } from '../../shared/schemas/sla.schema';

/** The 60-second promise: a median accept slower than this is sales being slow. */
export const ACCEPT_TARGET_MS = 60_000;
/** More than this share of hand-raises breaching the site's SLA is sales missing it. */
export const MAX_BREACH_SHARE = 0.1;

export interface PaceFacts {
  sla: MarketingSlaInput;
  month: { from: number; to: number };
  timeZone: string;
  /** Counted over [month.from, now). */
  mqls: number;
  sqls: number;
  handRaised: number;
  breaches: number;
  medianAcceptMs: number | null;
}

/** The calendar month holding `now` in a zone, as epoch ms [from, to). */
export function monthOf(now: number, timeZone: string): { from: number; to: number } {
  const local = new TZDate(now, timeZone);
  const from = new TZDate(local.getFullYear(), local.getMonth(), 1, 0, 0, 0, timeZone).getTime();
  const to = new TZDate(local.getFullYear(), local.getMonth() + 1, 1, 0, 0, 0, timeZone).getTime();
  return { from, to };
}

/** Null when the SLA's inputs cannot give targets (a rate or deal size of 0). */
export function slaPace(f: PaceFacts, now: number): SlaPace | null {
  const targets = marketingSla(f.sla);
  if (!targets) return null;
  const span = f.month.to - f.month.from;
  const elapsed = Math.min(1, Math.max(0, (now - f.month.from) / span));
  const mqls = paceOf(targets.mqls, f.mqls, elapsed);
  const sqls = paceOf(targets.sqls, f.sqls, elapsed);
  const actualRate = f.mqls > 0 ? f.sqls / f.mqls : null;
  const sqlRate = { agreed: f.sla.mqlToSql, actual: actualRate, behind: actualRate !== null && actualRate < f.sla.mqlToSql };
  const breachShare = f.handRaised > 0 ? f.breaches / f.handRaised : null;
  const speed = {
    handRaised: f.handRaised,
    breaches: f.breaches,
    breachShare,
    medianAcceptMs: f.medianAcceptMs,
    manyBreaches: breachShare !== null && breachShare > MAX_BREACH_SHARE,
    slowAccept: f.medianAcceptMs !== null && f.medianAcceptMs > ACCEPT_TARGET_MS,
  };
  const reasons: string[] = [];
  if (mqls.behind) reasons.push(`Marketing: ${f.mqls} MQLs so far, ${Math.ceil(mqls.expected)} expected by now for ${mqls.target} this month.`);
  if (sqlRate.behind) reasons.push(`Sales: MQL to SQL at ${pct(actualRate)}, below the agreed ${pct(f.sla.mqlToSql)}.`);
  if (speed.manyBreaches) reasons.push(`Sales: ${f.breaches} of ${f.handRaised} hand-raises breached the response SLA (${pct(breachShare)}).`);
  if (speed.slowAccept) reasons.push(`Sales: median time to accept ${Math.round(f.medianAcceptMs! / 1000)} s, over ${ACCEPT_TARGET_MS / 1000} s.`);
  return {
    month: f.month,
    now,
    timeZone: f.timeZone,
    elapsed,
    mqls,
    sqls,
    sqlRate,
    speed,
    behind: { marketing: mqls.behind, sales: sqlRate.behind || speed.manyBreaches || speed.slowAccept },
    reasons,
  };
}

/** Behind when fewer than the pro-rata share of the target are in: the same as a projection short of the target. */
function paceOf(target: number, actual: number, elapsed: number): TargetPace {
  const expected = target * elapsed;
  return { target, actual, expected, projected: elapsed > 0 ? actual / elapsed : null, behind: actual < expected };
}

const pct = (x: number | null) => (x === null ? '—' : `${Math.round(x * 1000) / 10}%`);
