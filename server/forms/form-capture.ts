// The door of the site's own forms: a mapped submission becomes a lead through the one capture
// every door shares (server/capture/capture-lead.ts: admission, qualification, stage, routing,
// one transaction), so protections and rules cannot differ from the widget's callback.
import { createHash } from 'node:crypto';
import type { VisitorStatus } from '../../shared/api';
import type { FormAction } from '../../shared/forms';
import type { AppDeps } from '../app';
import { captureDepsOf, captureLead } from '../capture';
import type { Site } from '../db/store';

export interface FormCapture {
  site: Site;
  clientIp: string;
  userAgent: string | undefined;
  /** The widget's idempotency key: a resend from the thank-you page makes no second lead. */
  key: string | null;
  /** Hash of the request as sent, so a key reused for another request is refused. */
  bodyHash: string;
  name: string;
  /** E.164. */
  phone: string;
  email: string | null;
  answers: Record<string, string>;
  visitorId: string | null;
  pageUrl: string | null;
  timeZone: string | null;
  tts: number | undefined;
  /** `offer`: a hand-raise, routed when it qualifies; `book`: a hand-raise whose visitor books a slot; `record`: stored, never routed. */
  action: FormAction;
  /** The form's name as the marketer sees it, on the lead's timeline. */
  formName: string;
}

export type FormCaptureResult =
  | { kind: 'refused'; retryAfterSec: number; what: string }
  | { kind: 'conflict' }
  /** `told`: the status routing just pushed (undefined: ask the router). */
  | { kind: 'lead'; leadId: string; created: boolean; told?: VisitorStatus | null };

export function hashOf(body: unknown): string {
  return createHash('sha256').update(JSON.stringify(body)).digest('hex');
}

/** Captures a mapped form submission; see the file comment. */
export async function captureFormSubmission(deps: AppDeps, r: FormCapture): Promise<FormCaptureResult> {
  const outcome = await captureLead(captureDepsOf(deps), {
    source: 'form',
    site: r.site,
    name: r.name || 'Unknown name',
    phone: r.phone,
    email: r.email,
    answers: r.answers,
    pageUrl: r.pageUrl,
    referrer: null,
    visitorId: r.visitorId,
    timeZone: r.timeZone,
    clientIp: r.clientIp,
    userAgent: r.userAgent,
    // Host forms have no honeypot of ours; their time-to-submit is measured from the page load.
    form: { tts: r.tts },
    idempotency: r.key ? { key: r.key, bodyHash: r.bodyHash } : null,
    ...(r.action === 'record' ? { recordOnly: { formName: r.formName } } : { formName: r.formName, bookSlot: r.action === 'book' }),
  });
  return outcome;
}
