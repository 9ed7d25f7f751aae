// Teams (admin and manager): each team's business hours and its members with their weights
// (weighted routing gives a rep leads in proportion), and a form to add a team.
import { useState } from 'preact/hooks';
import type { JSX } from 'preact';
import { focusFirstInvalid } from '../../focus';
import type { PageProps } from '../../routes';
import { adminApi } from '../admin-api';
import { FormStatus, showFormFailure } from '../ui/form-failure';
import { Checkbox, Input } from '../ui/fields';
import { LoadState } from '../ui/LoadState';
import { PageHead } from '../ui/PageHead';
import { useLoad } from '../ui/useLoad';
import type { Hours, RepRow, TeamView } from '../types';
import { HoursEditor } from './HoursEditor';
import { browserTimeZone, hoursSummary, officeHours } from './hours';
import { RepsInNoTeam } from './RepsInNoTeam';
import { RoutingTabs } from './RoutingTabs';
import '../admin.css';
import '../sites/sites.css';
import '../users/users.css';
import './routing.css';

export function TeamsPage({ onSessionEnded }: PageProps) {
  const teams = useLoad(() => adminApi.teams(), [], onSessionEnded);
  const reps = useLoad(() => adminApi.reps(), [], onSessionEnded);
  const [adding, setAdding] = useState(false);
  return (
    <div class="page">
      <PageHead
        title="Teams"
        intro="Routing rules send leads to a team; the team's hours decide when its reps are offered leads."
        actions={
          !adding && (
            <button type="button" class="btn btn-primary" onClick={() => setAdding(true)}>
              Add team
            </button>
          )
        }
      />
      <RoutingTabs current="/teams" />
      {reps.data && adding && (
        <NewTeamForm reps={reps.data} onCreated={() => (teams.reload(), reps.reload())} onClose={() => setAdding(false)} onSessionEnded={onSessionEnded} />
      )}
      <LoadState
        loading={(teams.loading && !teams.data) || (reps.loading && !reps.data)}
        error={teams.error || reps.error}
        onRetry={() => (teams.reload(), reps.reload())}
      />
      {reps.data && teams.data && (
        <RepsInNoTeam reps={reps.data} teams={teams.data} onAdded={() => (teams.reload(), reps.reload())} onSessionEnded={onSessionEnded} />
      )}
      {teams.data?.length === 0 && <p class="muted">No teams yet.</p>}
      {reps.data &&
        teams.data?.map((t) => (
          <TeamCard key={t.id} team={t} reps={reps.data!} onSaved={() => (teams.reload(), reps.reload())} onSessionEnded={onSessionEnded} />
        ))}
    </div>
  );
}

type Weights = Record<string, string>;

function weightsOf(team: TeamView | null): Weights {
  return Object.fromEntries((team?.members ?? []).map((m) => [m.repId, String(m.weight)]));
}

function membersOf(w: Weights) {
  return Object.entries(w).map(([repId, weight]) => ({ repId, weight: Number(weight) }));
}

/** Who is in the team, with a weight each: a checkbox and a number per user. */
function MembersEditor({
  id,
  reps,
  value,
  onChange,
  errors,
}: {
  id: string;
  reps: RepRow[];
  value: Weights;
  onChange: (w: Weights) => void;
  errors: Record<string, string>;
}) {
  const order = Object.keys(value);
  return (
    <fieldset class="members-editor">
      <legend>Members and weights</legend>
      <p class="field-hint">A rep with weight 2 gets twice the leads of a rep with weight 1 under weighted routing.</p>
      <ul class="member-list">
        {reps.map((r) => {
          const at = order.indexOf(r.id);
          const inTeam = at >= 0;
          return (
            <li key={r.id} class="member-row">
              <Checkbox
                id={`${id}-member-${r.id}`}
                label={`${r.name}${r.role === 'rep' ? '' : ` (${r.role})`}`}
                checked={inTeam}
                error={inTeam ? errors[`members.${at}.repId`] : undefined}
                onChecked={(on) => {
                  const next = { ...value };
                  if (on) next[r.id] = '1';
                  else delete next[r.id];
                  onChange(next);
                }}
              />
              {inTeam && (
                <Input
                  id={`${id}-weight-${r.id}`}
                  class="weight-field"
                  type="number"
                  min={1}
                  max={100}
                  label={`Weight of ${r.name}`}
                  value={value[r.id]!}
                  error={errors[`members.${at}.weight`]}
                  onValue={(v) => onChange({ ...value, [r.id]: v })}
                />
              )}
            </li>
          );
        })}
      </ul>
    </fieldset>
  );
}

interface CardProps {
  team: TeamView;
  reps: RepRow[];
  onSaved: () => void;
  onSessionEnded: () => void;
}

