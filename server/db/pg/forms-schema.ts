// The PostgreSQL mirror of server/db/forms-schema.ts: forms seen on a site (their mappings are
// part of the site's rules), and the mapped submissions that made or joined a lead.
import { pgTable, text, integer, bigint, bigserial, index, primaryKey } from 'drizzle-orm/pg-core';

export const formsSeen = pgTable(
  'forms_seen',
  {
    siteId: text('site_id').notNull(),
    /** The form's key within the site (see shared/forms.ts FormShape.key). */
    formKey: text('form_key').notNull(),
    workspaceId: text('workspace_id').notNull(),
    name: text('name').notNull(),
    /** The page of the latest submission seen. */
    pageUrl: text('page_url').notNull(),
    /** JSON FormFieldShape[] of the latest submission seen: names, labels, types, options. */
    fields: text('fields').notNull(),
    submissions: integer('submissions').notNull().default(0),
    firstSeenAt: bigint('first_seen_at', { mode: 'number' }).notNull(),
    lastSeenAt: bigint('last_seen_at', { mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.siteId, t.formKey] })],
);

export const formSubmissions = pgTable(
  'form_submissions',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    workspaceId: text('workspace_id').notNull(),
    siteId: text('site_id').notNull(),
    formKey: text('form_key').notNull(),
    leadId: text('lead_id').notNull(),
    pageUrl: text('page_url'),
    /**
     * JSON: the answers to must-have questions this submission gave, read through the published
     * mapping (never the raw field values). The rules backtest re-decides submissions from these.
     */
    answers: text('answers').notNull().default('{}'),
    at: bigint('at', { mode: 'number' }).notNull(),
  },
  (t) => [index('form_submissions_form').on(t.siteId, t.formKey, t.at), index('form_submissions_lead').on(t.leadId)],
);
