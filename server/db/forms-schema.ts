// Tables of the site's own forms: each form Sixty saw submitted on a site (its latest shape, never
// values; its mapping is part of the site's rules), and each mapped submission that made or joined a lead.
import { sqliteTable, text, integer, index, primaryKey } from 'drizzle-orm/sqlite-core';

export const formsSeen = sqliteTable(
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
    firstSeenAt: integer('first_seen_at').notNull(),
    lastSeenAt: integer('last_seen_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.siteId, t.formKey] })],
);

export const formSubmissions = sqliteTable(
  'form_submissions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
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
    at: integer('at').notNull(),
  },
  (t) => [index('form_submissions_form').on(t.siteId, t.formKey, t.at), index('form_submissions_lead').on(t.leadId)],
);
