// The one place a mapped submission of the site's own form becomes a lead. It goes through the
// same path as a widget callback request (server/callbacks/callbacks.routes.ts): the capture
// admission (address and site limits, per-phone daily cap, duplicate join, nurture return, bot
// checks), the authoritative qualification with the visitor's tracked history, the store's
// recordCallback (one lead per person, idempotent under the widget's key) and the router.
// When the single `captureLead` core lands (server/capture/), this adapter becomes one call to it.
import { createHash } from 'node:crypto';
import type { VisitorStatus } from '../../shared/api';
import type { FormAction } from '../../shared/forms';
import { stageFromQualification } from '../../shared/lifecycle';
import { qualify } from '../../shared/qualify/qualify';
import type { Qualification } from '../../shared/qualify/types';
import type { AppDeps } from '../app';
import { admitLead, type AdmissionDeps } from '../capture/admit-lead';
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
  /** `offer`: a hand-raise, routed when it qualifies; `record`: stored, never routed. */
  action: FormAction;
  now: number;
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
  const { store, router, tracking } = deps;
  const admissionDeps: AdmissionDeps = { limiter: deps.limiter, limits: deps.config.limits, guard: deps.guard, botSettings: (id) => tracking.settings(id) };
  const admission = await admitLead(admissionDeps, {
    site: r.site,
    clientIp: r.clientIp,
    userAgent: r.userAgent,
    phone: r.phone,
    email: r.email,
    repeatNote: "Submitted the site's form again (joined this lead)",
    // Host forms have no honeypot of ours; their time-to-submit is measured from the page load.
    form: { tts: r.tts },
    key: r.key,
    now: r.now,
  });
  const handRaise = r.action === 'offer';
  const qualification = async (): Promise<Qualification> => {
    const history = r.visitorId ? await tracking.visitorHistory(r.site.id, r.visitorId) : null;
    const q = qualify({
      rules: r.site.rules,
      answers: r.answers,
      traits: { ...(history?.traits ?? {}), ...(r.email ? { email: r.email } : {}), ...(r.name ? { name: r.name } : {}) },
      events: history?.events ?? [],
      callbackRequested: handRaise,
      now: r.now,
    });
    // Record-only forms are stored with their qualification, never offered.
    return handRaise ? q : { ...q, hot: false };
  };
  if (admission.kind === 'refused') return admission;
  if (admission.kind === 'joined') return { kind: 'lead', leadId: admission.leadId, created: false };
  if (admission.kind === 'returning') {
    if (admission.suspect || !handRaise) return { kind: 'lead', leadId: admission.leadId, created: false, told: null };
    if (r.visitorId) await tracking.linkVisitorToLead(r.site.id, r.visitorId, admission.leadId);
    const told = await router.leadBecameHot(admission.leadId, {
      cause: "submitted the site's form",
      requalified: { answers: r.answers, qualification: await qualification(), pageUrl: r.pageUrl, timeZone: r.timeZone },
    });
    return { kind: 'lead', leadId: admission.leadId, created: false, told };
  }
  const admitted = admission.kind === 'admitted' ? admission : null;
  try {
    let q = await qualification();
    if (admitted?.suspect) q = { ...q, hot: false, mql: false, fit: { status: 'fails', stage: 'suspect', reason: admitted.suspect, missing: [] } };
    const result = await store.recordCallback({
      site: r.site,
      name: r.name || 'Unknown name',
      phoneE164: r.phone,
      email: r.email,
      answers: r.answers,
      pageUrl: r.pageUrl,
      visitorId: r.visitorId,
      timeZone: r.timeZone,
      qualification: q,
      stage: stageFromQualification(q),
      idempotency: r.key ? { key: r.key, bodyHash: r.bodyHash } : null,
      now: r.now,
    });
    if (result.kind === 'conflict') {
      await admitted?.release();
      return { kind: 'conflict' };
    }
    if (result.kind !== 'created') {
      await admitted?.release();
      return { kind: 'lead', leadId: result.leadId, created: false };
    }
    await admitted?.settle(result.leadId);
    if (r.visitorId) await tracking.linkVisitorToLead(r.site.id, r.visitorId, result.leadId);
    const told = handRaise ? await router.leadCaptured(result.leadId) : null;
    return { kind: 'lead', leadId: result.leadId, created: true, told };
  } catch (err) {
    await admitted?.release().catch(() => undefined);
    throw err;
  }
}
