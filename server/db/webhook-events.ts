// How committed rows become webhook events, for both dialects' fan-out: the lead timeline,
// stage changes and the outbox, each with a snapshot of the lead as it is now.
import { labelledAnswers } from '../../shared/answers';
import type { Reason } from '../../shared/qualify/types';
import type { LeadRef, WebhookLead } from '../../shared/schemas/webhook-payload.schema';
import type { SiteRules } from '../../shared/site-rules';
import { TIMELINE_TOPICS, type WebhookEvent } from '../webhooks/topics';
import type { Webhook } from '../webhooks/webhook-store';
import { leadAttribution, TOUCH_COLUMNS_SQL, type TouchColumns } from './report-rows';
import { parseJson } from './rows';

/** Events read per source per fan-out; the next tick continues. */
export const FANOUT_PAGE = 500;

/** Timeline kinds that are webhook events, as a SQL list (constants only, never input). */
export const TIMELINE_KINDS_SQL = Object.keys(TIMELINE_TOPICS)
  .map((k) => `'${k}'`)
  .join(',');

/**
 * Where an event came from and its row id there, so the source's cursor can advance; and the
 * lead it is about, stored on its deliveries so erasure can find them.
 */
export type SourcedEvent = WebhookEvent & { source: 'timeline' | 'stages' | 'outbox'; seq: number; leadId: string | null };

/**
 * The lead columns a payload is built from, as both dialects select them (with
 * `l.captured_at as "capturedAt"` in their own spelling), from `LEAD_PAYLOAD_FROM`.
 */
export const LEAD_PAYLOAD_COLUMNS_SQL = `l.id, l.name, l.phone, l.email, l.stage, l.score, l.fit, l.fit_reason as "fitReason", l.mql, l.hot,
  l.rules_version as "rulesVersion", l.reasons, l.answers, l.time_zone as "timeZone", l.site_id as "siteId", s.name as "siteName",
  s.rules as "siteRules", u.name as "ownerName", v.traits as "visitTraits", ${TOUCH_COLUMNS_SQL},
  l.deal_value as "dealValue", l.closed_at as "closedAt", (select w.currency from workspaces w where w.id = l.workspace_id) as "currency",
  (select fs.form_key from form_submissions fs where fs.lead_id = l.id order by fs.at, fs.id limit 1) as "formKey",
  (select fs.page_url from form_submissions fs where fs.lead_id = l.id order by fs.at, fs.id limit 1) as "formPage"`;
export const LEAD_PAYLOAD_FROM_SQL = `from leads l join sites s on s.id = l.site_id left join users u on u.id = l.owner_id
  left join visitors v on v.site_id = l.site_id and v.visitor_id = l.visitor_id`;

/** A lead's row for its payload: JSON as text; SQLite gives flags as 0/1. */
export interface LeadPayloadRow extends TouchColumns {
  id: string;
  name: string;
  phone: string;
  email: string | null;
  stage: string;
  score: number;
  fit: string;
  fitReason: string | null;
  mql: boolean | number;
  hot: boolean | number;
  rulesVersion: number;
  reasons: string;
  answers: string;
  timeZone: string | null;
  siteId: string;
  siteName: string;
  siteRules: string;
  ownerName: string | null;
  visitTraits: string | null;
  capturedAt: number;
  /** The site form whose submission made the lead (its first), when one did. */
  formKey: string | null;
  formPage: string | null;
  dealValue: number | null;
  /** PostgreSQL gives a bigint as text. */
  closedAt: number | string | null;
  currency: string;
}

/** The lead as a receiver gets it (shared/schemas/webhook-payload.schema.ts). */
export function webhookLead(r: LeadPayloadRow): WebhookLead {
  const rules = parseJson<{ questions?: SiteRules['questions'] }>(r.siteRules, {});
  const traits = r.visitTraits ? parseJson<Record<string, unknown>>(r.visitTraits, {}) : {};
  const a = leadAttribution(r);
  return {
    id: r.id,
    name: r.name,
    phone: r.phone,
    email: r.email,
    company: typeof traits.company === 'string' ? traits.company : null,
    siteId: r.siteId,
    siteName: r.siteName,
    stage: r.stage,
    score: r.score,
    fit: r.fit as WebhookLead['fit'],
    fitReason: r.fitReason,
    mql: Boolean(r.mql),
    hot: Boolean(r.hot),
    rulesVersion: r.rulesVersion,
    answers: labelledAnswers(rules.questions ?? [], parseJson<Record<string, string>>(r.answers, {})),
    scoreReasons: parseJson<Reason[]>(r.reasons, []).map(({ source, text, points }) => ({ source, text, points })),
    source: a.source,
    utm: a.utm,
    referrer: a.referrer,
    pageUrl: r.pageUrl,
    landingUrl: r.visitLanding,
    capturedAt: r.capturedAt,
    timeZone: r.timeZone,
    ownerName: r.ownerName,
    form: r.formKey === null || r.formKey === undefined ? null : { key: r.formKey, page: r.formPage ?? null },
    dealValue: r.dealValue === null ? null : Number(r.dealValue),
    currency: r.currency,
    closedAt: r.closedAt === null ? null : Number(r.closedAt),
  };
}

/** The lead's payload when it still exists; an erased lead is announced by id only. */
export function leadRef(id: string, row: LeadPayloadRow | undefined): LeadRef {
  return row ? webhookLead(row) : { id };
}

export function timelineEvent(r: { id: number; workspaceId: string; leadId: string; kind: string; text: string; at: number }, lead: LeadRef): SourcedEvent {
  return {
    source: 'timeline',
    seq: r.id,
    leadId: r.leadId,
    id: `le_${r.id}`,
    topic: TIMELINE_TOPICS[r.kind]!,
    workspaceId: r.workspaceId,
    at: r.at,
    data: { text: r.text, lead },
  };
}

export function stageEvent(
  r: { id: number; workspaceId: string; leadId: string; from: string | null; to: string; actor: string; reason: string | null; at: number },
  lead: LeadRef,
): SourcedEvent {
  return {
    source: 'stages',
    seq: r.id,
    leadId: r.leadId,
    id: `sc_${r.id}`,
    topic: 'lead.stage_changed',
    workspaceId: r.workspaceId,
    at: r.at,
    data: { from: r.from, to: r.to, actor: r.actor, reason: r.reason, lead },
  };
}

/** The lead an outbox payload names, if any (its snapshot joins the event). */
export function outboxLeadId(payload: string): string | null {
  const p = JSON.parse(payload) as Record<string, unknown>;
  return typeof p.leadId === 'string' ? p.leadId : null;
}

export function outboxEvent(r: { id: number; workspaceId: string; topic: string; payload: string; createdAt: number }, lead: LeadRef | null): SourcedEvent {
  const payload = JSON.parse(r.payload) as Record<string, unknown>;
  return {
    source: 'outbox',
    seq: r.id,
    leadId: lead?.id ?? null,
    id: `ob_${r.id}`,
    topic: r.topic,
    workspaceId: r.workspaceId,
    at: r.createdAt,
    data: { ...payload, ...(lead ? { lead } : {}) },
  };
}

export function subscribes(w: Pick<Webhook, 'workspaceId' | 'topics'>, e: Pick<WebhookEvent, 'workspaceId' | 'topic'>): boolean {
  return w.workspaceId === e.workspaceId && w.topics.some((t) => t === '*' || t === e.topic);
}

/** The event as a receiver sees it (without where it was read from). */
export function publicEvent(e: SourcedEvent): WebhookEvent {
  const { source: _s, seq: _q, leadId: _l, ...event } = e;
  return event;
}
