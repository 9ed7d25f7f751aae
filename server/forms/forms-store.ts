// The forms area's store operations: forms seen per site, their mappings, mapped submissions.
import type { FormMapping, FormShape } from '../../shared/forms';
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
  mapping: FormMapping | null;
}

export interface FormsStore {
  /** A submission of `shape` was seen: keeps its latest shape and counts it (a first sighting lists it). */
  seen(site: Site, shape: FormShape, now: number): Promise<void>;
  /** The site's forms, most recently seen first. */
  list(siteId: string): Promise<FormRecord[]>;
  get(siteId: string, formKey: string): Promise<FormRecord | null>;
  /** The leads the site's mapped submissions made or joined, one row per submission (counted by form-numbers.core.ts). */
  leadRows(siteId: string): Promise<FormLeadRow[]>;
  /** The marketer's mapping (or null to unmap). False when the site never saw that form. */
  saveMapping(siteId: string, formKey: string, mapping: FormMapping | null, userId: string, now: number): Promise<boolean>;
  /** The mapped forms of a site, for the widget's config. */
  mapped(siteId: string): Promise<Array<{ key: string; mapping: FormMapping }>>;
  /**
   * A mapped submission made or joined `leadId`: counted per form, and noted on the lead's
   * timeline when it joined one (a lead it made says so in its first line).
   */
  recordSubmission(r: { site: Site; formKey: string; formName: string; leadId: string; pageUrl: string | null; joined: boolean; now: number }): Promise<void>;
}
