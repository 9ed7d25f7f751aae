// Who the events belong to: the anonymous visitor id from first-party storage (created on the
// first tracked page), and the context their batches carry: first touch until it is delivered,
// whether they have been here before, and where a returning visitor's new session came from
// (the server keeps one touch per session for attribution).
import type { EventBatch } from '../../shared/schemas/events.schema';
import { FIRST_TOUCH_KEY, readStore, SESSION_KEY, VISITOR_KEY, writeStore } from '../storage';
import { cleanUrl } from './clean-url';
import { readUtm } from './utm';
import { newVisitorId } from './visitor-id';

export type BatchContext = EventBatch['context'];

/** The visitor's id and the context for their next batches. */
export function loadVisitor(): [id: string, context: BatchContext] {
  const stored = readStore(VISITOR_KEY);
  const page = pageTouch();
  // A new session: the tab's first tracked page, or a page opened from a campaign link.
  const newSession = !readStore(SESSION_KEY, 'sessionStorage') || !!page?.utm;
  writeStore(SESSION_KEY, '1', 'sessionStorage');
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

/** Where this page's visitor came from: the referrer when it is another site, and the UTMs. */
function pageTouch(): { referrer?: string; utm?: NonNullable<BatchContext>['utm'] } | undefined {
  const touch: NonNullable<BatchContext> = {};
  const utm = readUtm(location.search);
  if (utm) touch.utm = utm;
  try {
    const referrer = new URL(document.referrer);
    if (referrer.hostname !== location.hostname) touch.referrer = cleanUrl(referrer);
  } catch {
    // No referrer (typed URL, bookmark, Referrer-Policy: no-referrer).
  }
  return touch.utm || touch.referrer ? touch : undefined;
}
