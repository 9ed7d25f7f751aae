// The rows a planned capture (capture/plan-capture.core.ts) writes, shaped once for both
// dialects: their executors differ only in how they claim the idempotency key and send the writes.
import type { CapturePlan } from '../capture/plan-capture.core';
import { touchUtm } from '../../shared/attribution';
import type * as t from './schema';
import type * as tr from './tracking-schema';

/** The new lead's identity: its id (given by the store) and where it belongs. */
export interface CapturedLead {
  id: string;
  workspaceId: string;
  siteId: string;
}

export function captureRows(plan: CapturePlan, lead: CapturedLead) {
  const { now } = plan;
  const stageChange: typeof t.stageChanges.$inferInsert | null = plan.move
    ? { workspaceId: lead.workspaceId, leadId: lead.id, fromStage: plan.move.from, toStage: plan.move.to, actor: 'system', reason: plan.move.reason, at: now }
    : null;
  const idempotencyKey: typeof t.idempotencyKeys.$inferInsert | null = plan.idempotency
    ? { siteId: lead.siteId, key: plan.idempotency.key, workspaceId: lead.workspaceId, bodyHash: plan.idempotency.bodyHash, leadId: lead.id, createdAt: now }
    : null;
  // The capture's own touch: the page it was asked from, that page's referrer and UTM tags.
  const pageUrl = plan.lead.pageUrl ?? null;
  const referrer = plan.lead.referrer ?? null;
  const utm = touchUtm({ url: pageUrl, referrer });
  const touch: typeof tr.visitorTouches.$inferInsert = {
    workspaceId: lead.workspaceId,
    siteId: lead.siteId,
    visitorId: plan.visitorId,
    leadId: lead.id,
    kind: 'capture',
    at: now,
    landingUrl: pageUrl,
    referrer,
    utmSource: utm.source,
    utmMedium: utm.medium,
    utmCampaign: utm.campaign,
    utmTerm: utm.term,
    utmContent: utm.content,
  };
  return { lead: { ...plan.lead, ...lead }, stageChange, idempotencyKey, touch };
}
