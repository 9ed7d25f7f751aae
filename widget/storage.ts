// First-party storage that never throws: storage can be disabled, full, or forbidden to sandboxed
// frames. The loader and the tracker each include this file (bundles share no code at run time):
// the tracker writes the visitor's keys, the loader the consent decision, and the loader removes
// the visitor's keys when consent is withdrawn, even if the tracker never loaded on this page.

type Area = 'localStorage' | 'sessionStorage';

/** The anonymous visitor id. */
export const VISITOR_KEY = 'sixty_vid';
/** First-touch context (referrer, UTMs) not yet delivered to the server. */
export const FIRST_TOUCH_KEY = 'sixty_ft';
/** The explicit consent decision: '1' granted, '0' refused (kept only where consent is implied). */
export const CONSENT_KEY = 'sixty_consent';
/** Set in sessionStorage once the visitor has been invited during this visit. */
export const INVITED_KEY = 'sixty_inv';
/** sessionStorage: a callback request not yet acknowledged, resent on the next page. */
export const PENDING_KEY = 'sixty_cb';
/** sessionStorage: the marketer's "Test this form" token, so the tab stays a test past the form's own redirect. */
export const TEST_KEY = 'sixty_test';

export function readStore(key: string, area: Area = 'localStorage'): string | null {
  try {
    return window[area].getItem(key);
  } catch {
    return null;
  }
}

/** Stores `value`, or removes the key when it is null. */
export function writeStore(key: string, value: string | null, area: Area = 'localStorage'): void {
  try {
    if (value === null) window[area].removeItem(key);
    else window[area].setItem(key, value);
  } catch {
    // Storage refused: the visitor id lives for this page only.
  }
}
