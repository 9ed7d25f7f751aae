// The one capture every entry point that makes a lead from a person's request calls (the widget's
// callback, the site's own forms, an API): admission (limits, bots, repeats, a nurtured person
// coming back), the authoritative qualification, the stage and the routing decision, planned
// purely (plan-capture.core.ts) and committed by the store in one transaction with the first
// offer. Live pushes go out from what that transaction returned. An entry point only adapts its
// input and its answer.
import type { VisitorStatus } from '../../shared/api';
import type { TalkMode } from '../../shared/schemas/call.schema';
import type { Site, Store } from '../db/store';
import type { Router } from '../routing/router';
import { admitLead, type AdmissionDeps } from './admit-lead';
import { captureStage, planCapture, qualifyCapture, type CaptureOrigin, type CaptureSource, type QualifyCapture } from './plan-capture.core';

export type { CaptureSource } from './plan-capture.core';

export interface CaptureDeps extends AdmissionDeps {
  store: Pick<Store, 'commitCapture'>;
  router: Pick<Router, 'captureRouting' | 'captured' | 'leadBecameHot'>;
  /** The visitor's behaviour and traits when they browsed before (tracking store). */
  visitorHistory(siteId: string, visitorId: string): Promise<QualifyCapture['history']>;
  /** Ties a visitor's browsing to a lead that already exists (one coming back from nurture). */
  linkVisitor(siteId: string, visitorId: string, leadId: string): Promise<void>;
  clock: () => number;
}

export interface CaptureRequest {
  source: CaptureSource;
  site: Site;
  name: string;
  /** E.164, validated by the entry point; empty only for a browser call left without a number. */
  phone: string;
  /** How the visitor asked to talk: `browser` for a voice call in the widget (routed as a callback). */
  talk?: TalkMode;
  email: string | null;
  /** Answers to the site's must-have questions, validated by the entry point. */
  answers: Record<string, string>;
  pageUrl: string | null;
  referrer: string | null;
  visitorId: string | null;
  timeZone: string | null;
  /** The client's address and User-Agent, as the limits and the bot checks see them. */
  clientIp: string;
  userAgent: string | undefined;
  /** A form's honeypot and time-to-submit; null when the request is not a form submission. */
  form: { hp?: string | undefined; tts?: number | undefined } | null;
  /** A retry under the same key answers with the first lead; a different body under it is a conflict. */
  idempotency: { key: string; bodyHash: string } | null;
  /**
   * A site form the marketer set to "only record": qualified and stored, never a hand-raise and
   * never offered. Every other door is a request to be contacted.
   */
  recordOnly?: { formName: string };
  /** The site form a request to talk came from (its name on the timeline). */
  formName?: string;
  /** That form is set to "book a slot": a hot lead waits for its visitor to pick a time, offered to nobody now. */
  bookSlot?: boolean;
}

export type CaptureOutcome =
  /** Over a limit: nothing was recorded; answer 429 with Retry-After. */
  | { kind: 'refused'; retryAfterSec: number; what: string }
  /** The idempotency key was used with a different request. */
  | { kind: 'conflict' }
  /**
   * The person's lead: made now (`created`), or one they already had (a repeat, a replay, a
   * nurtured lead coming back). `told` is the status pushed to the visitor when one was (null:
   * nothing to tell; undefined: nothing pushed, read it when answering).
   */
  | { kind: 'lead'; leadId: string; created: boolean; told: VisitorStatus | null | undefined };

/** What the timeline says when a repeat joins an open lead, and what brings a nurtured lead back, by door. */
const WORDS: Record<CaptureSource, { repeat: string; cause: string }> = {
  callback: { repeat: 'Asked for a callback again (joined this lead)', cause: 'asked for a callback' },
  form: { repeat: 'Sent the site form again (joined this lead)', cause: 'sent the site form' },
  api: { repeat: 'Sent again through the API (joined this lead)', cause: 'came in through the API' },
  identify: { repeat: 'Identified again on the site (joined this lead)', cause: 'identified on the site' },
};

function originOf(r: CaptureRequest): CaptureOrigin {
  if (r.source !== 'form') return { source: r.source };
  return r.recordOnly
    ? { source: 'form', formName: r.recordOnly.formName, handRaise: false }
    : { source: 'form', formName: r.formName ?? 'form', handRaise: true };
}

