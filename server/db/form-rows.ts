// Rows of the forms tables to domain objects and back, shared by both stores.
import type { FormShape } from '../../shared/forms';
import type { FormRecord, StoredSubmission } from '../forms/forms-store';
import type { FormLeadRow } from '../forms/form-numbers.core';
import type { Site } from './store';

export interface FormRow {
  formKey: string;
  name: string;
  pageUrl: string;
  fields: string;
  submissions: number;
  firstSeenAt: number;
  lastSeenAt: number;
}

export function toFormRecord(r: FormRow): FormRecord {
  return {
    key: r.formKey,
    name: r.name,
    page: r.pageUrl,
    fields: JSON.parse(r.fields),
    submissions: r.submissions,
    firstSeenAt: r.firstSeenAt,
    lastSeenAt: r.lastSeenAt,
  };
}

/** The row a first sighting inserts (a later one updates name, page, fields and the counts). */
export function seenRow(site: Site, shape: FormShape, now: number) {
  return {
    siteId: site.id,
    formKey: shape.key,
    workspaceId: site.workspaceId,
    name: shape.name || shape.key,
    pageUrl: shape.page,
    fields: JSON.stringify(shape.fields),
    submissions: 1,
    firstSeenAt: now,
    lastSeenAt: now,
  };
}

/** What the lead's timeline says about the submission. */
export function submissionNote(formName: string, pageUrl: string | null): string {
  return `Submitted the site's form "${formName}"${pageUrl ? ` on ${pageUrl}` : ''}`;
}

/** The query both stores run for a site's form numbers (see forms/form-numbers.core.ts). */
export const FORM_LEADS_SQL = `select fs.form_key as "formKey", fs.lead_id as "leadId", l.mql as mql, l.hot_at is not null as hot,
  exists (select 1 from offers o where o.lead_id = l.id) as routed, l.captured_at as "capturedAt", l.accepted_at as "acceptedAt",
  fs.at as "submittedAt"
  from form_submissions fs join leads l on l.id = fs.lead_id where fs.site_id = `;

/** FORM_LEADS_SQL's site id is followed by this and the range's bounds for the submissions of a range. */
export const FORM_LEADS_RANGE_SQL = ' and fs.at >= ';

/** A row of that query as either database returns it (0/1 or booleans, bigints as strings). */
export function toFormLeadRow(r: Record<string, unknown>): FormLeadRow {
  return {
    formKey: String(r.formKey),
    leadId: String(r.leadId),
    mql: !!Number(r.mql === true ? 1 : r.mql),
    hot: !!Number(r.hot === true ? 1 : r.hot),
    routed: !!Number(r.routed === true ? 1 : r.routed),
    capturedAt: Number(r.capturedAt),
    acceptedAt: r.acceptedAt === null || r.acceptedAt === undefined ? null : Number(r.acceptedAt),
    submittedAt: Number(r.submittedAt),
  };
}

/** A stored submission row (either dialect) as the backtest reads it. */
export function toStoredSubmission(r: { formKey: string; leadId: string; answers: string; at: number }): StoredSubmission {
  return { formKey: r.formKey, leadId: r.leadId, answers: JSON.parse(r.answers), at: Number(r.at) };
}

/** The row a mapped submission inserts. */
export function submissionRow(r: { site: Site; formKey: string; leadId: string; pageUrl: string | null; answers: Record<string, string>; now: number }) {
  return {
    workspaceId: r.site.workspaceId,
    siteId: r.site.id,
    formKey: r.formKey,
    leadId: r.leadId,
    pageUrl: r.pageUrl,
    answers: JSON.stringify(r.answers),
    at: r.now,
  };
}
