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

/** Records a page view when the (clean) URL changed since the last one. */
export function viewPage(): void {
  const next = cleanUrl(location);
  if (next === url) return;
  hidePage();
  url = next;
  scrollDepth = 0;
  visibleSince = document.hidden ? 0 : Date.now();
  emit({ type: 'page_view', props: { title: document.title } });
}

/** The page is hidden or left: report the visible stretch that just ended. */
export function hidePage(): void {
  if (!url) return;
  if (visibleSince) visibleMs += Date.now() - visibleSince;
  visibleSince = 0;
  scrollPage();
  if (visibleMs) emit({ type: 'engagement', url, props: { visibleMs, scrollDepth } });
  visibleMs = 0;
}

export function showPage(): void {
  if (url && !visibleSince) visibleSince = Date.now();
}

export function scrollPage(): void {
  const height = document.documentElement.scrollHeight;
  const seen = height ? Math.round(((scrollY + innerHeight) / height) * 100) : 100;
  scrollDepth = Math.max(scrollDepth, Math.min(100, seen));
}

/** Forgets the current page without reporting it (tracking stopped, or back from bfcache). */
export function resetPage(): void {
  url = '';
  visibleMs = visibleSince = 0;
}
