// The queue's top bar: who and where, connection state, presence, offer alerts and sign out.
import type { ComponentChildren } from 'preact';
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
  /** The offer alert switches (sound, notifications). */
  alerts: ComponentChildren;
}

const CONNECTION_TEXT: Record<Connection, string> = {
  connecting: 'Connecting…',
  live: 'Live',
  reconnecting: 'Reconnecting…',
  offline: 'Offline',
};

const CONNECTION_TITLE: Record<Connection, string> = {
  connecting: 'Opening the live connection',
  live: 'Connected: offers arrive the moment they are made',
  reconnecting: 'Connection lost. Reconnecting by itself; offers made meanwhile appear once it is back.',
  offline: 'This device has no network. Offers made meanwhile appear once it is back.',
};

export function Header({ me, connection, presence, presenceBusy, onPresence, onSignOut, alerts }: Props) {
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
        <p class={`connection connection-${connection}`} role="status" title={CONNECTION_TITLE[connection]} data-connection={connection}>
          <span class="dot" aria-hidden="true" />
          {CONNECTION_TEXT[connection]}
        </p>
        <PresenceToggle presence={presence} disabled={connection !== 'live' || presenceBusy} onChange={onPresence} />
        <div class="topbar-alerts">{alerts}</div>
        <button type="button" class="btn btn-ghost signout" onClick={onSignOut}>
          Sign out
        </button>
      </div>
    </header>
  );
}
