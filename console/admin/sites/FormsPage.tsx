// Sites → Forms: every form Sixty has seen submitted on the site, and the mapping of its fields
// to contact traits and must-have questions. Sixty's suggestion is shown until the marketer
// confirms or corrects it. A confirmed mapping is saved into a draft of the site's rules and read
// on visitors' submissions once that draft is published (FormsPublishBar).
import { useState } from 'preact/hooks';
import type { JSX } from 'preact';
import type { FormAction, FormMapping } from '../../../shared/forms';
import type { SeenForm } from '../../../shared/schemas/forms.schema';
import type { PageProps } from '../../routes';
import { focusFirstInvalid } from '../../focus';
import { LoadState } from '../ui/LoadState';
import { PageHead } from '../ui/PageHead';
import { agoText } from '../ui/time';
import { failureOf, useLoad } from '../ui/useLoad';
import { FieldMappingRow } from './FieldMappingRow';
import { FormsPublishBar } from './FormsPublishBar';
import { FormTest } from './FormTest';
import { formsApi, type FormsResponse } from './forms-api';
import { SiteTabs, useSiteName } from './SiteTabs';
import '../admin.css';
import './forms.css';

const ACTIONS: ReadonlyArray<{ value: FormAction; label: string; text: string }> = [
  { value: 'offer', label: 'Offer it to a rep now', text: 'A qualified submission is pushed to an available rep at once; the visitor sees who is calling.' },
  {
    value: 'book',
    label: 'Book a slot',
    text: 'The visitor picks a callback time in the Sixty panel, on the same page or the thank-you page; nobody is offered it before that time.',
  },
  { value: 'record', label: 'Only record it', text: 'Submissions become leads with their answers, and are never offered live.' },
];

export function FormsPage({ params, onSessionEnded }: PageProps) {
  const siteId = params.siteId!;
  const siteName = useSiteName(siteId);
  const [data, setData] = useState<FormsResponse | null>(null);
  const loaded = useLoad(
    async () => {
      const d = await formsApi.list(siteId);
      setData(d);
      return d;
    },
    [siteId],
    onSessionEnded,
  );
  // A saved mapping went into a draft: the other forms' cards keep theirs, the page learns the draft's number.
  const replace = (form: SeenForm) =>
    setData((d) => d && { ...d, draftVersion: form.draft?.version ?? d.draftVersion, forms: d.forms.map((f) => (f.key === form.key ? form : f)) });

  return (
    <div class="page">
      <PageHead
        eyebrow={siteName ?? 'Site'}
        title="Forms"
        intro="Your site’s own forms, as Sixty saw them submitted. Map their fields to contact details and your must-have questions: a mapped form qualifies and routes its submissions like the widget does."
      />
      <SiteTabs siteId={siteId} current="forms" />
      <LoadState loading={loaded.loading && !data} error={loaded.error} onRetry={loaded.reload} />
      {data && data.draftVersion !== null && (
        <FormsPublishBar
          siteId={siteId}
          liveVersion={data.liveVersion}
          draftVersion={data.draftVersion}
          onPublished={loaded.reload}
          onSessionEnded={onSessionEnded}
        />
      )}
      {data && data.forms.length === 0 && (
        <section class="panel">
          <h2>No forms seen yet</h2>
          <p class="muted">Forms appear here after a visitor (or you) submits one on a page with the Sixty script. Forms inside iframes are not seen.</p>
        </section>
      )}
      {data &&
        data.forms.map((form) => (
          <FormCard key={form.key} siteId={siteId} form={form} questions={data.questions} onSaved={replace} onSessionEnded={onSessionEnded} />
        ))}
    </div>
  );
}

