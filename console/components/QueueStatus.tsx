// The queue's part of the console bar: connection state, presence and the offer alert switches.
import type { ComponentChildren } from 'preact';
import type { ChosenPresence } from '../../shared/schemas/console.schema';
import type { Connection } from '../hooks/useRepChannel';
import { PresenceToggle } from './PresenceToggle';

interface Props {
  connection: Connection;
  presence: ChosenPresence | null;
  presenceBusy: boolean;
  onPresence: (presence: ChosenPresence) => void;
  /** The offer alert switches (sound, notifications). */
  alerts: ComponentChildren;
}

const CONNECTION_TEXT: Record<Connection, string> = {
  connecting: 'Connecting…',
  live: 'Live',
  reconnecting: 'Reconnecting…',
  offline: 'Offline: reconnecting',
};

const CONNECTION_TITLE: Record<Connection, string> = {
  connecting: 'Opening the live connection',
  live: 'Connected: offers arrive the moment they are made',
  reconnecting: 'Connection lost. Reconnecting by itself; offers made meanwhile appear once it is back.',
  offline: 'This device has no network. Offers made meanwhile appear once it is back.',
};

export function QueueStatus({ connection, presence, presenceBusy, onPresence, alerts }: Props) {
  return (
    <>
      <p class={`connection connection-${connection}`} role="status" title={CONNECTION_TITLE[connection]} data-connection={connection}>
        <span class="dot" aria-hidden="true" />
        {CONNECTION_TEXT[connection]}
      </p>
      <PresenceToggle presence={presence} disabled={connection !== 'live' || presenceBusy} onChange={onPresence} />
      <div class="queue-alerts">{alerts}</div>
    </>
  );
}
