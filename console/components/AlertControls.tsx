// Sound and browser notifications for offers: each switched on by an explicit click, because
// browsers block audio and permission prompts that the user did not start. Alerts with the
// console closed (Web Push to this and the rep's other devices) are set on their own page.
import { Link } from '../nav/Link';
import type { Sound } from '../hooks/useSound';
import type { NotifyPermission } from '../hooks/useDesktopNotifications';

interface Props {
  sound: Sound;
  permission: NotifyPermission;
  onAskPermission: () => void;
}

function SpeakerIcon({ on }: { on: boolean }) {
  return (
    <svg viewBox="0 0 24 24" aria-hidden="true">
      <path d="M4 9v6h4l5 4V5L8 9H4z" />
      {on ? <path class="stroke" d="M16 8.5a5 5 0 0 1 0 7M18.5 6a8.5 8.5 0 0 1 0 12" /> : <path class="stroke" d="M16 9l5 6M21 9l-5 6" />}
    </svg>
  );
}

function BellIcon() {
  return (
    <svg viewBox="0 0 24 24" aria-hidden="true">
      <path d="M12 3a6 6 0 0 0-6 6v4l-2 3h16l-2-3V9a6 6 0 0 0-6-6zM10 19a2 2 0 0 0 4 0z" />
    </svg>
  );
}

function PhoneIcon() {
  return (
    <svg viewBox="0 0 24 24" aria-hidden="true">
      <path fill-rule="evenodd" d="M8 2h8a2 2 0 0 1 2 2v16a2 2 0 0 1-2 2H8a2 2 0 0 1-2-2V4a2 2 0 0 1 2-2zm0 3v12h8V5zm3 13.5h2V20h-2z" />
    </svg>
  );
}

export function AlertControls({ sound, permission, onAskPermission }: Props) {
  return (
    <div class="alert-controls" role="group" aria-label="Offer alerts">
      {sound.supported && (
        <button
          type="button"
          class={`btn btn-small alert-toggle${sound.on ? ' alert-on' : ''}`}
          onClick={sound.on ? sound.disable : sound.enable}
          title={sound.on ? 'A chime plays when a lead is offered' : 'Browsers stay silent until you allow sound'}
        >
          <SpeakerIcon on={sound.on} />
          <span class="alert-label">{sound.on ? 'Mute sound' : 'Enable sound'}</span>
        </button>
      )}
      {permission === 'default' && (
        <button type="button" class="btn btn-small alert-toggle" onClick={onAskPermission} title="Get a notification when this tab is in the background">
          <BellIcon />
          <span class="alert-label">Enable notifications</span>
        </button>
      )}
      {/* In the bell's place once notifications are allowed (or the browser has none, where the
          page says what to do): the bar has no room for both beside a manager's page links. */}
      {(permission === 'granted' || permission === 'unsupported') && (
        <Link to="/devices" class="btn btn-small alert-toggle alert-devices" title="Offers on this computer or phone, even with the console closed">
          <PhoneIcon />
          <span class="alert-label">Device alerts</span>
        </Link>
      )}
      {permission === 'denied' && (
        <p class="alert-note" title="Allow notifications for this site in the browser's settings to change this">
          Notifications blocked
        </p>
      )}
    </div>
  );
}
