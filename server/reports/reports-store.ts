import type { MeetingRow } from '../booking/meeting-figures.core';
import type { Attribution } from '../../shared/attribution';
import type { Stage } from '../../shared/api';
import type { Reason } from '../../shared/qualify/types';
import type { Extras } from '../db/card-extras';
import type { AttributionBy } from '../../shared/console-api';
import type { AttributionCounts, AttributionLead, SingleTouchModel } from './attribution.core';
import type { FunnelCounts, FunnelLead } from './funnel.core';
import type { SpeedLead } from './speed-to-lead.core';
import type { SpeedPaysLead } from './speed-pays.core';
import type { FairnessFacts } from './rep-fairness.core';

/** One lead as exported (CSV, .xlsx): the lead, what its card shows, where it came from, its timeline. */
export interface ExportRow {
  id: string;
  capturedAt: number;
  name: string;
  phone: string;
  email: string | null;
  siteId: string;
  site: string;
  pageUrl: string | null;
  /** The callback page's referrer. */
  referrer: string | null;
  stage: Stage;
  score: number;
  fit: string;
  fitReason: string | null;
  mql: boolean;
  hot: boolean;
  rulesVersion: number;
  reasons: Reason[];
  /** Question id -> answer as given (an option's value). */
  answers: Record<string, string>;
  owner: string | null;
  handRaiseAt: number | null;
  acceptedAt: number | null;
  firstCallAt: number | null;
  outcome: string | null;
  outcomeAt: number | null;
  attribution: Attribution;
  /** What the lead card shows beyond the lead row (company, visits, trail, notes, SQL answers...). */
  extras: Extras;
  /** Every timeline line, `ISO-time text`, joined by ` | ` (null: none). */
  timeline: string | null;
}

/** Read-only queries behind the numbers (workspace-scoped, times in epoch ms, [from, to)). */
export interface ReportsStore {
  speedLeads(workspaceId: string, from: number, to: number): Promise<SpeedLead[]>;
  breachCauses(workspaceId: string, from: number, to: number): Promise<string[]>;
  visitorCount(workspaceId: string, from: number, to: number): Promise<number>;
  funnelLeads(workspaceId: string, from: number, to: number): Promise<FunnelLead[]>;
  /** What the funnel counts of the range's leads (funnel.core funnelCounts of funnelLeads), aggregated by the database. */
  funnelCounts(workspaceId: string, from: number, to: number): Promise<FunnelCounts>;
  exportRows(workspaceId: string, from: number, to: number): Promise<ExportRow[]>;
  /** Booked meetings whose time falls in the range, with how each went (booking/meeting-figures.core.ts). */
  meetingRows(workspaceId: string, from: number, to: number): Promise<MeetingRow[]>;
  /** Leads captured in the range with the touches that brought them (attribution.core leadTouches) and their stage changes. */
  attributionLeads(workspaceId: string, from: number, to: number): Promise<AttributionLead[]>;
  /** The range's leads counted for a first- or last-touch report by `by` (attribution.core attributionCounts of attributionLeads), by the database. */
  attributionCounts(workspaceId: string, from: number, to: number, model: SingleTouchModel, by: AttributionBy): Promise<AttributionCounts>;
  /** The workspace's currency (ISO 4217), which deal values are counted in. */
  currency(workspaceId: string): Promise<string>;
  /** Hand-raised leads of the range with their first call and what they became (speed-pays.core.ts). */
  speedPaysLeads(workspaceId: string, from: number, to: number): Promise<SpeedPaysLead[]>;
  /** Offers, owned leads and won deals of the range by rep, with the teams and their weights (rep-fairness.core.ts). */
  fairnessFacts(workspaceId: string, from: number, to: number): Promise<FairnessFacts>;
}