function FormCard({
  siteId,
  form,
  questions,
  onSaved,
  onSessionEnded,
}: {
  siteId: string;
  form: SeenForm;
  questions: FormsResponse['questions'];
  onSaved(f: SeenForm): void;
  onSessionEnded(): void;
}) {
  // The card edits what the next publish would read: the draft's mapping when one is pending.
  const pending = form.draft ? form.draft.mapping : form.mapping;
  const [open, setOpen] = useState(pending === null);
  const [mapping, setMapping] = useState<FormMapping>(pending ?? form.suggested);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [error, setError] = useState('');
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  const id = `form-${form.key.replace(/[^A-Za-z0-9_-]/g, '_')}`;
  const change = (m: FormMapping) => {
    setMapping(m);
    setSaved(false);
  };

  const submit = async (e: JSX.TargetedEvent<HTMLFormElement>) => {
    e.preventDefault();
    const formEl = e.currentTarget;
    setBusy(true);
    setError('');
    try {
      const result = await formsApi.saveMapping(siteId, form.key, mapping);
      setFields({});
      setSaved(true);
      onSaved(result);
    } catch (err) {
      const f = failureOf(err, onSessionEnded);
      if (f) {
        setFields(f.fields);
        setError(f.message);
        focusFirstInvalid(formEl);
      }
    } finally {
      setBusy(false);
    }
  };

  const now = Date.now();
  return (
    <section class="panel form-card" aria-labelledby={`${id}-heading`}>
      <div class="form-card-head">
        <div>
          <h2 id={`${id}-heading`}>{form.name}</h2>
          <p class="muted form-card-meta">
            <span>{form.page}</span> · <span>last submitted {agoText(form.lastSeenAt, now)}</span>
          </p>
          <dl class="form-numbers">
            {numbersOf(form).map(([label, value]) => (
              <div key={label}>
                <dt>{label}</dt>
                <dd>{value}</dd>
              </div>
            ))}
          </dl>
        </div>
        <span class={`badge ${form.mapping ? 'badge-fit-passes' : 'badge-fit-unknown'}`}>{statusOf(form)}</span>
      </div>
      <button type="button" class="btn btn-small" aria-expanded={open} aria-controls={`${id}-editor`} onClick={() => setOpen(!open)}>
        {open ? 'Hide the mapping' : pending ? 'Review the mapping' : 'Map this form'}
      </button>
      <form id={`${id}-editor`} class="stack form-editor" hidden={!open} noValidate onSubmit={submit}>
        {error && (
          <p class="form-error" role="alert">
            {error}
          </p>
        )}
        <ol class="form-field-list">
          {form.fields.map((f, i) => (
            <FieldMappingRow
              key={f.name}
              id={`${id}-f${i}`}
              field={f}
              target={mapping.fields[f.name]}
              questions={questions}
              error={fields[`fields.${f.name}`]}
              onTarget={(t) => change({ ...mapping, fields: { ...mapping.fields, [f.name]: t } })}
            />
          ))}
        </ol>
        <fieldset class="stack">
          <legend>When a submission qualifies</legend>
          {ACTIONS.map((a) => (
            <label key={a.value} class="radio-card" for={`${id}-action-${a.value}`}>
              <input
                type="radio"
                id={`${id}-action-${a.value}`}
                name={`${id}-action`}
                value={a.value}
                checked={mapping.action === a.value}
                onChange={() => change({ ...mapping, action: a.value })}
              />
              <span>
                <strong>{a.label}</strong>
                <span class="muted radio-card-text">{a.text}</span>
              </span>
            </label>
          ))}
          <p class="muted">Disqualified and suspect submissions are recorded with their reasons and never routed.</p>
        </fieldset>
        <div class="form-actions">
          <button type="submit" class="btn btn-primary" disabled={busy}>
            {pending ? 'Save the mapping' : 'Confirm the mapping'}
          </button>
          <span role="status" class="muted">
            {saved && form.draft ? `Saved in draft version ${form.draft.version}: publish it to read this form's submissions with it.` : ''}
          </span>
        </div>
      </form>
      {form.mapping && <FormTest siteId={siteId} formKey={form.key} id={id} onSessionEnded={onSessionEnded} />}
    </section>
  );
}

/** Whether the form is read, and with which version's mapping. */
function statusOf(form: SeenForm): string {
  if (form.draft) return form.draft.mapping ? `Mapping changed in draft version ${form.draft.version}` : `Unmapped in draft version ${form.draft.version}`;
  return form.mapping ? 'Mapped (live)' : 'Not mapped: suggestion below';
}

/** The form's funnel, as the card lists it. */
function numbersOf(form: SeenForm): Array<[string, string]> {
  const n = form.numbers;
  const median =
    n.medianAcceptMs === null ? '–' : n.medianAcceptMs < 60_000 ? `${Math.round(n.medianAcceptMs / 1000)} s` : `${Math.round(n.medianAcceptMs / 60_000)} min`;
  return [
    ['Submissions seen', String(form.submissions)],
    ['Leads', String(n.leads)],
    ['MQL', String(n.mql)],
    ['Hot', String(n.hot)],
    ['Offered', String(n.routed)],
    ['Accepted', String(n.accepted)],
    ['Median time to accept', median],
  ];
}
