// The marketer's form tests ("Test this form"): a short-lived signed token binds a test to one
// site and form, and the latest result of each test is held here for the console to poll.
// Verification needs no state (any process checks the signature); the results live in this
// process's memory, for as long as the token lives, and are never stored as leads.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { FormTestResult } from '../../shared/schemas/forms.schema';

/** How long a test link works: long enough to fill a form in, short enough that a stale link is refused. */
export const FORM_TEST_TTL_MS = 30 * 60_000;
/** Most tests held at once; the oldest go first (an admin cannot grow the process's memory without bound). */
const MAX_TESTS = 500;

export interface FormTestRecord {
  testId: string;
  workspaceId: string;
  siteId: string;
  formKey: string;
  expiresAt: number;
  /** The form's page with the test marker. */
  url: string;
  result: FormTestResult | null;
}

/** The marker the widget looks for in the page's fragment (widget/track/host-forms.ts); a fragment never reaches the site's server. */
export function testUrl(page: string, token: string): string {
  const url = new URL(page);
  url.hash = `sixty-test=${token}`;
  return url.href;
}

export class FormTests {
  private readonly tests = new Map<string, FormTestRecord>();

  constructor(private readonly secret: string) {}

  /** Starts a test of a form; its token goes in the page's `#sixty-test=` marker. */
  open(r: { workspaceId: string; siteId: string; formKey: string; page: string }, now: number): FormTestRecord {
    this.sweep(now);
    const testId = randomBytes(12).toString('base64url');
    const expiresAt = now + FORM_TEST_TTL_MS;
    const token = `${testId}.${expiresAt}.${this.sign(r.siteId, r.formKey, testId, expiresAt)}`;
    const record: FormTestRecord = {
      workspaceId: r.workspaceId,
      siteId: r.siteId,
      formKey: r.formKey,
      testId,
      expiresAt,
      url: testUrl(r.page, token),
      result: null,
    };
    this.tests.set(testId, record);
    while (this.tests.size > MAX_TESTS) this.tests.delete(this.tests.keys().next().value!);
    return record;
  }

  /** The test a visitor-supplied token names, when it is genuine, unexpired and for this site and form. */
  verify(token: string, siteId: string, formKey: string, now: number): string | null {
    const [testId = '', exp = '', sig = ''] = token.split('.');
    const expiresAt = Number(exp);
    if (!testId || !Number.isSafeInteger(expiresAt) || expiresAt < now) return null;
    const given = Buffer.from(sig);
    const expected = Buffer.from(this.sign(siteId, formKey, testId, expiresAt));
    return given.length === expected.length && timingSafeEqual(given, expected) ? testId : null;
  }

  /** Keeps a test submission's result (the latest one of the test wins). */
  record(testId: string, result: FormTestResult): void {
    const test = this.tests.get(testId);
    if (test) test.result = result;
  }

  get(testId: string, now: number): FormTestRecord | null {
    const test = this.tests.get(testId);
    return test && test.expiresAt >= now ? test : null;
  }

  private sweep(now: number) {
    for (const [id, t] of this.tests) if (t.expiresAt < now) this.tests.delete(id);
  }

  private sign(siteId: string, formKey: string, testId: string, expiresAt: number): string {
    return createHmac('sha256', this.secret).update(`form-test:${siteId}:${formKey}:${testId}:${expiresAt}`).digest('base64url');
  }
}
