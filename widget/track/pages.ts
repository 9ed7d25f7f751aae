// Page views and the engagement with each page: visible time (Page Visibility) and the deepest
// scroll. Engagement is sent when the page is left (SPA navigation) or hidden; a page hidden and
// shown again yields one engagement event per visible stretch (the server sums the time and keeps
// the deepest scroll).
import { emit } from './batch';
import { cleanUrl } from './clean-url';

let url = '';
let visibleMs = 0;
/** When the current visible stretch started; 0 while hidden. */
let visibleSince = 0;
let scrollDepth = 0;
/** The current page has not had its engagement reported yet (even a zero-length visit counts). */
let unreported = false;

/** The page as we report it, now. */
export const currentUrl = (): string => cleanUrl(location);

/**
 * Records a page view when the (clean) URL changed since the last one. `next` and `at` are when
 * the navigation happened, which can be a moment before this runs (see navigation.ts); so is
 * `leftDepth`, the page left's scroll depth then, when given: measuring it now could measure the
 * next page, already on screen.
 */
export function viewPage(next = currentUrl(), at = Date.now(), leftDepth?: number): void {
  if (next === url) return;
  hidePage(at, leftDepth);
  url = next;
  scrollDepth = 0;
  visibleSince = document.hidden ? 0 : at;
  unreported = true;
  emit({ type: 'page_view', url, props: { title: document.title } }, at);
}

/** The page is hidden or left: report the visible stretch that just ended. */
export function hidePage(at = Date.now(), depth = scrollDepthNow()): void {
  if (!url) return;
  if (visibleSince) visibleMs += Math.max(0, at - visibleSince);
  visibleSince = 0;
  scrollDepth = Math.max(scrollDepth, depth);
  // A page hidden and then left reports once, not twice with nothing in the second.
  if (visibleMs || unreported) emit({ type: 'engagement', url, props: { visibleMs, scrollDepth } }, at);
  visibleMs = 0;
  unreported = false;
}

export function showPage(): void {
  if (url && !visibleSince) visibleSince = Date.now();
}

/** How far down the page on screen is seen, in percent. */
export function scrollDepthNow(): number {
  const height = document.documentElement.scrollHeight;
  return Math.min(100, height ? Math.round(((scrollY + innerHeight) / height) * 100) : 100);
}

export function scrollPage(): void {
  scrollDepth = Math.max(scrollDepth, scrollDepthNow());
}

/** Forgets the current page without reporting it (tracking stopped, or back from bfcache). */
export function resetPage(): void {
  url = '';
  visibleMs = visibleSince = 0;
  unreported = false;
}
