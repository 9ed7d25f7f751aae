// How committed rows become webhook events, for both dialects' fan-out: the lead timeline,
// stage changes and the outbox, each with a snapshot of the lead as it is now.
import { TIMELINE_TOPICS, type WebhookEvent } from '../webhooks/topics';
import type { Webhook } from '../webhooks/webhook-store';

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

export interface LeadSnapshot {
  id: string;
  name: string;
  phone: string;
  email: string | null;
  stage: string;
  score: number;
  siteId: string;
}

/** An erased lead is announced by id only. */
export type LeadRef = LeadSnapshot | { id: string };

/** The lead's snapshot when it still exists. */
export function leadRef(id: string, row: LeadSnapshot | undefined): LeadRef {
  return row ? { id: row.id, name: row.name, phone: row.phone, email: row.email, stage: row.stage, score: row.score, siteId: row.siteId } : { id };
}

export function timelineEvent(r: { id: number; workspaceId: string; leadId: string; kind: string; text: string; at: number }, lead: LeadRef): SourcedEvent {
  return { source: 'timeline', seq: r.id, leadId: r.leadId, id: `le_${r.id}`, topic: TIMELINE_TOPICS[r.kind]!, workspaceId: r.workspaceId, at: r.at, data: { text: r.text, lead } };
}

export function stageEvent(
  r: { id: number; workspaceId: string; leadId: string; from: string | null; to: string; actor: string; reason: string | null; at: number },
  lead: LeadRef,
): SourcedEvent {
  return { source: 'stages', seq: r.id, leadId: r.leadId, id: `sc_${r.id}`, topic: 'lead.stage_changed', workspaceId: r.workspaceId, at: r.at, data: { from: r.from, to: r.to, actor: r.actor, reason: r.reason, lead } };
}

/** The lead an outbox payload names, if any (its snapshot joins the event). */
export function outboxLeadId(payload: string): string | null {
  const p = JSON.parse(payload) as Record<string, unknown>;
  return typeof p.leadId === 'string' ? p.leadId : null;
}

export function outboxEvent(r: { id: number; workspaceId: string; topic: string; payload: string; createdAt: number }, lead: LeadRef | null): SourcedEvent {
  const payload = JSON.parse(r.payload) as Record<string, unknown>;
  return { source: 'outbox', seq: r.id, leadId: lead?.id ?? null, id: `ob_${r.id}`, topic: r.topic, workspaceId: r.workspaceId, at: r.createdAt, data: { ...payload, ...(lead ? { lead } : {}) } };
}

export function subscribes(w: Pick<Webhook, 'workspaceId' | 'topics'>, e: Pick<WebhookEvent, 'workspaceId' | 'topic'>): boolean {
  return w.workspaceId === e.workspaceId && (w.topics.includes('*') || w.topics.includes(e.topic));
}

/** The event as a receiver sees it (without where it was read from). */
export function publicEvent(e: SourcedEvent): WebhookEvent {
  const { source: _s, seq: _q, leadId: _l, ...event } = e;
  return event;
}
