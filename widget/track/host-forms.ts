// The host page's own forms: every submitted form's shape is reported (the console lists it for
// mapping), and a submission of a mapped form is sent as a lead. For an `offer` or `book` form the request
// is kept in sessionStorage under the panel's pending key and the panel is opened: it sends it
// (retrying under one idempotency key) and shows the live status, on this page or, when the
// form navigates, on the page it lands on. Nothing here delays or stops the page's own handling.
// While tracking is not allowed, and only where the site counts a submitted contact form as the
// visitor's request for contact, the forms-only mode reads just the `offer` and `book` forms.
import type { WidgetForm } from '../../shared/forms';
import type { SixtyWindow } from '../contract';
import { PENDING_KEY, readStore, TEST_KEY, writeStore } from '../storage';
import { formKey, formShape, readValues } from './form-shape';
import { hush, visitorId } from './batch';
import { cleanUrl } from './clean-url';
import { guard } from './guard';

let origin = '';
let siteKey = '';
let mapped: WidgetForm[] = [];
/** Which forms are mapped has been asked for (once per page, by whichever mode came first). */
let fetched = false;
let formsOnly = false;
/**
 * The marketer's "Test this form" token, from the page's `#sixty-test=` marker (kept for the tab):
 * a submission is then sent only for the console to show (the server verifies the token), no
 * panel opens, and no behaviour is sent (the marketer is no visitor).
 */
let test = '';

/**
 * Tracking started: reads which forms are mapped, and whether this tab is a marketer's test.
 * `forms`: the mapped forms from the config the loader has, if it hands them over.
 */
export function watchForms(apiOrigin: string, key: string, forms?: unknown): void {
  test = (/sixty-test=([\w.-]+)/.exec(location.hash) || [])[1] || readStore(TEST_KEY, 'sessionStorage') || '';
  if (test) {
    hush();
    writeStore(TEST_KEY, test, 'sessionStorage');
  }
  fetchMapped(apiOrigin, key, forms);
}

/**
 * Forms-only mode: the site counts a submitted contact form as the visitor's request for contact.
 * While the tracker is not tracking (no visitor id), a submission of a mapped `offer` or `book`
 * form is sent as now, and nothing else happens: no sighting, no event, no visitor id, no test
 * marker read. Once tracking is allowed the tracker's own listener reads forms instead.
 */
export function watchContactForms(apiOrigin: string, key: string, forms?: unknown): void {
  if (formsOnly) return;
  formsOnly = true;
  fetchMapped(apiOrigin, key, forms);
  document.addEventListener(
    'submit',
    guard((event: Event) => !visitorId && event.target instanceof Element && formSubmitted(event.target, true)),
    true,
  );
}

/**
 * Which forms are mapped: `forms` from the config the loader has (its array, or nothing when the
 * loader has none), else from the site config fetched here (a loader from before it handed them over).
 */
function fetchMapped(apiOrigin: string, key: string, forms?: unknown): void {
  origin = apiOrigin;
  siteKey = key;
  if (fetched) return;
  fetched = true;
  const take = (config: { forms?: unknown }) => void (Array.isArray(config.forms) && (mapped = config.forms as WidgetForm[]));
  if (forms) return take({ forms });
  fetch(`${origin}/v1/sites/${encodeURIComponent(key)}/config`, { credentials: 'omit' })
    .then((res) => res.json())
    .then(take)
    .catch(() => undefined);
}

/**
 * The page's form was submitted: report its shape; send it as a lead when it is mapped. True when
 * it was. `contactOnly` (forms-only mode): only a form asking for contact is read, and no shape is reported.
 */
export function formSubmitted(form: Element, contactOnly?: boolean): boolean {
  // Sent a task later, after the page's own handlers: what is sent is read now, while the form is
  // as submitted (a single-page app may clear or remove it in its handler). A posting form's page
  // stays alive until the next page's response arrives, and a beacon outlives it.
  const post = (path: string, body: unknown) => setTimeout(() => navigator.sendBeacon(origin + path, new Blob([JSON.stringify(body)], { type: 'text/plain' })));
  // A test is not a sighting: the form's numbers stay as visitors made them.
  if (!test && !contactOnly) post('/v1/forms/seen', { siteKey, form: formShape(form) });
  const key = formKey(form);
  const config = mapped.filter((m) => m.key === key)[0];
  if (!config || (contactOnly && (test || config.action == 'record'))) return false;
  const fields = readValues(form, config.read);
  const body = {
    siteKey,
    formKey: key,
    visitorId: visitorId || undefined,
    pageUrl: cleanUrl(location),
    fields,
    tts: Math.round(performance.now()),
    test: test || undefined,
  };
  const idempotencyKey = Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => (b + 256).toString(16).slice(1)).join('');
  const path = '/v1/forms/submissions';
  if (test || config.action == 'record') post(`${path}?idempotencyKey=${idempotencyKey}`, body);
  else {
    // The panel's own resend path: `path` says where, `phone` what to echo.
    const phone = (config.phone && fields[config.phone]) || '';
    const handoff = JSON.stringify({ key: idempotencyKey, body, path, phone });
    writeStore(PENDING_KEY, handoff, 'sessionStorage');
    // The panel forgets the request once the server acknowledges it. On a slow site that happens
    // before the form's own page changes, and the next page would show nothing: hand it over
    // again as this page leaves. Its resend (same key) is answered with the same lead, live. Only
    // for the form's own navigation, not for a page left minutes later.
    const leaving = () => readStore(PENDING_KEY, 'sessionStorage') || writeStore(PENDING_KEY, handoff, 'sessionStorage');
    addEventListener('pagehide', leaving, { once: true });
    setTimeout(() => removeEventListener('pagehide', leaving), 30000);
    const sixty = (window as SixtyWindow).sixty;
    // After the page's own handlers: opening loads the panel, which must not compete with them.
    // In forms-only mode the opening is no consent to tracking: the visitor asked for contact only.
    setTimeout(() => sixty && sixty('open', contactOnly));
  }
  return true;
}