/** Captures a lead; see the file comment. */
export async function captureLead(deps: CaptureDeps, r: CaptureRequest): Promise<CaptureOutcome> {
  const now = deps.clock();
  const { site } = r;
  const admission = await admitLead(deps, {
    site,
    clientIp: r.clientIp,
    userAgent: r.userAgent,
    phone: r.phone,
    email: r.email,
    repeatNote: WORDS[r.source].repeat,
    form: r.form,
    key: r.idempotency?.key ?? null,
    now,
  });
  if (admission.kind === 'refused') return admission;
  if (admission.kind === 'joined') return { kind: 'lead', leadId: admission.leadId, created: false, told: undefined };

  const qualifyNow = async (suspect: string | null) =>
    qualifyCapture({
      site,
      answers: r.answers,
      email: r.email,
      history: r.visitorId ? await deps.visitorHistory(site.id, r.visitorId) : null,
      // Every door that makes a lead is a request to be contacted (a hand-raise), but a form
      // the site only records.
      callbackRequested: !r.recordOnly,
      recordOnly: !!r.recordOnly,
      suspect,
      now,
    });

  if (admission.kind === 'returning') {
    // Their lead was in nurture: it comes back, re-qualified with these answers, and is routed
    // (its previous owner first); no second lead. A request that looks automated leaves it there.
    const { leadId } = admission;
    if (r.recordOnly) return { kind: 'lead', leadId, created: false, told: null };
    if (admission.suspect) return { kind: 'lead', leadId, created: false, told: { state: 'closed' } };
    if (r.visitorId) await deps.linkVisitor(site.id, r.visitorId, leadId);
    const told = await deps.router.leadBecameHot(leadId, {
      cause: WORDS[r.source].cause,
      requalified: { answers: r.answers, qualification: await qualifyNow(null), pageUrl: r.pageUrl, timeZone: r.timeZone },
    });
    return { kind: 'lead', leadId, created: false, told };
  }

  // Admitted, or a replay of an admitted request (the commit answers it with the first lead).
  const admitted = admission.kind === 'admitted' ? admission : null;
  try {
    const qualification = await qualifyNow(admitted?.suspect ?? null);
    const plan = planCapture({
      site,
      name: r.name,
      phoneE164: r.phone,
      email: r.email,
      answers: r.answers,
      pageUrl: r.pageUrl,
      referrer: r.referrer,
      visitorId: r.visitorId,
      timeZone: r.timeZone,
      talk: r.talk,
      qualification,
      stage: captureStage(qualification),
      idempotency: r.idempotency,
      requestId: admitted?.requestId ?? null,
      origin: originOf(r),
      bookSlot: r.bookSlot,
      now,
    });
    const result = await deps.store.commitCapture(plan, deps.router.captureRouting(now));
    if (result.kind !== 'created') {
      // A replay or a lost race on the same key: the first request holds the slot.
      await admitted?.release();
      return result.kind === 'conflict' ? result : { kind: 'lead', leadId: result.leadId, created: false, told: undefined };
    }
    return { kind: 'lead', leadId: result.leadId, created: true, told: await deps.router.captured(result) };
  } catch (err) {
    // Only a request that made no lead gives its slot back (release skips settled ones).
    await admitted?.release().catch(() => undefined);
    throw err;
  }
}

/** What an identify door needs beyond the admission: which lead the identify would join without making one. */
export interface IdentifyDeps extends AdmissionDeps {
  leadForIdentify(siteId: string, visitorId: string, phone: string): Promise<string | null>;
  clock: () => number;
}

export interface IdentifyRequest {
  site: Site;
  visitorId: string;
  /** E.164: the identify's valid phone. */
  phone: string;
  email: string | null;
  clientIp: string;
  userAgent: string | undefined;
}

/**
 * The identify door: a behaviour batch whose identify carries a valid phone. An identify that
 * would make a new lead passes the same admission as every other capture; the batch is then
 * written by the grouped ingest (`ingest`, told which open lead the admission joined it to), where
 * the lead it makes is planned by plan-capture.core.ts (planIdentifiedLead), and the admitted
 * request is settled to that lead or given back.
 */
export async function captureIdentified<R extends { leadId: string | null }>(
  deps: IdentifyDeps,
  r: IdentifyRequest,
  ingest: (joinLeadId: string | null) => Promise<R>,
): Promise<{ kind: 'refused'; retryAfterSec: number; what: string } | { kind: 'ingested'; result: R }> {
  // Joining the visitor's own lead (or the phone's) makes none: nothing to admit.
  if (await deps.leadForIdentify(r.site.id, r.visitorId, r.phone)) return { kind: 'ingested', result: await ingest(null) };
  const admission = await admitLead(deps, {
    site: r.site,
    clientIp: r.clientIp,
    userAgent: r.userAgent,
    phone: r.phone,
    email: r.email,
    repeatNote: WORDS.identify.repeat,
    form: null,
    key: null,
    now: deps.clock(),
  });
  if (admission.kind === 'refused') return admission;
  // A nurtured person's lead is joined too: a hand-raise in this batch brings it back.
  const joinLeadId = admission.kind === 'joined' || admission.kind === 'returning' ? admission.leadId : null;
  const admitted = admission.kind === 'admitted' ? admission : null;
  let result: R;
  try {
    result = await ingest(joinLeadId);
  } catch (err) {
    await admitted?.release().catch(() => undefined);
    throw err;
  }
  if (admitted) await (result.leadId ? admitted.settle(result.leadId) : admitted.release());
  return { kind: 'ingested', result };
}