function TeamCard({ team, reps, onSaved, onSessionEnded }: CardProps) {
  const [name, setName] = useState(team.name);
  const [hours, setHours] = useState<Hours>(team.hours);
  const [weights, setWeights] = useState<Weights>(weightsOf(team));
  const [fields, setFields] = useState<Record<string, string>>({});
  const [error, setError] = useState('');
  const [notice, setNotice] = useState('');
  const [busy, setBusy] = useState(false);
  const [editing, setEditing] = useState(false);

  const edit = () => {
    setName(team.name);
    setHours(team.hours);
    setWeights(weightsOf(team));
    setFields({});
    setError('');
    setNotice('');
    setEditing(true);
  };

  const save = async (e: JSX.TargetedEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    setBusy(true);
    setError('');
    setNotice('');
    setFields({});
    try {
      await adminApi.updateTeam(team.id, { name: name.trim(), hours });
      await adminApi.setTeamMembers(team.id, membersOf(weights));
      setNotice(`${name.trim()} saved.`);
      setEditing(false);
      onSaved();
    } catch (err) {
      showFormFailure(err, onSessionEnded, form, { setFields, setError });
    } finally {
      setBusy(false);
    }
  };

  const id = `team-${team.id}`;
  return (
    <section class="panel routing-card" aria-labelledby={`${id}-heading`}>
      <div class="section-head">
        <h2 id={`${id}-heading`}>{team.name}</h2>
        {!editing && (
          <button type="button" class="btn btn-small" onClick={edit} aria-label={`Edit ${team.name}`}>
            Edit
          </button>
        )}
      </div>
      <p role="status" class="notice-line">
        {editing ? '' : notice}
      </p>
      {!editing && (
        <dl class="site-facts">
          <dt>Hours</dt>
          <dd>{hoursSummary(team.hours)}</dd>
          {team.hours.holidays.length > 0 && (
            <>
              <dt>Holidays</dt>
              <dd>{team.hours.holidays.join(', ')}</dd>
            </>
          )}
          <dt>Members</dt>
          <dd>{team.members.length ? team.members.map((m) => `${m.name} (weight ${m.weight})`).join(', ') : 'Nobody yet'}</dd>
        </dl>
      )}
      {editing && (
        <form class="stack" noValidate onSubmit={save}>
          <Input id={`${id}-name`} label="Team name" class="narrow" value={name} error={fields.name} onValue={setName} />
          <HoursEditor id={`${id}-hours`} path="hours" value={hours} onChange={setHours} errors={fields} />
          <MembersEditor id={id} reps={reps} value={weights} onChange={setWeights} errors={fields} />
          <div class="form-actions">
            <FormStatus notice={notice} error={error} />
            <button type="button" class="btn" onClick={() => setEditing(false)}>
              Cancel
            </button>
            <button type="submit" class="btn btn-primary" disabled={busy}>
              {busy ? 'Saving…' : `Save ${team.name}`}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}

function NewTeamForm({ reps, onCreated, onClose, onSessionEnded }: { reps: RepRow[]; onCreated: () => void; onClose: () => void; onSessionEnded: () => void }) {
  const [name, setName] = useState('');
  const [hours, setHours] = useState<Hours>(() => officeHours(browserTimeZone()));
  const [weights, setWeights] = useState<Weights>({});
  const [fields, setFields] = useState<Record<string, string>>({});
  const [error, setError] = useState('');
  const [notice, setNotice] = useState('');
  const [busy, setBusy] = useState(false);

  const create = async (e: JSX.TargetedEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    setError('');
    setNotice('');
    if (!name.trim()) {
      setFields({ name: 'Enter a name' });
      return focusFirstInvalid(form);
    }
    setBusy(true);
    try {
      const made = await adminApi.createTeam({ name: name.trim(), hours, members: membersOf(weights) });
      setNotice(`${made.name} created.`);
      setName('');
      setHours(officeHours(browserTimeZone()));
      setWeights({});
      setFields({});
      onCreated();
    } catch (err) {
      showFormFailure(err, onSessionEnded, form, { setFields, setError });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="panel" aria-labelledby="team-new-heading">
      <h2 id="team-new-heading">Add a team</h2>
      <form class="stack" noValidate onSubmit={create}>
        <Input id="team-new-name" label="Team name" class="narrow" value={name} error={fields.name} onValue={setName} />
        <HoursEditor id="team-new-hours" path="hours" value={hours} onChange={setHours} errors={fields} />
        <MembersEditor id="team-new" reps={reps} value={weights} onChange={setWeights} errors={fields} />
        <div class="form-actions">
          <FormStatus notice={notice} error={error} />
          <button type="button" class="btn" onClick={onClose}>
            Close
          </button>
          <button type="submit" class="btn btn-primary" disabled={busy}>
            {busy ? 'Creating…' : 'Create team'}
          </button>
        </div>
      </form>
    </section>
  );
}
