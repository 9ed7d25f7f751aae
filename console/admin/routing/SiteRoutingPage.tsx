// A site's routing settings (admin and manager): how long an offer waits for an accept (in a tab
// and on a rep's devices, and when reps on their devices are offered), the SLA target, offers a
// rep may miss before being set away, the follow-up cadence; and meetings.
import { useEffect, useState } from 'preact/hooks';
import type { JSX } from 'preact';
import type { PageProps } from '../../routes';
import { adminApi } from '../admin-api';
import { FormStatus, showFormFailure } from '../ui/form-failure';
import { SiteTabs, useSiteName } from '../sites/SiteTabs';
import { Input, Select } from '../ui/fields';
import type { SiteRouting } from '../../../shared/console-api';
import { LoadState } from '../ui/LoadState';
import { PageHead } from '../ui/PageHead';
import { useLoad } from '../ui/useLoad';
import { splitList } from './hours';
import { MeetingSettings } from './MeetingSettings';
import '../admin.css';
import './routing.css';

type DeviceOrder = NonNullable<SiteRouting['deviceOrder']>;

const DEVICE_ORDER_OPTIONS: ReadonlyArray<{ value: DeviceOrder; label: string }> = [
  { value: 'tabs_first', label: 'After reps with the console open' },
  { value: 'with_tabs', label: 'Together with reps with the console open' },
];

export function SiteRoutingPage({ params, onSessionEnded }: PageProps) {
  const siteId = params.siteId!;
  const siteName = useSiteName(siteId);
  const loaded = useLoad(() => adminApi.siteRouting(siteId), [siteId], onSessionEnded);
  const [timeout, setTimeoutS] = useState('');
  const [sla, setSla] = useState('');
  const [missed, setMissed] = useState('');
  const [cadence, setCadence] = useState('');
  const [deviceTimeout, setDeviceTimeout] = useState('');
  const [deviceOrder, setDeviceOrder] = useState<DeviceOrder>('tabs_first');
  const [fields, setFields] = useState<Record<string, string>>({});
  const [error, setError] = useState('');
  const [notice, setNotice] = useState('');
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const s = loaded.data;
    if (!s) return;
    setTimeoutS(String(s.offerTimeoutMs / 1000));
    setSla(String(s.slaMs / 1000));
    setMissed(String(s.missedOffersBeforeAway));
    setCadence(s.followUpCadence.offsetsBusinessDays.join(', '));
    setDeviceTimeout(String((s.deviceTimeoutMs ?? 45_000) / 1000));
    setDeviceOrder(s.deviceOrder ?? 'tabs_first');
  }, [loaded.data]);

  const save = async (e: JSX.TargetedEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    setBusy(true);
    setError('');
    setNotice('');
    setFields({});
    try {
      await adminApi.saveSiteRouting(siteId, {
        offerTimeoutMs: Math.round(Number(timeout) * 1000),
        slaMs: Math.round(Number(sla) * 1000),
        missedOffersBeforeAway: Number(missed),
        followUpCadence: { offsetsBusinessDays: splitList(cadence).map(Number) },
        deviceTimeoutMs: Math.round(Number(deviceTimeout) * 1000),
        deviceOrder,
      });
      setNotice('Saved. New offers use these settings.');
    } catch (err) {
      showFormFailure(err, onSessionEnded, form, { setFields, setError });
    } finally {
      setBusy(false);
    }
  };

  const cadenceError = Object.entries(fields).find(([k]) => k.startsWith('followUpCadence'))?.[1];
  return (
    <div class="page">
      <PageHead
        title="Routing settings"
        eyebrow={siteName ?? undefined}
        intro="How long reps have to accept, the target both teams measure, how often a lead is called back, and the meetings visitors can book."
      />
      <SiteTabs siteId={siteId} current="routing-settings" />
      <LoadState loading={loaded.loading && !loaded.data} error={loaded.error} onRetry={loaded.reload} />
      {loaded.data && (
        <section class="panel" aria-labelledby="routing-settings-heading">
          <h2 id="routing-settings-heading">Offers and follow-up</h2>
          <form class="stack" noValidate onSubmit={save}>
            <div class="grid-fields">
              <Input
                id="offer-timeout"
                type="number"
                min={5}
                label="Offer timeout (seconds)"
                hint="Then the next rep is offered the lead"
                value={timeout}
                error={fields.offerTimeoutMs}
                onValue={setTimeoutS}
              />
              <Input
                id="device-timeout"
                type="number"
                min={5}
                label="Device timeout (seconds)"
                hint="For reps available on their devices: a push takes longer to answer than an open tab"
                value={deviceTimeout}
                error={fields.deviceTimeoutMs}
                onValue={setDeviceTimeout}
              />
              <Select
                id="device-order"
                label="Reps on their devices are offered"
                value={deviceOrder}
                options={DEVICE_ORDER_OPTIONS}
                error={fields.deviceOrder}
                onValue={setDeviceOrder}
              />
              <Input
                id="sla"
                type="number"
                min={10}
                label="SLA target (seconds)"
                hint="Hand-raise to accept; the widget promises visitors a call within it"
                value={sla}
                error={fields.slaMs}
                onValue={setSla}
              />
              <Input
                id="missed"
                type="number"
                min={0}
                label="Missed offers before away"
                hint="0 = never set away"
                value={missed}
                error={fields.missedOffersBeforeAway}
                onValue={setMissed}
              />
              <Input
                id="cadence"
                label="Follow-up cadence (business days)"
                hint="Attempt days after the first, e.g. 0, 1, 2, 4, 7, 10"
                value={cadence}
                error={cadenceError}
                onValue={setCadence}
              />
            </div>
            <div class="form-actions">
              <FormStatus notice={notice} error={error} />
              <button type="submit" class="btn btn-primary" disabled={busy}>
                {busy ? 'Saving…' : 'Save routing settings'}
              </button>
            </div>
          </form>
        </section>
      )}
      <MeetingSettings siteId={siteId} onSessionEnded={onSessionEnded} />
    </div>
  );
}
