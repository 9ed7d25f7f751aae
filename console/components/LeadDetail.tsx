// The lead card a rep works from: contact, why hot, what they did, where from, routing trail,
// SLA, the outcome form and notes. Everything the lead typed is rendered as text.
import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { STAGE_LABELS, formatDuration, formatPage, formatWhen, telHref } from '../format';
import { usePhoneFormat } from '../hooks/usePhoneFormat';
import { queueApi, type FullLeadCard } from '../hooks/queue-api';
import { useNow } from '../hooks/useNow';
import { Answers } from './Answers';
import { CopyButton } from './CopyButton';
import { DealSummary } from './DealSummary';
import { LeadNotes } from './LeadNotes';
import { LocalTime } from './LocalTime';
import { OutcomeForm } from './OutcomeForm';
import { PageTrail } from './PageTrail';
import { Qualification } from './Qualification';
import { SlaClock } from './SlaClock';
import { FormSource } from './FormSource';
import { SourceDetails } from './SourceDetails';
import { Timeline } from './Timeline';

interface Props {
  lead: FullLeadCard;
  /** The workspace's currency (the signed-in user's), for a deal that has none on the card yet. */
  currency: string;
  /** A browser call with the lead just ended: the outcome form starts from its note. */
  callNote?: string | null;
  onChange: (lead: FullLeadCard) => void;
  onClose: () => void;
}

function Section({ id, title, children }: { id: string; title: string; children: ComponentChildren }) {
  return (
    <section class="lead-section" aria-labelledby={id}>
      <h3 id={id}>{title}</h3>
      {children}
    </section>
  );
}

export function LeadDetail({ lead, currency, callNote, onChange, onClose }: Props) {
  const heading = useRef<HTMLHeadingElement>(null);
  const formatPhone = usePhoneFormat();
  const now = useNow(30_000);

  // A newly opened lead takes focus, so keyboard and screen reader users land on it.
  useEffect(() => {
    const el = heading.current;
    if (!el) return;
    el.focus({ preventScroll: true });
    const stickyBottom = document.querySelector('.console-bar')?.getBoundingClientRect().bottom ?? 0;
    const { top, bottom } = el.getBoundingClientRect();
    if (top < stickyBottom || bottom > window.innerHeight) el.scrollIntoView({ block: 'start' });
  }, [lead.id]);

  // Do not prevent the default: the browser hands the number to the phone app.
  const recordCall = () => {
    queueApi.recordCall(lead.id).then(onChange, () => undefined);
  };

  const { qualification } = lead;
  return (
    <section class="panel lead" aria-labelledby="lead-heading" data-lead-id={lead.id}>
      <div class="lead-head">
        <div class="lead-head-main">
          <h2 id="lead-heading" ref={heading} tabIndex={-1}>
            {lead.name}
          </h2>
          <p class="muted lead-where">
            {lead.company && <span class="lead-company">{lead.company} · </span>}
            {lead.siteName}
            {lead.pageUrl && <span title={lead.pageUrl}> · {formatPage(lead.pageUrl)}</span>}
          </p>
        </div>
        <div class="lead-head-side">
          <span class={`badge badge-stage badge-stage-${lead.stage}`}>{STAGE_LABELS[lead.stage]}</span>
          <button type="button" class="btn btn-ghost btn-small" onClick={onClose} aria-label="Close lead card">
            Close
          </button>
        </div>
      </div>

      <div class="contact">
        <div class="contact-phone">
          <a class="call" href={telHref(lead.phone)} onClick={recordCall} aria-label={`Call ${formatPhone(lead.phone)}`}>
            <svg viewBox="0 0 24 24" aria-hidden="true">
              <path d="M6.6 10.8a15.1 15.1 0 0 0 6.6 6.6l2.2-2.2a1 1 0 0 1 1-.25 11.4 11.4 0 0 0 3.6.57 1 1 0 0 1 1 1V20a1 1 0 0 1-1 1A17 17 0 0 1 3 4a1 1 0 0 1 1-1h3.5a1 1 0 0 1 1 1c0 1.25.2 2.45.57 3.57a1 1 0 0 1-.25 1z" />
            </svg>
            {formatPhone(lead.phone)}
          </a>
          <CopyButton text={lead.phone} label="Copy phone number" />
        </div>
        <div class="contact-more">
          {lead.email && (
            <a class="email" href={`mailto:${lead.email}`}>
              {lead.email}
            </a>
          )}
          {lead.timeZone && <LocalTime timeZone={lead.timeZone} />}
        </div>
      </div>

      <dl class="speed">
        <SlaClock capturedAt={lead.capturedAt} slaDueAt={lead.slaDueAt ?? null} acceptedAt={lead.acceptedAt} />
        <div>
          <dt>Asked</dt>
          <dd>{formatWhen(lead.capturedAt, now)}</dd>
        </div>
        <div>
          <dt>First call after</dt>
          <dd>{lead.firstCallAt ? formatDuration(lead.firstCallAt - lead.capturedAt) : 'Not yet'}</dd>
        </div>
      </dl>

      <div class="lead-body">
        <div class="lead-col">
          {lead.forms && lead.forms.length > 0 && (
            <Section id="lead-form" title="From the site’s form">
              <FormSource forms={lead.forms} now={now} />
            </Section>
          )}
          <Section id="lead-answers" title="Must-have answers">
            <Answers answers={lead.answers} />
          </Section>
          <Section id="lead-why" title={`Why this lead · score ${qualification.score}`}>
            <Qualification qualification={qualification} />
          </Section>
          <Section id="lead-trail" title="Page trail">
            <PageTrail trail={lead.pageTrail ?? []} now={now} />
          </Section>
          <Section id="lead-source" title="Source">
            <SourceDetails source={lead.source ?? null} visits={lead.visits} firstSeenAt={lead.firstSeenAt} now={now} />
          </Section>
          <Section id="lead-routing" title="Routing trail">
            <Timeline entries={lead.timeline} now={now} />
          </Section>
        </div>
        <div class="lead-col">
          {lead.deal && (
            <Section id="lead-deal" title="Deal">
              <DealSummary stage={lead.stage} deal={lead.deal} now={now} />
            </Section>
          )}
          <Section id="lead-log" title="Log the call">
            <OutcomeForm key={lead.id + callNote} lead={lead} currency={currency} callNote={callNote} onSaved={onChange} />
          </Section>
          <Section id="lead-notes" title="Notes">
            <LeadNotes leadId={lead.id} notes={lead.notes} now={now} onSaved={onChange} />
          </Section>
        </div>
      </div>
    </section>
  );
}
