// What the lead card shows beyond the lead row, read from PostgreSQL: where they came from,
// what they did on the site, notes and the sales-qualification answers. Parts of the card's one
// statement (context.ts), whose lead row is `l`; plain SQL names, as the subqueries alias tables.
import { sql } from 'drizzle-orm';
import { cardExtras, LEAD_FORMS_SQL, TRAIL_LIMIT, type Extras, type LeadRowForExtras, type VisitorForExtras } from '../card-extras';
import { parseJson } from '../rows';

/** Behaviour worth showing a rep; heartbeats and the like are not. */
const TRAIL_TYPES = ['page_view', 'download', 'outbound', 'click', 'custom', 'form_submit'];

/** Joins the tracked visitor of lead `l` as `v`: linked to the lead or carrying its visitor id, the last seen. */
export const visitorJoin = sql`left join lateral (
  select visitor_id as "visitorId", traits, referrer, landing_url as "landingUrl", utm_source as source, utm_medium as medium,
         utm_campaign as campaign, utm_term as term, utm_content as content, visits, first_seen_at as "firstSeenAt"
    from visitors where site_id = l.site_id and (lead_id = l.id or visitor_id = l.visitor_id)
   order by last_seen_at desc limit 1) v on true`;

/** The visitor, their latest behaviour (oldest first) and the notes, as JSON columns. */
export const extrasColumns = sql`to_json(v) as visitor,
  (select coalesce(json_agg(json_build_object('at', e.at, 'type', e.type, 'url', e.url, 'name', e.name) order by e.id), '[]')
     from (select id, at, type, url, name from events
            where site_id = l.site_id and visitor_id = v."visitorId" and type in ${TRAIL_TYPES}
            order by id desc limit ${TRAIL_LIMIT}) e) as trail,
  (select coalesce(json_agg(json_build_object('at', n.at, 'author', coalesce(u.name, 'Someone'), 'text', n.text) order by n.at, n.id), '[]')
     from lead_notes n left join users u on u.id = n.author_id where n.lead_id = l.id) as notes,
  (select coalesce(json_agg(x order by x.at), '[]') from (${sql.raw(LEAD_FORMS_SQL)}l.id) x) as forms`;

/** What extrasColumns read. */
export type ExtrasColumns = {
  visitor: (VisitorForExtras & { traits: string }) | null;
  trail: Extras['pageTrail'];
  notes: Extras['notes'];
  forms: NonNullable<Extras['forms']>;
};

export function extrasOf(lead: LeadRowForExtras, row: ExtrasColumns): Extras {
  const v = row.visitor ?? undefined;
  return cardExtras(lead, v, v ? parseJson<Record<string, unknown>>(v.traits, {}) : {}, row.trail, row.notes, row.forms);
}
