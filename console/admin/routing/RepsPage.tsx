// Reps (admin and manager): how many offers and active leads each may hold, their skills,
// languages and territories (rules may require them), and hours narrower than their teams'.
import { useState } from 'preact/hooks';
import type { JSX } from 'preact';
import type { PageProps } from '../../routes';
import { adminApi } from '../admin-api';
import { FormStatus, showFormFailure } from '../ui/form-failure';
import { Checkbox, Input } from '../ui/fields';
import { LoadState } from '../ui/LoadState';
import { PageHead } from '../ui/PageHead';
import { useLoad } from '../ui/useLoad';
import type { Hours, RepRow } from '../types';
import { HoursEditor } from './HoursEditor';
import { browserTimeZone, officeHours, splitList } from './hours';
import { RoutingTabs } from './RoutingTabs';
import '../admin.css';
import './routing.css';

export function RepsPage({ onSessionEnded }: PageProps) {
  const reps = useLoad(() => adminApi.reps(), [], onSessionEnded);
  return (
    <div class="page">
      <PageHead title="Reps" intro="What each person can take: capacity, skills, languages, territories and their own hours." />
      <RoutingTabs current="/reps" />
      <LoadState loading={reps.loading && !reps.data} error={reps.error} onRetry={reps.reload} />
      {reps.data?.map((r) => (
        <RepCard key={r.id} rep={r} onSessionEnded={onSessionEnded} />
      ))}
    </div>
  );
}

function RepCard({ rep, onSessionEnded }: { rep: RepRow; onSessionEnded: () => void }) {
  const [offerCapacity, setOfferCapacity] = useState(String(rep.offerCapacity));
  const [leadCapacity, setLeadCapacity] = useState(String(rep.leadCapacity));
  const [skills, setSkills] = useState(rep.skills.join(', '));
  const [languages, setLanguages] = useState(rep.languages.join(', '));
  const [territories, setTerritories] = useState(rep.territories.join(', '));
  const [ownHours, setOwnHours] = useState<Hours | null>(rep.ownHours);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [error, setError] = useState('');
  const [notice, setNotice] = useState('');
  const [busy, setBusy] = useState(false);

  /** Errors of list items point at the whole list field. */
  const listError = (name: string) => Object.entries(fields).find(([k]) => k === name || k.startsWith(`${name}.`))?.[1];

  const save = async (e: JSX.TargetedEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    setBusy(true);
    setError('');
    setNotice('');
    setFields({});
    try {
      await adminApi.updateRep(rep.id, {
        offerCapacity: Number(offerCapacity),
        leadCapacity: Number(leadCapacity),
        skills: splitList(skills),
        languages: splitList(languages).map((l) => l.toLowerCase()),
        territories: splitList(territories),
        ownHours,
      });
      setNotice('Saved.');
    } catch (err) {
      showFormFailure(err, onSessionEnded, form, { setFields, setError });
    } finally {
      setBusy(false);
    }
  };

  const id = `rep-${rep.id}`;
  return (
    <section class="panel routing-card" aria-labelledby={`${id}-heading`}>
      <div class="section-head">
        <h2 id={`${id}-heading`}>{rep.name}</h2>
        <span class="muted">
          {rep.role} · {rep.teams.length ? rep.teams.map((t) => t.name).join(', ') : 'in no team'}
        </span>
      </div>
      <form class="stack" noValidate onSubmit={save}>
        <div class="grid-fields">
          <Input
            id={`${id}-offers`}
            type="number"
            min={1}
            max={20}
            label="Offers at once"
            value={offerCapacity}
            error={fields.offerCapacity}
            onValue={setOfferCapacity}
          />
          <Input
            id={`${id}-leads`}
            type="number"
            min={1}
            max={200}
            label="Active leads at most"
            value={leadCapacity}
            error={fields.leadCapacity}
            onValue={setLeadCapacity}
          />
          <Input
            id={`${id}-skills`}
            label="Skills"
            hint="Comma-separated, e.g. ovens, refrigeration"
            value={skills}
            error={listError('skills')}
            onValue={setSkills}
          />
          <Input
            id={`${id}-languages`}
            label="Languages"
            hint="Two-letter codes, e.g. en, de"
            value={languages}
            error={listError('languages')}
            onValue={setLanguages}
          />
          <Input
            id={`${id}-territories`}
            label="Territories"
            hint="Country codes, e.g. US, CA; * for everywhere"
            value={territories}
            error={listError('territories')}
            onValue={setTerritories}
          />
        </div>
        <Checkbox
          id={`${id}-own-hours`}
          label="Own hours, narrower than the team's"
          checked={ownHours !== null}
          onChecked={(on) => setOwnHours(on ? officeHours(browserTimeZone()) : null)}
        />
        {ownHours && <HoursEditor id={`${id}-hours`} path="ownHours" value={ownHours} onChange={setOwnHours} errors={fields} />}
        <div class="form-actions">
          <FormStatus notice={notice} error={error} />
          <button type="submit" class="btn btn-primary" disabled={busy}>
            {busy ? 'Saving…' : `Save ${rep.name}`}
          </button>
        </div>
      </form>
    </section>
  );
}
