// What both dialects' report reads assemble without touching the database.
import { attribute, type Attribution } from '../../shared/attribution';
import type { Stage } from '../../shared/api';
import type { Reason } from '../../shared/qualify/types';
import type { FunnelLead } from '../reports/funnel.core';
import type { ExportRow } from '../reports/reports-store';
import type { Extras } from './card-extras';

type StageChange = FunnelLead['changes'][number] & { leadId: string };

/**
 * A lead's touches as both dialects select them: the callback's page and referrer, and its
 * tracked visitor (`v`) first touch. Quoted aliases read alike on SQLite and PostgreSQL.
 */
export const TOUCH_COLUMNS_SQL = `l.page_url as "pageUrl", l.referrer as "referrer", v.landing_url as "visitLanding", v.referrer as "visitReferrer",
  v.utm_source as "utmSource", v.utm_medium as "utmMedium", v.utm_campaign as "utmCampaign", v.utm_term as "utmTerm", v.utm_content as "utmContent"`;

export interface TouchColumns {
  pageUrl: string | null;
  referrer: string | null;
  visitLanding: string | null;
  visitReferrer: string | null;
  utmSource: string | null;
  utmMedium: string | null;
  utmCampaign: string | null;
  utmTerm: string | null;
  utmContent: string | null;
}

/** The tracked first touch, then the callback's own (shared/attribution). */
export function leadAttribution(r: TouchColumns): Attribution {
  const visit = {
    url: r.visitLanding,
    referrer: r.visitReferrer,
    utm: { source: r.utmSource, medium: r.utmMedium, campaign: r.utmCampaign, term: r.utmTerm, content: r.utmContent },
  };
  return attribute([visit, { url: r.pageUrl, referrer: r.referrer }]);
}

/** The funnel's leads, each with its stage changes (given oldest first) attached and its source attributed. */
export function funnelLeads(
  leads: ReadonlyArray<{ id: string; capturedAt: number; contactAttempts: number; countedVisitor: string | null } & TouchColumns>,
  changes: readonly StageChange[],
): FunnelLead[] {
  const byLead = new Map<string, FunnelLead['changes']>();
  for (const c of changes) {
    const change = { to: c.to, at: c.at, reason: c.reason };
    const list = byLead.get(c.leadId);
    if (list) list.push(change);
    else byLead.set(c.leadId, [change]);
  }
  return leads.map((l) => {
    const a = leadAttribution(l);
    return {
      capturedAt: l.capturedAt,
      changes: byLead.get(l.id) ?? [],
      source: a.source,
      campaign: a.utm.campaign,
      contactAttempts: l.contactAttempts,
      countedVisitor: l.countedVisitor,
    };
  });
}

/** An export row as both dialects read it: the lead's columns (JSON as text), before the card's extras join it. */
export type ExportLeadColumns = Pick<
  ExportRow,
  | 'id'
  | 'capturedAt'
  | 'name'
  | 'phone'
  | 'email'
  | 'siteId'
  | 'site'
  | 'pageUrl'
  | 'referrer'
  | 'score'
  | 'fit'
  | 'fitReason'
  | 'rulesVersion'
  | 'owner'
  | 'acceptedAt'
  | 'firstCallAt'
  | 'outcome'
  | 'outcomeAt'
> & {
  visitorId: string | null;
  stage: string;
  /** SQLite gives 0/1, PostgreSQL booleans. */
  mql: boolean | number;
  hot: boolean | number;
  reasons: string;
  answers: string;
  timeZone: string | null;
  salesQualification: string | null;
  hotAt: number | null;
  slaDueAt: number | null;
  timeline: string | null;
};

/** The lead as exported: its columns parsed, with what the lead card shows beyond them and its attribution. */
export function exportRow(r: ExportLeadColumns, extras: Extras): ExportRow {
  const source = extras.source;
  const touches: TouchColumns = {
    pageUrl: r.pageUrl,
    referrer: r.referrer,
    visitLanding: source?.landingUrl ?? null,
    visitReferrer: source?.referrer ?? null,
    utmSource: source?.utm.source ?? null,
    utmMedium: source?.utm.medium ?? null,
    utmCampaign: source?.utm.campaign ?? null,
    utmTerm: source?.utm.term ?? null,
    utmContent: source?.utm.content ?? null,
  };
  return {
    id: r.id,
    capturedAt: r.capturedAt,
    name: r.name,
    phone: r.phone,
    email: r.email,
    siteId: r.siteId,
    site: r.site,
    pageUrl: r.pageUrl,
    referrer: r.referrer,
    stage: r.stage as Stage,
    score: r.score,
    fit: r.fit,
    fitReason: r.fitReason,
    mql: Boolean(r.mql),
    hot: Boolean(r.hot),
    rulesVersion: r.rulesVersion,
    reasons: JSON.parse(r.reasons) as Reason[],
    answers: JSON.parse(r.answers) as Record<string, string>,
    owner: r.owner,
    handRaiseAt: r.hotAt,
    acceptedAt: r.acceptedAt,
    firstCallAt: r.firstCallAt,
    outcome: r.outcome,
    outcomeAt: r.outcomeAt,
    attribution: leadAttribution(touches),
    extras,
    timeline: r.timeline,
  };
}
