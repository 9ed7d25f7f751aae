// Alerts on this device (issue 22): a rep turns on Web Push for this browser or phone, so offers
// reach them with the console closed and Accept works from the notification; every device they
// turned it on for is listed with its last delivery and failure, and can be removed. The
// permission prompt comes only from the rep's click. Loaded on demand (not in the queue's chunk).
import { useEffect, useState } from 'preact/hooks';
import type { PageProps } from '../routes';
import { formatWhen } from '../format';
import { TextField } from '../components/TextField';
import { LoadState } from '../admin/ui/LoadState';
import { PageHead } from '../admin/ui/PageHead';
import { FormStatus } from '../admin/ui/form-failure';
import { failureOf, useLoad } from '../admin/ui/useLoad';
import { cleanDeviceName, defaultDeviceName } from './device-name';
import { devicesApi, type DeviceView } from './devices-api';
import { currentSubscription, pushState, rememberThisDevice, subscribe, thisDeviceId, unsubscribe, type PushState } from './push-subscription';
import '../admin/admin.css';
import './devices.css';

/** Why this browser cannot turn alerts on, when it cannot. */
function Blocked({ state }: { state: PushState }) {
  if (state === 'unsupported')
    return (
      <p class="devices-blocked" role="note">
        This browser cannot receive alerts while the console is closed. On an iPhone or iPad, add Sixty to the Home Screen first (Share, then Add to Home
        Screen) and turn alerts on from there.
      </p>
    );
  if (state === 'denied')
    return (
      <p class="devices-blocked" role="note">
        Notifications are blocked for Sixty in this browser. Allow them in the site settings (the icon left of the address), then reload this page.
      </p>
    );
  return null;
}

function DeviceRow({ device, isThis, busy, now, onRemove }: { device: DeviceView; isThis: boolean; busy: boolean; now: number; onRemove: () => void }) {
  return (
    <li class="device" aria-label={device.name}>
      <div class="device-head">
        <strong class="device-name">{device.name}</strong>
        {isThis && <span class="badge badge-this-device">This device</span>}
      </div>
      <dl class="device-facts">
        <div>
          <dt>Added</dt>
          <dd>{formatWhen(Date.parse(device.createdAt), now)}</dd>
        </div>
        <div>
          <dt>Last alert</dt>
          <dd>{device.lastDeliveryAt ? formatWhen(Date.parse(device.lastDeliveryAt), now) : 'None yet'}</dd>
        </div>
        {device.lastFailure && (
          <div class="device-failure">
            <dt>Last failure</dt>
            <dd>{device.lastFailure}</dd>
          </div>
        )}
      </dl>
      <button type="button" class="btn btn-small btn-ghost btn-remove" disabled={busy} onClick={onRemove} aria-label={`Remove ${device.name}`}>
        {busy ? 'Removing…' : 'Remove'}
      </button>
    </li>
  );
}

