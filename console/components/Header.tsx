// The queue's top bar: who and where, presence, connection state and sign out.
import type { Me } from '../../shared/api';
import type { ChosenPresence } from '../../shared/schemas/console.schema';
import type { Connection } from '../hooks/useRepChannel';
import { PresenceToggle } from './PresenceToggle';

interface Props {
  me: Me;
  connection: Connection;
  presence: ChosenPresence | null;
  presenceBusy: boolean;
  onPresence: (presence: ChosenPresence) => void;
  onSignOut: () => void;
}

const CONNECTION_TEXT: Record<Connection, string> = {
  connecting: 'Connecting…',
  live: 'Live',
  reconnecting: 'Reconnecting…',
};

export function Header({ me, connection, presence, presenceBusy, onPresence, onSignOut }: Props) {
  return (
    <header class="topbar">
      <div class="topbar-who">
        <span class="brand-mark" aria-hidden="true">
          60
        </span>
        <div class="who-text">
          <p class="workspace">{me.workspaceName}</p>
          <p class="rep">{me.name}</p>
        </div>
      </div>
      <div class="topbar-controls">
        <p class={`connection connection-${connection}`} role="status">
          <span class="dot" aria-hidden="true" />
          {CONNECTION_TEXT[connection]}
        </p>
        <PresenceToggle presence={presence} disabled={connection !== 'live' || presenceBusy} onChange={onPresence} />
        <button type="button" class="btn btn-ghost signout" onClick={onSignOut}>
          Sign out
        </button>
      </div>
    </header>
  );
}
