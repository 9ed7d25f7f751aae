// Before a version goes live: its changes against the live version and its backtest over the
// history, then publish. Rolling back is publishing an earlier version, reviewed the same way.
import { useEffect, useState } from 'preact/hooks';
import { adminApi } from '../admin-api';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { failureOf } from '../ui/useLoad';
import type { BacktestResult, RulesVersionRow, SiteRules } from '../types';
import { BacktestView } from './BacktestView';
import { RulesDiff } from './RulesDiff';

interface Props {
  siteId: string;
  row: RulesVersionRow;
  live: SiteRules;
  onDone: (version: number) => void;
  onCancel: () => void;
  onSessionEnded: () => void;
}

export function PublishDialog({ siteId, row, live, onDone, onCancel, onSessionEnded }: Props) {
  const [backtest, setBacktest] = useState<BacktestResult | null>(null);
  const [backtestError, setBacktestError] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const rollback = row.status !== 'draft';

  useEffect(() => {
    adminApi.backtest(siteId, row.rules).then(setBacktest, (err) => setBacktestError(failureOf(err, onSessionEnded)?.message ?? ''));
  }, [siteId, row.version]);

  const publish = async () => {
    setBusy(true);
    setError('');
    try {
      await adminApi.publish(siteId, row.version);
      onDone(row.version);
    } catch (err) {
      setBusy(false);
      setError(failureOf(err, onSessionEnded)?.message ?? '');
    }
  };

  return (
    <ConfirmDialog
      wide
      title={rollback ? `Roll back to version ${row.version}?` : `Publish version ${row.version}?`}
      confirmLabel={rollback ? `Roll back to version ${row.version}` : `Publish version ${row.version}`}
      busy={busy}
      error={error}
      onConfirm={publish}
      onCancel={onCancel}
    >
      <p class="muted">It replaces version {live.version} for every new decision; the widget shows its questions within seconds.</p>
      <h3>Changes</h3>
      <RulesDiff from={live} to={row.rules} />
      <h3>Backtest over the history</h3>
      {backtest ? (
        <BacktestView result={backtest} />
      ) : backtestError ? (
        <p class="form-error">{backtestError}</p>
      ) : (
        <p class="muted" role="status">
          Running the backtest…
        </p>
      )}
    </ConfirmDialog>
  );
}
