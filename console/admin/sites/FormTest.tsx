// "Test this form": opens the form's page with a signed test marker and shows, live, what Sixty
// would do with the marketer's own submission there (the fields it read, the qualification and
// the rep routing would pick) without storing, routing or counting anything.
import { useEffect, useState } from 'preact/hooks';
import type { FormTest as Test, FormTestResult } from '../../../shared/schemas/forms.schema';
import { failureOf } from '../ui/useLoad';
import { formsApi } from './forms-api';

/** How often the console asks for the test's result while it waits (the server holds the latest). */
const POLL_MS = 1500;

export function FormTest({ siteId, formKey, id, onSessionEnded }: { siteId: string; formKey: string; id: string; onSessionEnded(): void }) {
  const [test, setTest] = useState<Test | null>(null);
  const [error, setError] = useState('');

  useEffect(() => {
    if (!test || test.expiresAt <= Date.now()) return;
    const timer = setInterval(() => {
      formsApi.test(siteId, formKey, test.testId).then(
        (fresh) => setTest((t) => (t && t.testId === fresh.testId && fresh.result?.at !== t.result?.at ? fresh : t)),
        (err) => {
          const f = failureOf(err, onSessionEnded);
          if (f) setError(f.message);
          clearInterval(timer);
        },
      );
    }, POLL_MS);
    return () => clearInterval(timer);
  }, [test?.testId]);

  const start = async () => {
    setError('');
    // Opened in the click (before the request) so no popup blocker steps in; sent to the page once known.
    const tab = window.open('', '_blank');
    try {
      const fresh = await formsApi.startTest(siteId, formKey);
      setTest(fresh);
      if (tab) {
        tab.opener = null;
        tab.location.href = fresh.url;
      }
    } catch (err) {
      tab?.close();
      const f = failureOf(err, onSessionEnded);
      if (f) setError(f.message);
    }
  };

  return (
    <div class="form-test" aria-labelledby={`${id}-test-heading`} role="region">
      <h3 id={`${id}-test-heading`}>Test this form</h3>
      <p class="muted">
        Opens the form’s page with a test marker. Submit the form there: what Sixty would do shows here. A test is never stored as a lead, never offered to a
        rep, never counted and never sent to webhooks.
      </p>
      <div class="form-actions">
        <button type="button" class="btn btn-small" onClick={start}>
          {test ? 'Start a new test' : 'Test this form'}
        </button>
        {test && (
          <a href={test.url} target="_blank" rel="noopener">
            Open the test page
          </a>
        )}
      </div>
      {error && (
        <p class="form-error" role="alert">
          {error}
        </p>
      )}
      <div role="status" class="form-test-status">
        {test && !test.result && <p class="muted">Waiting for your test submission…</p>}
        {test?.result && <TestResult result={test.result} />}
      </div>
    </div>
  );
}

function TestResult({ result: r }: { result: FormTestResult }) {
  const q = r.qualification;
  const verdict =
    q.fit === 'fails'
      ? `${q.stage === 'suspect' ? 'Suspect' : 'Disqualified'}`
      : q.hot
        ? 'Hot MQL'
        : q.mql
          ? 'MQL (warm)'
          : q.fit === 'unknown'
            ? 'Fit unknown'
            : 'Lead';
  return (
    <div class="form-test-result" data-form-test-result>
      <p>
        <strong>Test submission received</strong> <span class="muted">at {new Date(r.at).toLocaleTimeString()}</span>
      </p>
      <dl class="form-test-facts">
        <div>
          <dt>Contact</dt>
          <dd>{[r.contact.name || 'No name', r.contact.email, r.contact.phone ?? 'no valid phone', r.contact.company].filter(Boolean).join(' · ')}</dd>
        </div>
        <div>
          <dt>Answers</dt>
          <dd>
            {r.answers.length ? (
              <ul>
                {r.answers.map((a) => (
                  <li key={a.question}>
                    {a.question}: <strong>{a.answer}</strong>
                  </li>
                ))}
              </ul>
            ) : (
              'None of the must-have questions was answered'
            )}
          </dd>
        </div>
        <div>
          <dt>Qualification</dt>
          <dd>
            <strong>{verdict}</strong> · score {q.score}
            {q.fitReason ? ` · ${q.fitReason}` : ''}
            {q.missing.length ? ` · unanswered: ${q.missing.join(', ')}` : ''}
            {q.reasons.length > 0 && (
              <ul>
                {q.reasons.map((reason, i) => (
                  <li key={i}>{reason.text}</li>
                ))}
              </ul>
            )}
          </dd>
        </div>
        <div>
          <dt>Routing</dt>
          <dd>
            <strong>{r.routing.text}</strong>
            {r.routing.skipped && <span class="muted"> {r.routing.skipped}.</span>}
          </dd>
        </div>
      </dl>
    </div>
  );
}
