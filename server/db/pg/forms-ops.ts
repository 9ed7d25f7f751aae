// The forms area's store on PostgreSQL: the twin of sqlite/forms-ops.ts.
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { FormsStore } from '../../forms/forms-store';
import * as f from './forms-schema';
import * as t from './schema';
import { FORM_LEADS_RANGE_SQL, FORM_LEADS_SQL, seenRow, submissionNote, submissionRow, toFormLeadRow, toFormRecord, toStoredSubmission } from '../form-rows';
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

    async leadRows(siteId, range) {
      const within = range ? sql`${sql.raw(FORM_LEADS_RANGE_SQL)}${range.from} and fs.at < ${range.to}` : sql``;
      return (await db.execute(sql`${sql.raw(FORM_LEADS_SQL)}${siteId}${within}`)).rows.map((r) => toFormLeadRow(r as Record<string, unknown>));
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

    async submissions(siteId) {
      const rows = await db
        .select({ formKey: f.formSubmissions.formKey, leadId: f.formSubmissions.leadId, answers: f.formSubmissions.answers, at: f.formSubmissions.at })
        .from(f.formSubmissions)
        .where(eq(f.formSubmissions.siteId, siteId))
        .orderBy(asc(f.formSubmissions.at), asc(f.formSubmissions.id));
      return rows.map(toStoredSubmission);
    },

    async recordSubmission(r) {
      await db.transaction(async (tx) => {
        await tx.insert(f.formSubmissions).values(submissionRow(r));
        // As on SQLite: a lead this submission made already says so in its first line.
        if (r.joined)
          await tx
            .insert(t.leadEvents)
            .values({ workspaceId: r.site.workspaceId, leadId: r.leadId, kind: 'form', text: submissionNote(r.formName, r.pageUrl), at: r.now });
      });
    },
  };
}