export function DevicesPage({ onSessionEnded }: PageProps) {
  const list = useLoad(() => devicesApi.list(), [], onSessionEnded);
  const [state, setState] = useState<PushState>(pushState);
  /** Whether this browser holds a push subscription (null: not known yet). */
  const [subscribed, setSubscribed] = useState<boolean | null>(null);
  const [thisId, setThisId] = useState(thisDeviceId);
  const [name, setName] = useState(() => defaultDeviceName(navigator.userAgent));
  const [nameError, setNameError] = useState('');
  /** `on` while turning on or renaming; a device id while removing it. */
  const [busy, setBusy] = useState<string | null>(null);
  const [notice, setNotice] = useState('');
  const [error, setError] = useState('');
  const now = Date.now();

  useEffect(() => {
    currentSubscription().then(
      (sub) => setSubscribed(sub !== null),
      () => setSubscribed(false),
    );
  }, []);

  const devices = list.data?.devices ?? [];
  const thisDevice = subscribed ? (devices.find((d) => d.id === thisId) ?? null) : null;
  // The name field shows this device's saved name once it is known.
  useEffect(() => {
    if (thisDevice) setName(thisDevice.name);
  }, [thisDevice?.id]);

  const failed = (err: unknown) => {
    const failure = failureOf(err, onSessionEnded);
    if (!failure) return;
    setError(failure.message);
    setNameError(failure.fields.name ?? '');
  };

  const turnOn = async () => {
    const clean = cleanDeviceName(name);
    setNotice('');
    setError('');
    setNameError(clean ? '' : 'Give this device a name, e.g. Work phone.');
    if (!clean) return;
    setBusy('on');
    try {
      if (Notification.permission !== 'granted') {
        const answer = await Notification.requestPermission();
        setState(answer);
        if (answer !== 'granted') return;
      }
      const { publicKey } = await devicesApi.key();
      const { device } = await devicesApi.save({ name: clean, subscription: await subscribe(publicKey) });
      rememberThisDevice(device.id);
      setThisId(device.id);
      setSubscribed(true);
      list.setData({ devices: [...devices.filter((d) => d.id !== device.id), device] });
      setNotice(thisDevice ? `Saved the name: ${device.name}.` : `Alerts are on for ${device.name}.`);
    } catch (err) {
      failed(err);
    } finally {
      setBusy(null);
    }
  };

  const remove = async (device: DeviceView) => {
    setBusy(device.id);
    setNotice('');
    setError('');
    try {
      await devicesApi.remove(device.id);
      if (device.id === thisDevice?.id) {
        await unsubscribe();
        rememberThisDevice(null);
        setThisId(null);
        setSubscribed(false);
      }
      list.setData({ devices: devices.filter((d) => d.id !== device.id) });
      setNotice(`${device.name} removed: it gets no more alerts.`);
    } catch (err) {
      failed(err);
    } finally {
      setBusy(null);
    }
  };

  const canTurnOn = state === 'default' || state === 'granted';
  return (
    <div class="page devices-page">
      <PageHead
        title="Alerts on this device"
        intro="Get offers as notifications on this computer or phone, even with the console closed, and accept them from the notification."
      />
      <FormStatus notice={notice} error={error} noticeClass="notice-line" />
      <section class="panel" aria-labelledby="this-device-heading">
        <h2 id="this-device-heading">This device</h2>
        <Blocked state={state} />
        {canTurnOn && subscribed !== null && (
          <form
            class="devices-form"
            onSubmit={(e) => {
              e.preventDefault();
              void turnOn();
            }}
          >
            <p class={thisDevice ? 'devices-on' : 'muted'}>
              {thisDevice ? 'Alerts are on for this device.' : 'Alerts are off for this device. Your browser asks for permission when you turn them on.'}
            </p>
            <TextField id="device-name" label="Device name" value={name} onValue={setName} error={nameError} hint="Shown in your list of devices." />
            <button type="submit" class={`btn${thisDevice ? '' : ' btn-primary'}`} disabled={busy !== null}>
              {busy === 'on' ? 'Turning on…' : thisDevice ? 'Save name' : 'Turn on alerts on this device'}
            </button>
          </form>
        )}
      </section>
      <section class="panel" aria-labelledby="devices-heading">
        <h2 id="devices-heading">Your devices</h2>
        <LoadState loading={list.loading && !list.data} error={list.error} onRetry={list.reload} />
        {list.data &&
          (devices.length === 0 ? (
            <p class="muted">No devices yet: offers reach you only in an open console tab.</p>
          ) : (
            <ul class="devices" aria-label="Your devices">
              {devices.map((d) => (
                <DeviceRow key={d.id} device={d} isThis={d.id === thisDevice?.id} busy={busy === d.id} now={now} onRemove={() => void remove(d)} />
              ))}
            </ul>
          ))}
      </section>
    </div>
  );
}
