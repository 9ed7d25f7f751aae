// What the lead card shows beyond the lead row: where they came from, what they did on the
// site, notes and the sales-qualification answers. Prepared once; read per card.
import { cardExtras, LEAD_FORMS_SQL, TRAIL_LIMIT, type Extras, type LeadRowForExtras } from '../card-extras';
import type { Db } from './open';

export function createLeadExtras(db: Db) {
  const raw = db.$client;
  // The visitor linked to the lead or carrying its visitor id, the last seen: one indexed lookup
  // each (visitors_lead, the primary key). Written as one OR, SQLite's planner (no statistics)
  // read every visitor of the site for it: over 100,000 visitors an export of many leads never ended.
  const columns = `visitor_id as visitorId, traits, referrer, landing_url as landingUrl, utm_source as source, utm_medium as medium,
            utm_campaign as campaign, utm_term as term, utm_content as content, visits, first_seen_at as firstSeenAt, last_seen_at`;
  const visitor = raw.prepare<{ site: string; lead: string; visitor: string | null }>(
    `select * from (select ${columns} from visitors where lead_id = @lead and +site_id = @site
                    union select ${columns} from visitors where site_id = @site and visitor_id = @visitor)
      order by last_seen_at desc limit 1`,
  );
  const trail = raw.prepare<[string, string]>(
    `select at, type, url, name from (select id, at, type, url, name from events where site_id = ? and visitor_id = ?
       and type in ('page_view', 'download', 'outbound', 'click', 'custom', 'form_submit') order by id desc limit ${TRAIL_LIMIT}) order by id`,
  );
  const notes = raw.prepare<[string]>(
    "select n.at, coalesce(u.name, 'Someone') as author, n.text from lead_notes n left join users u on u.id = n.author_id where n.lead_id = ? order by n.at, n.id",
  );

  const forms = raw.prepare<[string]>(`${LEAD_FORMS_SQL}? order by fs.at, fs.id`);

  return function leadExtras(lead: LeadRowForExtras): Extras {
    const v = visitor.get({ site: lead.siteId, lead: lead.id, visitor: lead.visitorId }) as
      | { visitorId: string; traits: string; referrer: string | null; landingUrl: string | null; visits: number; firstSeenAt: number; [utm: string]: unknown }
      | undefined;
    const traits = v ? (JSON.parse(v.traits) as Record<string, unknown>) : {};
    return cardExtras(
      lead,
      v,
      traits,
      v ? (trail.all(lead.siteId, v.visitorId) as Extras['pageTrail']) : [],
      notes.all(lead.id) as Extras['notes'],
      forms.all(lead.id) as NonNullable<Extras['forms']>,
    );
  };
}
