// The lead card a rep works from: contact, why hot, timeline and the outcome form.
import { useEffect, useRef } from 'preact/hooks';
import type { LeadCard } from '../../shared/api';
import { api } from '../api';
import { STAGE_LABELS, formatDuration, formatPage, formatPhone, formatWhen, telHref } from '../format';
import { Answers } from './Answers';
import { OutcomeForm } from './OutcomeForm';
import { Qualification } from './Qualification';
import { Timeline } from './Timeline';

interface Props {
  lead: LeadCard;
  onChange: (lead: LeadCard) => void;
  onClose: () => void;
}

export function LeadDetail({ lead, onChange, onClose }: Props) {
  const heading = useRef<HTMLHeadingElement>(null);
  const now = Date.now();

  // A newly opened lead takes focus, so keyboard and screen reader users land on it.
  useEffect(() => {
    const el = heading.current;
    if (!el) return;
    el.focus({ preventScroll: true });
    const stickyBottom = document.querySelector('.topbar')?.getBoundingClientRect().bottom ?? 0;
    const { top, bottom } = el.getBoundingClientRect();
    if (top < stickyBottom || bottom > window.innerHeight) el.scrollIntoView({ block: 'start' });
  }, [lead.id]);

  // Do not prevent the default: the browser hands the number to the phone app.
  const recordCall = () => {
    api.recordCall(lead.id).then(onChange, () => undefined);
  };

  return (
    <section class="panel lead" aria-labelledby="lead-heading">
      <div class="lead-head">
        <div>
          <h2 id="lead-heading" ref={heading} tabIndex={-1}>
            {lead.name}
          </h2>
          <p class="muted">
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
        <a class="call" href={telHref(lead.phone)} onClick={recordCall}>
          <svg viewBox="0 0 24 24" aria-hidden="true">
            <path d="M6.6 10.8a15.1 15.1 0 0 0 6.6 6.6l2.2-2.2a1 1 0 0 1 1-.25 11.4 11.4 0 0 0 3.6.57 1 1 0 0 1 1 1V20a1 1 0 0 1-1 1A17 17 0 0 1 3 4a1 1 0 0 1 1-1h3.5a1 1 0 0 1 1 1c0 1.25.2 2.45.57 3.57a1 1 0 0 1-.25 1z" />
          </svg>
          {formatPhone(lead.phone)}
        </a>
        {lead.email && (
          <a class="email" href={`mailto:${lead.email}`}>
            {lead.email}
          </a>
        )}
      </div>

      <dl class="speed">
        <div>
          <dt>Captured</dt>
          <dd>{formatWhen(lead.capturedAt, now)}</dd>
        </div>
        <div>
          <dt>Accepted after</dt>
          <dd>{lead.acceptedAt ? formatDuration(lead.acceptedAt - lead.capturedAt) : '—'}</dd>
        </div>
        <div>
          <dt>First call after</dt>
          <dd>{lead.firstCallAt ? formatDuration(lead.firstCallAt - lead.capturedAt) : 'Not yet'}</dd>
        </div>
      </dl>

      <div class="lead-body">
        <div class="lead-col">
          <h3>Answers</h3>
          <Answers answers={lead.answers} />
          <h3>Why this lead</h3>
          <Qualification qualification={lead.qualification} />
          <h3>Timeline</h3>
          <Timeline entries={lead.timeline} now={now} />
        </div>
        <div class="lead-col">
          <h3>Log the call</h3>
          <OutcomeForm key={lead.id} lead={lead} onSaved={onChange} />
        </div>
      </div>
    </section>
  );
}
