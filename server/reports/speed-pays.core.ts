// Speed pays: conversion of hand-raised leads to SQL and to won by how soon they were first
// called, the workspace's own version of the "called within a minute converts many times
// better" statistics. Pure.
import type { CallBucket, SpeedPaysReport } from '../../shared/console-api';
import { ratio } from './stats';

const MINUTE = 60_000;

/** Upper bounds (exclusive) of the timed buckets, fastest first; `later` has none, `never` is not timed. */
export const CALL_BUCKETS: ReadonlyArray<{ bucket: CallBucket; belowMs: number }> = [
  { bucket: 'under_1m', belowMs: MINUTE },
  { bucket: '1_5m', belowMs: 5 * MINUTE },
  { bucket: '5_30m', belowMs: 30 * MINUTE },
  { bucket: '30m_24h', belowMs: 24 * 60 * MINUTE },
  { bucket: 'later', belowMs: Infinity },
];

/** Every bucket in the order the report lists them. */
export const BUCKET_ORDER: readonly CallBucket[] = [...CALL_BUCKETS.map((b) => b.bucket), 'never'];

/** Stages at or after SQL: reaching any of them counts as having been an SQL (an opportunity was one). */
export const SQL_OR_LATER = ['sql', 'opportunity', 'won', 'lost'] as const;

export interface SpeedPaysLead {
  handRaiseAt: number;
  firstCallAt: number | null;
  /** The lead's stage now. */
  stage: string;
  /** Every stage its recorded changes moved it to, or every funnel step they reached (the store's choice: either says whether it reached SQL), in any order. */
  reached: readonly string[];
}

/** Whether a lead was ever an SQL: a recorded move to SQL or later, or its stage now (an import without history). */
export function reachedSql(lead: { stage: string; reached: readonly string[] }): boolean {
  const later: readonly string[] = SQL_OR_LATER;
  return later.includes(lead.stage) || lead.reached.some((s) => later.includes(s));
}

/** Won is final in the stage machine: a won deal is one whose stage is won now. */
export const isWon = (lead: { stage: string }) => lead.stage === 'won';

/**
 * The bucket of a lead. A first call logged before the hand-raise (a lead back from nurture whose
 * earlier call still stands) counts as immediate, as the speed-to-lead report clamps it.
 */
export function callBucket(lead: Pick<SpeedPaysLead, 'handRaiseAt' | 'firstCallAt'>): CallBucket {
  if (lead.firstCallAt === null) return 'never';
  const wait = Math.max(0, lead.firstCallAt - lead.handRaiseAt);
  return CALL_BUCKETS.find((b) => wait < b.belowMs)!.bucket;
}

export function speedPays(leads: readonly SpeedPaysLead[], from: number, to: number): SpeedPaysReport {
  const tally = new Map(BUCKET_ORDER.map((b) => [b, { leads: 0, sql: 0, won: 0 }]));
  for (const l of leads) {
    const t = tally.get(callBucket(l))!;
    t.leads++;
    if (reachedSql(l)) t.sql++;
    if (isWon(l)) t.won++;
  }
  const buckets = BUCKET_ORDER.map((bucket) => {
    const t = tally.get(bucket)!;
    return { bucket, ...t, sqlRate: ratio(t.sql, t.leads), wonRate: ratio(t.won, t.leads) };
  });
  // Only called leads compare: "never called" is not a speed.
  const timed = buckets.filter((b) => b.bucket !== 'never' && b.leads > 0);
  const fast = timed[0];
  const slow = timed[timed.length - 1];
  const compare = (f: number, s: number) => ({ fastRate: f, slowRate: s, ratio: s === 0 ? null : f / s });
  return {
    from,
    to,
    leads: leads.length,
    buckets,
    lift:
      fast && slow && fast !== slow
        ? { fast: fast.bucket, slow: slow.bucket, sql: compare(fast.sqlRate!, slow.sqlRate!), won: compare(fast.wonRate!, slow.wonRate!) }
        : null,
  };
}
