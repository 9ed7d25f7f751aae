// The forms area's store on SQLite (see server/forms/forms-store.ts).
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { FormsStore } from '../../forms/forms-store';
import * as f from '../forms-schema';
import * as t from '../schema';
import { FORM_LEADS_RANGE_SQL, FORM_LEADS_SQL, seenRow, submissionNote, submissionRow, toFormLeadRow, toFormRecord, toStoredSubmission } from '../form-rows';
import type { Db } from './open';

export function createFormsOps(db: Db): FormsStore {
  const formLeads = db.$client.prepare<[string], Record<string, unknown>>(`${FORM_LEADS_SQL}?`);
  const formLeadsInRange = db.$client.prepare<[string, number, number], Record<string, unknown>>(`${FORM_LEADS_SQL}?${FORM_LEADS_RANGE_SQL}? and fs.at < ?`);
  const record = db.$client.transaction((r: Parameters<FormsStore['recordSubmission']>[0]) => {
    db.insert(f.formSubmissions).values(submissionRow(r)).run();
    if (r.joined)
      db.insert(t.leadEvents)
        .values({ workspaceId: r.site.workspaceId, leadId: r.leadId, kind: 'form', text: submissionNote(r.formName, r.pageUrl), at: r.now })
        .run();
  });

  return {
    async seen(site, shape, now) {
      const row = seenRow(site, shape, now);
      db.insert(f.formsSeen)
        .values(row)
        .onConflictDoUpdate({
          target: [f.formsSeen.siteId, f.formsSeen.formKey],
          set: { name: row.name, pageUrl: row.pageUrl, fields: row.fields, lastSeenAt: now, submissions: sql`${f.formsSeen.submissions} + 1` },
        })
        .run();
    },

    async leadRows(siteId, range) {
      return (range ? formLeadsInRange.all(siteId, range.from, range.to) : formLeads.all(siteId)).map(toFormLeadRow);
    },

    async list(siteId) {
      return db.select().from(f.formsSeen).where(eq(f.formsSeen.siteId, siteId)).orderBy(desc(f.formsSeen.lastSeenAt)).all().map(toFormRecord);
    },

    async get(siteId, formKey) {
      const r = db
        .select()
        .from(f.formsSeen)
        .where(and(eq(f.formsSeen.siteId, siteId), eq(f.formsSeen.formKey, formKey)))
        .get();
      return r ? toFormRecord(r) : null;
    },

    async submissions(siteId) {
      return db
        .select({ formKey: f.formSubmissions.formKey, leadId: f.formSubmissions.leadId, answers: f.formSubmissions.answers, at: f.formSubmissions.at })
        .from(f.formSubmissions)
        .where(eq(f.formSubmissions.siteId, siteId))
        .orderBy(asc(f.formSubmissions.at), asc(f.formSubmissions.id))
        .all()
        .map(toStoredSubmission);
    },

    async recordSubmission(r) {
      record(r);
    },
  };
}
