// The workspace's currency: an ISO 4217 code, checked against the ones this browser can format
// (the server checks the same list). Deal values are stored as given, never converted.
import { useEffect, useState } from 'preact/hooks';
import type { JSX } from 'preact';
import { formatMoney, isCurrency } from '../../../shared/money';
import { Input } from '../ui/fields';
import { FormStatus, showFormFailure } from '../ui/form-failure';
import { LoadState } from '../ui/LoadState';
import { useLoad } from '../ui/useLoad';
import { adminApi } from '../admin-api';

/** A sample figure, so the admin sees how values will read. */
const SAMPLE = 12500;

export function CurrencyForm({ onSessionEnded }: { onSessionEnded: () => void }) {
  const settings = useLoad(() => adminApi.workspace(), [], onSessionEnded);
  const [currency, setCurrency] = useState('');
  const [fields, setFields] = useState<Record<string, string>>({});
  const [error, setError] = useState('');
  const [notice, setNotice] = useState('');
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (settings.data) setCurrency(settings.data.currency);
  }, [settings.data]);

  const code = currency.trim().toUpperCase();
  const known = isCurrency(code);

  const submit = async (e: JSX.TargetedEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    setNotice('');
    setError('');
    if (!known) {
      setFields({ currency: 'Use an ISO 4217 currency code, such as USD, EUR or GBP' });
      return form.querySelector<HTMLInputElement>('#currency')?.focus();
    }
    setFields({});
    setBusy(true);
    try {
      const saved = await adminApi.saveWorkspace({ currency: code });
      settings.setData(saved);
      setNotice(`Saved: deal values are in ${saved.currency} from now on.`);
    } catch (err) {
      showFormFailure(err, onSessionEnded, form, { setFields, setError });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="panel" aria-labelledby="currency-heading">
      <h2 id="currency-heading">Currency</h2>
      <p class="section-intro muted">
        Every deal value (opportunities, won and lost deals, revenue in Numbers) is in this currency. Values already logged are not converted.
      </p>
      <LoadState loading={settings.loading && !settings.data} error={settings.error} onRetry={settings.reload} />
      {settings.data && (
        <form class="currency-form" noValidate onSubmit={submit}>
          <Input
            id="currency"
            label="Currency (ISO 4217 code)"
            value={currency}
            onValue={(v) => {
              setCurrency(v.toUpperCase());
              setFields({});
            }}
            placeholder="USD"
            autoComplete="off"
            hint={known ? `A deal reads like ${formatMoney(SAMPLE, code)}` : 'Three letters, such as USD, EUR, GBP or JPY'}
            error={fields.currency}
          />
          <div>
            <button type="submit" class="btn btn-primary" disabled={busy}>
              {busy ? 'Saving…' : 'Save currency'}
            </button>
          </div>
        </form>
      )}
      <FormStatus notice={notice} error={error} />
    </section>
  );
}
