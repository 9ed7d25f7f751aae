// Row <-> domain conversions for the SQLite store.
import type { LeadCard, Stage } from '../../../shared/api';
import type { Reason } from '../../../shared/qualify/types';
import type { Outcome } from '../../../shared/schemas/console.schema';
import type { Site, User } from '../store';
import type * as schema from '../schema';

export function toSite(row: typeof schema.sites.$inferSelect): Site {
  return {
    id: row.id,
    workspaceId: row.workspaceId,
    name: row.name,
    siteKey: row.siteKey,
    allowedOrigins: JSON.parse(row.allowedOrigins) as string[],
    rules: JSON.parse(row.rules),
    launcherText: row.launcherText,
    phoneRegion: row.phoneRegion,
    offerTimeoutMs: row.offerTimeoutMs,
    hours: JSON.parse(row.hours),
  };
}

export function toUser(row: typeof schema.users.$inferSelect, workspaceName: string): User {
  return {
    id: row.id,
    workspaceId: row.workspaceId,
    workspaceName,
    email: row.email,
    name: row.name,
    role: row.role,
    passwordHash: row.passwordHash,
    active: row.active,
    presence: row.presence,
  };
}

export function toLeadCard(
  lead: typeof schema.leads.$inferSelect,
  site: Site,
  events: Array<{ at: number; kind: string; text: string }>,
  ownerName: string | null,
): LeadCard {
  const answers = JSON.parse(lead.answers) as Record<string, string>;
  const reasons = JSON.parse(lead.reasons) as Reason[];
  return {
    id: lead.id,
    name: lead.name,
    phone: lead.phone,
    email: lead.email,
    siteName: site.name,
    pageUrl: lead.pageUrl,
    stage: lead.stage as Stage,
    answers: site.rules.questions
      .filter((q) => answers[q.id] !== undefined)
      .map((q) => ({
        question: q.label,
        answer: q.options?.find((o) => o.value === answers[q.id])?.label ?? answers[q.id],
      })),
    qualification: {
      fit: {
        status: lead.fit as LeadCard['qualification']['fit']['status'],
        ...(lead.fitReason ? { reason: lead.fitReason } : {}),
        missing: [],
      },
      score: lead.score,
      hot: lead.hot,
      mql: lead.mql,
      rulesVersion: lead.rulesVersion,
      reasons,
    },
    timeline: events,
    capturedAt: lead.capturedAt,
    acceptedAt: lead.acceptedAt,
    firstCallAt: lead.firstCallAt,
    outcome: lead.outcome as Outcome | null,
    ownerName,
  };
}
