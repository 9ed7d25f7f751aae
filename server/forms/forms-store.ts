// The forms area's store operations: forms seen per site and their mapped submissions. A form's
// mapping is not here: it is part of the site's rules (SiteRules.forms), versioned and published.
import type { FormShape } from '../../shared/forms';
import type { Site } from '../db/store';
import type { FormLeadRow } from './form-numbers.core';

/** A form seen on a site, as stored. */
export interface FormRecord {
  key: string;
  name: string;
  page: string;
  fields: FormShape['fields'];
  submissions: number;
  firstSeenAt: number;
  lastSeenAt: number;
}

/** A stored mapped submission, as the backtest re-decides it: its form, its lead and the answers it gave. */
export interface StoredSubmission {
  formKey: string;
  leadId: string;
  answers: Record<string, string>;
  at: number;
}

export interface FormsStore {
  /** A submission of `shape` was seen: keeps its latest shape and counts it (a first sighting lists it). */
  seen(site: Site, shape: FormShape, now: number): Promise<void>;
  /** The site's forms, most recently seen first. */
  list(siteId: string): Promise<FormRecord[]>;
  get(siteId: string, formKey: string): Promise<FormRecord | null>;
  /**
   * The leads the site's mapped submissions made or joined, one row per submission (counted by
   * form-numbers.core.ts): all of them, or those submitted in [from, to).
   */
  leadRows(siteId: string, range?: { from: number; to: number }): Promise<FormLeadRow[]>;
  /** The site's mapped submissions, oldest first (the rules backtest). */
  submissions(siteId: string): Promise<StoredSubmission[]>;
  /**
   * A mapped submission made or joined `leadId`: kept with the answers it gave, counted per form,
   * and noted on the lead's timeline when it joined one (a lead it made says so in its first line).
   */
  recordSubmission(r: {
    site: Site;
    formKey: string;
    formName: string;
    leadId: string;
    pageUrl: string | null;
    answers: Record<string, string>;
    joined: boolean;
    now: number;
  }): Promise<void>;
}
