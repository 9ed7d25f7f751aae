// The speed-pays chart and the rep fairness table, loaded for the page's range on their own so
// the rest of Numbers does not wait for them.
import { adminApi, type ReportRange } from '../admin-api';
import { LoadState } from '../ui/LoadState';
import { useLoad } from '../ui/useLoad';
import { RepFairnessSection } from './RepFairnessSection';
import { SpeedPaysSection } from './SpeedPaysSection';

export function SpeedAndFairness({ query, onSessionEnded }: { query: ReportRange; onSessionEnded: () => void }) {
  const speed = useLoad(() => adminApi.speedPays(query), [query.from, query.to], onSessionEnded);
  const reps = useLoad(() => adminApi.repsReport(query), [query.from, query.to], onSessionEnded);
  return (
    <>
      <LoadState loading={speed.loading && !speed.data} error={speed.error} onRetry={speed.reload} />
      {speed.data && <SpeedPaysSection report={speed.data} csvHref={adminApi.tableCsvHref('speed-pays', query)} />}
      <LoadState loading={reps.loading && !reps.data} error={reps.error} onRetry={reps.reload} />
      {reps.data && <RepFairnessSection report={reps.data} csvHref={(t) => adminApi.tableCsvHref(t, query)} />}
    </>
  );
}
