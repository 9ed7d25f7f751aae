// The callback request form: name, phone, optional email and the site's must-have questions.
// One idempotency key per distinct submission, so retries (automatic or a second click after a
// network failure) can never create two leads.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { CallbackResponse, SiteConfigResponse } from '../../shared/api';
import type { CallbackRequest } from '../../shared/schemas/callback.schema';
import { requestCallback } from './api';
import { ChoiceField, TextField } from './fields';
import { newIdempotencyKey } from './idempotency-key';
import { validateLead, type FieldErrors, type LeadValues } from './validate';

interface Props {
  origin: string;
  siteKey: string;
  /** The tracker's anonymous id, when tracking is allowed: the lead inherits that history. */
  visitorId(): string | undefined;
  config: SiteConfigResponse;
  onSubmitted(response: CallbackResponse, phone: string): void;
}

interface FormStatus {
  text: string;
  tone: 'info' | 'error';
}

const FIX_FIELDS = 'Please fix the highlighted fields.';
/** The schema caps pageUrl; a longer URL must not make the whole request fail. */
const PAGE_URL_MAX = 2000;

export function LeadForm({ origin, siteKey, visitorId, config, onSubmitted }: Props) {
  const [values, setValues] = useState<LeadValues>({ name: '', phone: '', email: '', answers: {} });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [status, setStatus] = useState<FormStatus | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const [focusTick, setFocusTick] = useState(0);
  const pending = useRef<{ json: string; key: string } | null>(null);
  const form = useRef<HTMLFormElement>(null);

  // After a failed check, move focus to the first invalid control (its error is read with it).
  useEffect(() => {
    const invalid = form.current?.querySelector<HTMLElement>('[aria-invalid="true"]');
    const target = invalid?.tagName === 'FIELDSET' ? invalid.querySelector('input') : invalid;
    target?.focus();
  }, [focusTick]);

  const set = (path: string, value: string) => {
    setValues((v) =>
      path.startsWith('answers.')
        ? { ...v, answers: { ...v.answers, [path.slice(8)]: value } }
        : { ...v, [path]: value },
    );
    if (errors[path]) setErrors(({ [path]: _fixed, ...rest }) => rest);
  };

  async function submit(event: Event) {
    event.preventDefault();
    if (submitting) return;
    const found = validateLead(values, config.questions);
    setErrors(found);
    if (Object.keys(found).length) {
      setStatus({ text: FIX_FIELDS, tone: 'error' });
      setFocusTick((t) => t + 1);
      return;
    }

    const body = toRequest(siteKey, values, config, visitorId());
    const json = JSON.stringify(body);
    if (!pending.current || pending.current.json !== json) pending.current = { json, key: newIdempotencyKey() };

    setSubmitting(true);
    setStatus({ text: 'Sending your request…', tone: 'info' });
    const outcome = await requestCallback(origin, body, pending.current.key, {
      onRetry: (retry, of) => setStatus({ text: `Connection problem, retrying (${retry} of ${of})…`, tone: 'info' }),
    });
    setSubmitting(false);
    if (outcome.ok) return onSubmitted(outcome.data, body.phone);

    const shown = Object.keys(outcome.fields).filter((path) => path in fieldPaths(config));
    setErrors(Object.fromEntries(shown.map((path) => [path, outcome.fields[path]])));
    setStatus({ text: shown.length ? FIX_FIELDS : outcome.message, tone: 'error' });
    if (shown.length) setFocusTick((t) => t + 1);
  }

  return (
    <form ref={form} class="form" noValidate onSubmit={submit} data-sixty-form>
      <TextField
        id="sixty-name"
        label="Name"
        autoComplete="name"
        maxLength={200}
        value={values.name}
        error={errors.name}
        onValue={(v) => set('name', v)}
      />
      <TextField
        id="sixty-phone"
        label="Phone"
        type="tel"
        autoComplete="tel"
        maxLength={40}
        hint="We'll call this number right away."
        value={values.phone}
        error={errors.phone}
        onValue={(v) => set('phone', v)}
      />
      <TextField
        id="sixty-email"
        label="Email"
        type="email"
        autoComplete="email"
        optional
        maxLength={320}
        value={values.email}
        error={errors.email}
        onValue={(v) => set('email', v)}
      />
      {config.questions.map((q, index) => {
        const path = `answers.${q.id}`;
        const props = {
          id: `sixty-q${index}`,
          label: q.label,
          value: values.answers[q.id] || '',
          error: errors[path],
          onValue: (v: string) => set(path, v),
        };
        return q.type === 'single' ? (
          <ChoiceField key={q.id} {...props} options={q.options || []} />
        ) : (
          <TextField key={q.id} {...props} maxLength={500} />
        );
      })}
      <p class={`form-status${status ? ` is-${status.tone}` : ''}`} role="status" aria-live="polite" data-sixty-status>
        {status?.text}
      </p>
      <button type="submit" class="submit" aria-disabled={submitting ? 'true' : undefined} data-sixty-submit>
        {submitting && <span class="spinner" aria-hidden="true" />}
        Call me now
      </button>
      <p class="fineprint">We only use these details to call you back about your request.</p>
    </form>
  );
}

/** The error paths that have a control on this form. */
function fieldPaths(config: SiteConfigResponse): Record<string, true> {
  const paths: Record<string, true> = { name: true, phone: true, email: true };
  for (const q of config.questions) paths[`answers.${q.id}`] = true;
  return paths;
}

function toRequest(siteKey: string, values: LeadValues, config: SiteConfigResponse, visitorId?: string): CallbackRequest {
  const answers: Record<string, string> = {};
  for (const q of config.questions) {
    const answer = (values.answers[q.id] || '').trim();
    if (answer) answers[q.id] = answer;
  }
  const body: CallbackRequest = {
    siteKey,
    name: values.name.trim(),
    phone: values.phone.trim(),
    answers,
    pageUrl: location.href.slice(0, PAGE_URL_MAX),
  };
  const email = values.email.trim();
  if (email) body.email = email;
  if (visitorId) body.visitorId = visitorId;
  return body;
}
