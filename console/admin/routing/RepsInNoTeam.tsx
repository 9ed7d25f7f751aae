// Reps who belong to no team (typically just invited): routing rules send leads to teams, so
// such a rep is offered only leads no rule matches. Flagged on the Users and Teams pages with a
// one-click "Add to team".
import { useState } from 'preact/hooks';
import { adminApi } from '../admin-api';
import { FormStatus } from '../ui/form-failure';
import { failureOf } from '../ui/useLoad';
import type { RepRow, TeamView } from '../types';

interface Props {
  reps: RepRow[];
  teams: TeamView[];
  /** A rep joined a team: reload what shows teams and members. */
  onAdded: () => void;
  onSessionEnded: () => void;
}

export function repsInNoTeam(reps: RepRow[]): RepRow[] {
  return reps.filter((r) => r.role === 'rep' && r.teams.length === 0);
}

export function RepsInNoTeam({ reps, teams, onAdded, onSessionEnded }: Props) {
  const [notice, setNotice] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState<string | null>(null);
  const [picked, setPicked] = useState<Record<string, string>>({});
  const loose = repsInNoTeam(reps);
  // Kept after the last rep joined, so the confirmation is still read.
  if (!loose.length && !notice) return null;

  const add = async (rep: RepRow, teamId: string) => {
    setBusy(rep.id);
    setNotice('');
    setError('');
    try {
      // The team as it is now (another manager may have changed it), plus this rep at weight 1.
      const team = (await adminApi.teams()).find((t) => t.id === teamId);
      if (!team) throw new Error('That team no longer exists. Reload the page.');
      if (!team.members.some((m) => m.repId === rep.id)) {
        await adminApi.setTeamMembers(team.id, [...team.members.map(({ repId, weight }) => ({ repId, weight })), { repId: rep.id, weight: 1 }]);
      }
      setNotice(`${rep.name} is in ${team.name} now.`);
      onAdded();
    } catch (err) {
      setError(failureOf(err, onSessionEnded)?.message ?? (err instanceof Error ? err.message : ''));
    } finally {
      setBusy(null);
    }
  };

  return (
    <section class="panel no-team" aria-labelledby="no-team-heading">
      <div class="section-head">
        <h2 id="no-team-heading">Reps in no team</h2>
        {loose.length > 0 && <span class="count">{loose.length}</span>}
      </div>
      {loose.length > 0 && (
        <p class="muted">
          Routing rules send leads to teams, so {loose.length === 1 ? 'this rep is' : 'these reps are'} offered only leads that no rule matches.
        </p>
      )}
      <FormStatus notice={notice} error={error} noticeClass="notice-line" />
      {loose.length > 0 && teams.length === 0 && <p class="muted">Add a team on the Teams page first.</p>}
      <ul class="no-team-list">
        {loose.map((rep) => {
          const teamId = picked[rep.id] ?? teams[0]?.id ?? '';
          const team = teams.find((t) => t.id === teamId);
          return (
            <li key={rep.id} class="no-team-row" data-rep={rep.name}>
              <span class="no-team-who">
                <strong>{rep.name}</strong>
                <span class="muted"> · {rep.email}</span>
                <span class="badge badge-hot">In no team</span>
              </span>
              {team && (
                <span class="no-team-action">
                  {teams.length > 1 && (
                    <>
                      <label class="visually-hidden" for={`no-team-${rep.id}`}>
                        Team for {rep.name}
                      </label>
                      <select id={`no-team-${rep.id}`} value={teamId} onChange={(e) => setPicked({ ...picked, [rep.id]: e.currentTarget.value })}>
                        {teams.map((t) => (
                          <option key={t.id} value={t.id}>
                            {t.name}
                          </option>
                        ))}
                      </select>
                    </>
                  )}
                  <button type="button" class="btn btn-small btn-primary" disabled={busy !== null} onClick={() => add(rep, team.id)}>
                    Add <span class="visually-hidden">{rep.name} </span>to {team.name}
                  </button>
                </span>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
