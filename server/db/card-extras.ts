// How both dialects assemble what the lead card shows beyond the lead row, once each has read
// the visitor, their page trail and the notes its own way.
import type { LeadCard, SalesQualification, Stage } from '../../shared/api';

/** The card shows the latest this many behaviour events. */
export const TRAIL_LIMIT = 60;

/** The lead columns the extras need. */
export interface LeadRowForExtras {
  id: string;
  siteId: string;
  visitorId: string | null;
  timeZone: string | null;
  salesQualification: string | null;
  hotAt: number | null;
  slaDueAt: number | null;
}

export type Extras = Pick<
  LeadCard,
  'company' | 'timeZone' | 'pageTrail' | 'source' | 'visits' | 'firstSeenAt' | 'hotAt' | 'slaDueAt' | 'notes' | 'qualificationAnswers' | 'forms'
>;

/** The lead's form submissions, as both dialects read them (oldest first). */
export const LEAD_FORMS_SQL = `select fs.form_key as "key", coalesce(f.name, fs.form_key) as "name", fs.page_url as "page", fs.at as "at"
  from form_submissions fs left join forms_seen f on f.site_id = fs.site_id and f.form_key = fs.form_key
  where fs.lead_id = `;

/** The tracked visitor as read for the card: attribution under the UTM names. */
export interface VisitorForExtras {
  referrer: string | null;
  landingUrl: string | null;
  visits: number;
  firstSeenAt: number;
  source?: unknown;
  medium?: unknown;
  campaign?: unknown;
  term?: unknown;
  content?: unknown;
}

const UTM_KEYS = ['source', 'medium', 'campaign', 'term', 'content'] as const;

/** The extras from what was read: the visitor (undefined when untracked) with its parsed traits, trail (oldest first) and notes. */
export function cardExtras(
  lead: LeadRowForExtras,
  v: VisitorForExtras | undefined,
  traits: Record<string, unknown>,
  pageTrail: Extras['pageTrail'],
  notes: Extras['notes'],
  forms: NonNullable<Extras['forms']>,
): Extras {
  const utm: Record<string, string> = {};
  if (v) for (const k of UTM_KEYS) if (typeof v[k] === 'string') utm[k] = v[k];
  return {
    company: typeof traits.company === 'string' ? traits.company : null,
    timeZone: lead.timeZone,
    pageTrail,
    source: v ? { referrer: v.referrer, landingUrl: v.landingUrl, utm } : null,
    visits: v?.visits ?? 1,
    firstSeenAt: v?.firstSeenAt ?? null,
    hotAt: lead.hotAt,
    slaDueAt: lead.slaDueAt,
    notes,
    qualificationAnswers: lead.salesQualification ? (JSON.parse(lead.salesQualification) as SalesQualification) : null,
    forms: forms.map((f) => ({ key: f.key, name: f.name, page: f.page, at: Number(f.at) })),
  };
}

/** Stages where the card shows the deal even before a value was given. */
const DEAL_STAGES: readonly string[] = ['opportunity', 'won', 'lost'];

/**
 * What the deal part of the card reads besides the lead row, as both dialects select it with the
 * lead as `l`: the workspace's currency and the reason of the move into the current stage.
 */
export const DEAL_COLUMNS_SQL = `(select w.currency from workspaces w where w.id = l.workspace_id) as "currency",
  (select sc.reason from stage_changes sc where sc.lead_id = l.id and sc.to_stage = l.stage order by sc.id desc limit 1) as "stageReason"`;

export type DealColumns = {
  currency: string;
  stageReason: string | null;
};

/** The card's deal: its value in the workspace's currency, when it closed and why; none before the lead was an opportunity. */
export function dealOf(lead: { stage: string; dealValue: number | null; closedAt: number | null }, cols: DealColumns): Pick<LeadCard, 'deal'> {
  if (lead.dealValue === null && lead.closedAt === null && !DEAL_STAGES.includes(lead.stage)) return {};
  const closed = (['won', 'lost'] as Stage[]).includes(lead.stage as Stage);
  return {
    deal: {
      value: lead.dealValue === null ? null : Number(lead.dealValue),
      currency: cols.currency,
      closedAt: lead.closedAt === null ? null : Number(lead.closedAt),
      closeReason: closed ? cols.stageReason : null,
    },
  };
}
