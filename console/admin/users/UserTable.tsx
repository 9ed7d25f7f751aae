// The users of the workspace, with their actions (not on oneself, not on the deactivated).
import { formatWhen } from '../../format';
import type { UserRow } from '../types';

export const ROLE_LABELS: Record<UserRow['role'], string> = { admin: 'Admin', manager: 'Manager', rep: 'Rep' };

interface Props {
  users: UserRow[];
  meId: string;
  onReset: (u: UserRow) => void;
  onDeactivate: (u: UserRow) => void;
  /** Reps in no team, flagged in their row (the fix is in "Reps in no team"). */
  noTeam?: ReadonlySet<string>;
}

export function UserTable({ users, meId, onReset, onDeactivate, noTeam }: Props) {
  const now = Date.now();
  const sorted = [...users].sort((a, b) => Number(b.active) - Number(a.active) || a.name.localeCompare(b.name));
  return (
    <ul class="user-list" aria-label="Users">
      {sorted.map((u) => (
        <li key={u.id} class={`user-row${u.active ? '' : ' user-inactive'}`}>
          <div class="user-main">
            <p class="user-name">
              {u.name}
              {u.id === meId && <span class="muted"> (you)</span>}
            </p>
            <p class="user-email muted">{u.email}</p>
          </div>
          <div class="user-meta">
            <span class={`badge badge-role-${u.role}`}>{ROLE_LABELS[u.role]}</span>
            {!u.active && <span class="badge badge-inactive">Deactivated</span>}
            {u.active && noTeam?.has(u.id) && <span class="badge badge-hot">In no team</span>}
            <span class="muted user-since">Since {formatWhen(u.createdAt, now)}</span>
          </div>
          {u.active && u.id !== meId && (
            <div class="user-actions">
              <button type="button" class="btn btn-small" onClick={() => onReset(u)} aria-label={`Password reset link for ${u.name}`}>
                Reset link
              </button>
              <button type="button" class="btn btn-small btn-remove" onClick={() => onDeactivate(u)} aria-label={`Deactivate ${u.name}`}>
                Deactivate
              </button>
            </div>
          )}
        </li>
      ))}
    </ul>
  );
}
