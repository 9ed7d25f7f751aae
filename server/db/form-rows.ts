// Rows of the forms tables to domain objects and back, shared by both stores.
import type { FormShape } from '../../shared/forms';
import type { FormRecord } from '../forms/forms-store';
import type { Site } from './store';

export interface FormRow {
  formKey: string;
  name: string;
  pageUrl: string;
  fields: string;
  submissions: number;
  firstSeenAt: number;
  lastSeenAt: number;
  mapping: string | null;
}

export function toFormRecord(r: FormRow, leads: number): FormRecord {
  return {
    key: r.formKey,
    name: r.name,
    page: r.pageUrl,
    fields: JSON.parse(r.fields),
    submissions: r.submissions,
    leads,
    firstSeenAt: r.firstSeenAt,
    lastSeenAt: r.lastSeenAt,
    mapping: r.mapping === null ? null : JSON.parse(r.mapping),
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
