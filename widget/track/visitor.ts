// Who the events belong to: the anonymous visitor id from first-party storage (created on the
// first tracked page), and the context their batches carry: first touch until it is delivered,
// whether they have been here before, and where a returning visitor's new session came from
// (the server keeps one touch per session for attribution).
import type { EventBatch } from '../../shared/schemas/events.schema';
import { FIRST_TOUCH_KEY, readStore, VISITOR_KEY, writeStore } from '../storage';
import { cleanUrl } from './clean-url';
import { readUtm } from './utm';
import { newVisitorId } from './visitor-id';

export type BatchContext = EventBatch['context'];

/** The visitor's id and the context for their next batches. */
export function loadVisitor(): [id: string, context: BatchContext] {
  const stored = readStore(VISITOR_KEY);
  const [page, inside] = pageTouch();
  // A new session: a page not reached from another page of this site (typed, bookmarked, linked
  // from elsewhere), or opened from a campaign link. No storage: the server folds a repeat (a reload) into one.
  const newSession = !inside || !!page?.utm;
  if (stored && /^[\w-]{8,64}$/.test(stored)) {
    let touch: NonNullable<BatchContext> = {};
    try {
      touch = JSON.parse(readStore(FIRST_TOUCH_KEY) || '{}');
    } catch {
      // Damaged: the first touch is lost, the visit is not.
    }
    // Field by field: an unknown key would get every batch refused by the strict schema.
    return [stored, { referrer: touch.referrer, utm: touch.utm, returning: true, session: newSession ? page || {} : undefined }];
  }
  const id = newVisitorId();
  writeStore(VISITOR_KEY, id);
  if (page) writeStore(FIRST_TOUCH_KEY, JSON.stringify(page));
  return [id, page];
}

/** Where this page's visitor came from (the referrer when it is another site, and the UTMs), and whether from this site. */
function pageTouch(): [touch: { referrer?: string; utm?: NonNullable<BatchContext>['utm'] } | undefined, inside: boolean] {
  const touch: NonNullable<BatchContext> = {};
  let inside = false;
  const utm = readUtm(location.search);
  if (utm) touch.utm = utm;
  try {
    const referrer = new URL(document.referrer);
    inside = referrer.hostname === location.hostname;
    if (!inside) touch.referrer = cleanUrl(referrer);
  } catch {
    // No referrer (typed URL, bookmark, Referrer-Policy: no-referrer).
  }
  return [touch.utm || touch.referrer ? touch : undefined, inside];
}
