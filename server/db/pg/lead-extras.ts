// What the lead card shows beyond the lead row, read from PostgreSQL: where they came from,
// what they did on the site, notes and the sales-qualification answers.
import { and, asc, desc, eq, inArray, or } from 'drizzle-orm';
import { cardExtras, TRAIL_LIMIT, type Extras, type LeadRowForExtras } from '../card-extras';
import { parseJson } from '../sqlite/rows';
import type { PgConn, PgDb } from './open';
import * as t from './schema';
import * as tr from './tracking-schema';

/** Behaviour worth showing a rep; heartbeats and the like are not. */
const TRAIL_TYPES = ['page_view', 'download', 'outbound', 'click', 'custom', 'form_submit'];

// The db is unused today (every read goes through the caller's connection) but kept so the
// factory matches the SQLite twin, which prepares its statements on it.
export function createLeadExtras(_db: PgDb) {
  return async function leadExtras(conn: PgConn, lead: LeadRowForExtras): Promise<Extras> {
    const byLead = lead.visitorId ? or(eq(tr.visitors.leadId, lead.id), eq(tr.visitors.visitorId, lead.visitorId)) : eq(tr.visitors.leadId, lead.id);
    const [v] = await conn
      .select({
        visitorId: tr.visitors.visitorId,
        traits: tr.visitors.traits,
        referrer: tr.visitors.referrer,
        landingUrl: tr.visitors.landingUrl,
        source: tr.visitors.utmSource,
        medium: tr.visitors.utmMedium,
        campaign: tr.visitors.utmCampaign,
        term: tr.visitors.utmTerm,
        content: tr.visitors.utmContent,
        visits: tr.visitors.visits,
        firstSeenAt: tr.visitors.firstSeenAt,
      })
      .from(tr.visitors)
      .where(and(eq(tr.visitors.siteId, lead.siteId), byLead))
      .orderBy(desc(tr.visitors.lastSeenAt))
      .limit(1);
    // In turn, not in parallel: a transaction is one connection, which runs one query at a time.
    const trail = v
      ? await conn
          .select({ at: tr.events.at, type: tr.events.type, url: tr.events.url, name: tr.events.name })
          .from(tr.events)
          .where(and(eq(tr.events.siteId, lead.siteId), eq(tr.events.visitorId, v.visitorId), inArray(tr.events.type, TRAIL_TYPES)))
          .orderBy(desc(tr.events.id))
          .limit(TRAIL_LIMIT)
      : [];
    const notes = await conn
      .select({ at: t.leadNotes.at, author: t.users.name, text: t.leadNotes.text })
      .from(t.leadNotes)
      .leftJoin(t.users, eq(t.users.id, t.leadNotes.authorId))
      .where(eq(t.leadNotes.leadId, lead.id))
      .orderBy(asc(t.leadNotes.at), asc(t.leadNotes.id));

    const traits = v ? parseJson<Record<string, unknown>>(v.traits, {}) : {};
    return cardExtras(
      lead,
      v,
      traits,
      trail.reverse(),
      notes.map((n) => ({ at: n.at, author: n.author ?? 'Someone', text: n.text })),
    );
  };
}
