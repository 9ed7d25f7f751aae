// The forms area's store on PostgreSQL: the twin of sqlite/forms-ops.ts.
import { and, desc, eq, isNotNull, sql } from 'drizzle-orm';
import type { FormsStore } from '../../forms/forms-store';
import * as f from './forms-schema';
import * as t from './schema';
import { FORM_LEADS_SQL, seenRow, submissionNote, toFormLeadRow, toFormRecord } from '../form-rows';
import type { PgDb } from './open';

export function createFormsOps(db: PgDb): FormsStore {
  return {
    async seen(site, shape, now) {
      const row = seenRow(site, shape, now);
      await db
        .insert(f.formsSeen)
        .values(row)
        .onConflictDoUpdate({
          target: [f.formsSeen.siteId, f.formsSeen.formKey],
          set: { name: row.name, pageUrl: row.pageUrl, fields: row.fields, lastSeenAt: now, submissions: sql`${f.formsSeen.submissions} + 1` },
        });
    },

    async leadRows(siteId) {
      return (await db.execute(sql`${sql.raw(FORM_LEADS_SQL)}${siteId}`)).rows.map((r) => toFormLeadRow(r as Record<string, unknown>));
    },

    async list(siteId) {
      const rows = await db.select().from(f.formsSeen).where(eq(f.formsSeen.siteId, siteId)).orderBy(desc(f.formsSeen.lastSeenAt));
      return rows.map(toFormRecord);
    },

    async get(siteId, formKey) {
      const [r] = await db
        .select()
        .from(f.formsSeen)
        .where(and(eq(f.formsSeen.siteId, siteId), eq(f.formsSeen.formKey, formKey)));
      return r ? toFormRecord(r) : null;
    },

    async saveMapping(siteId, formKey, mapping, userId, now) {
      const done = await db
        .update(f.formsSeen)
        .set({ mapping: mapping && JSON.stringify(mapping), mappedAt: now, mappedBy: userId })
        .where(and(eq(f.formsSeen.siteId, siteId), eq(f.formsSeen.formKey, formKey)))
        .returning({ key: f.formsSeen.formKey });
      return done.length > 0;
    },

    async mapped(siteId) {
      const rows = await db
        .select({ key: f.formsSeen.formKey, mapping: f.formsSeen.mapping })
        .from(f.formsSeen)
        .where(and(eq(f.formsSeen.siteId, siteId), isNotNull(f.formsSeen.mapping)));
      return rows.map((r) => ({ key: r.key, mapping: JSON.parse(r.mapping!) }));
    },

    async recordSubmission(r) {
      await db.transaction(async (tx) => {
        await tx
          .insert(f.formSubmissions)
          .values({ workspaceId: r.site.workspaceId, siteId: r.site.id, formKey: r.formKey, leadId: r.leadId, pageUrl: r.pageUrl, at: r.now });
        await tx
          .insert(t.leadEvents)
          .values({ workspaceId: r.site.workspaceId, leadId: r.leadId, kind: 'form', text: submissionNote(r.formName, r.pageUrl), at: r.now });
      });
    },
  };
}
