// What the reports need of a lead beyond its own columns, worked out once when it is captured or
// its touches change and kept on its row (leads.report_*), so a report over any range reads its
// leads alone: the funnel's first-touch source and campaign, whether its visitor counts among the
// range's visitors, and the touches the attribution models credit (leadTouches). Pure; the stores
// are handed it with their rules (server/routing/store-rules.ts).
import type { Attribution } from '../../shared/attribution';
import { channelOf } from '../../shared/channel';
import { leadTouches, type StoredTouch, type TouchPoint } from './attribution.core';

export interface ReportFacts {
  source: string | null;
  campaign: string | null;
  /** When its tracked visitor was first seen; null: no visitor row, or a bot (never counted). */
  visitorSeenAt: number | null;
  touches: TouchPoint[];
}

/** What a lead's facts are worked out from: its first-touch attribution (db/report-rows leadAttribution) and its visitor row. */
export interface ReportFactsLead {
  capturedAt: number;
  attribution: Attribution;
  visitorFirstSeenAt: number | null;
  /** SQLite gives 0/1, PostgreSQL booleans; null: no visitor row. */
  visitorBot: boolean | number | null;
}

/** A lead's report facts: the same figures the reports made from the joined rows, made once. */
export function reportFacts(l: ReportFactsLead, stored: readonly StoredTouch[]): ReportFacts {
  const a = l.attribution;
  // Leads captured before touches were stored: their first touch as the visitor row kept it.
  const before = { at: l.capturedAt, channel: channelOf({ source: a.source, medium: a.utm.medium }), source: a.source, campaign: a.utm.campaign };
  return {
    source: a.source,
    campaign: a.utm.campaign,
    visitorSeenAt: l.visitorFirstSeenAt !== null && !l.visitorBot ? l.visitorFirstSeenAt : null,
    touches: leadTouches(stored, l.capturedAt, before),
  };
}
