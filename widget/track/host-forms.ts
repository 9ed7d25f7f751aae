// The host page's own forms: every submitted form's shape is reported (the console lists it for
// mapping), and a submission of a mapped form is sent as a lead. For an `offer` or `book` form the request
// is kept in sessionStorage under the panel's pending key and the panel is opened: it sends it
// (retrying under one idempotency key) and shows the live status, on this page or, when the
// form navigates, on the page it lands on. Nothing here delays or stops the page's own handling.
import type { WidgetForm } from '../../shared/forms';
import type { SixtyWindow } from '../contract';
import { PENDING_KEY, readStore, TEST_KEY, writeStore } from '../storage';
import { formKey, formShape, readValues } from './form-shape';
import { hush, visitorId } from './batch';
import { cleanUrl } from './clean-url';

let origin = '';
let siteKey = '';
let mapped: WidgetForm[] = [];
/**
 * The marketer's "Test this form" token, from the page's `#sixty-test=` marker (kept for the tab):
 * a submission is then sent only for the console to show (the server verifies the token), no
 * panel opens, and no behaviour is sent (the marketer is no visitor).
 */
let test = '';

/** Reads which forms are mapped from the site config (the loader's fetch of it is usually still cached). */
export function watchForms(apiOrigin: string, key: string): void {
  origin = apiOrigin;
  siteKey = key;
  test = (/sixty-test=([\w.-]+)/.exec(location.hash) || [])[1] || readStore(TEST_KEY, 'sessionStorage') || '';
  if (test) {
    hush();
    writeStore(TEST_KEY, test, 'sessionStorage');
  }
  fetch(`${origin}/v1/sites/${encodeURIComponent(key)}/config`, { credentials: 'omit' })
    .then((res) => res.json())
    .then((config: { forms?: WidgetForm[] }) => {
      if (Array.isArray(config.forms)) mapped = config.forms;
    })
    .catch(() => undefined);
}

/** The page's form was submitted: report its shape; send it as a lead when it is mapped. True when it was. */
export function formSubmitted(form: Element): boolean {
  // Sent a task later, after the page's own handlers: what is sent is read now, while the form is
  // as submitted (a single-page app may clear or remove it in its handler). A posting form's page
  // stays alive until the next page's response arrives, and a beacon outlives it.
  const post = (path: string, body: unknown) => setTimeout(() => navigator.sendBeacon(origin + path, new Blob([JSON.stringify(body)], { type: 'text/plain' })));
  // A test is not a sighting: the form's numbers stay as visitors made them.
  if (!test) post('/v1/forms/seen', { siteKey, form: formShape(form) });
  const key = formKey(form);
  const config = mapped.filter((m) => m.key === key)[0];
  if (!config) return false;
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
    writeStore(PENDING_KEY, JSON.stringify({ key: idempotencyKey, body, path, phone }), 'sessionStorage');
    const sixty = (window as SixtyWindow).sixty;
    // After the page's own handlers: opening loads the panel, which must not compete with them.
    setTimeout(() => sixty && sixty('open'));
  }
  return true;
}
