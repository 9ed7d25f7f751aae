// What both dialects' report reads assemble without touching the database.
import type { FunnelLead } from '../reports/funnel.core';

type StageChange = FunnelLead['changes'][number] & { leadId: string };

/** The funnel's leads, each with its stage changes (given oldest first) attached. */
export function funnelLeads(
  leads: ReadonlyArray<{ id: string; capturedAt: number; source: string | null; campaign: string | null; contactAttempts: number }>,
  changes: readonly StageChange[],
): FunnelLead[] {
  const byLead = new Map<string, FunnelLead['changes']>();
  for (const c of changes) byLead.set(c.leadId, [...(byLead.get(c.leadId) ?? []), { to: c.to, at: c.at, reason: c.reason }]);
  return leads.map((l) => ({
    capturedAt: l.capturedAt,
    changes: byLead.get(l.id) ?? [],
    source: l.source,
    campaign: l.campaign,
    contactAttempts: l.contactAttempts,
  }));
}
