// How both dialects assemble what the lead card shows beyond the lead row, once each has read
// the visitor, their page trail and the notes its own way.
import type { LeadCard, SalesQualification } from '../../shared/api';

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
