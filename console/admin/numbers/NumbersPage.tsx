// The numbers both teams argue from: speed-to-lead, the funnel, why leads left, where they came
// from, follow-up effort, the exports (Excel and CSV), and the marketing SLA beside the measured actuals.
import { useState } from 'preact/hooks';
import type { PageProps } from '../../routes';
import { adminApi } from '../admin-api';
import { LoadState } from '../ui/LoadState';
import { PageHead } from '../ui/PageHead';
import { useLoad } from '../ui/useLoad';
import { AttributionSection } from './AttributionSection';
import { Breakdowns } from './Breakdowns';
import { FormsSection } from './FormsSection';
import { MeetingsSection } from './MeetingsSection';
import { FunnelSection } from './FunnelSection';
import { RangePicker } from './RangePicker';
import { lastDays, toQuery, type DayRange } from './range';
import { SlaCalculator } from './SlaCalculator';
import { SlaPaceSection } from './SlaPaceSection';
import { DigestOptIn } from './DigestOptIn';
import { SpeedSection } from './SpeedSection';
import { SpeedAndFairness } from './SpeedAndFairness';
import '../admin.css';
import './numbers.css';

const rangeFormat = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', year: 'numeric' });

export function NumbersPage({ me, onSessionEnded }: PageProps) {
  const [range, setRange] = useState<DayRange>(() => lastDays(30, new Date()));
  const q = toQuery(range);
  const query = 'query' in q ? q.query : null;
  const report = useLoad(() => (query ? adminApi.report(query) : Promise.reject(new Error('Pick a valid range'))), [range.from, range.to], onSessionEnded);
  const data = report.data;
  /** Bumped when the SLA is saved, so its targets this month follow. */
  const [slaSaves, setSlaSaves] = useState(0);

  return (
    <div class="page">
      <PageHead
        title="Numbers"
        intro="Speed-to-lead, the funnel and the marketing SLA for a date range: the closed loop both teams argue from."
        actions={
          query && (
            <>
              <a class="btn" href={adminApi.xlsxHref(query)} download>
                Export leads (.xlsx)
              </a>
              <a class="btn" href={adminApi.csvHref(query)} download>
                Export leads (CSV)
              </a>
            </>
          )
        }
      />
      <RangePicker value={range} onChange={setRange} />
      <LoadState loading={report.loading && !data} error={report.error} onRetry={report.reload} />
      {data && (
        <div class={`numbers${report.loading ? ' numbers-stale' : ''}`} aria-busy={report.loading}>
          <p class="muted range-note">
            {rangeFormat.format(data.from)} to {rangeFormat.format(data.to - 1)}
          </p>
          <SpeedSection speed={data.speed} />
          <FunnelSection funnel={data.funnel} currency={data.currency} />
          {query && <SpeedAndFairness query={query} onSessionEnded={onSessionEnded} />}
          {query && <AttributionSection range={query} onSessionEnded={onSessionEnded} />}
          <FormsSection forms={data.forms} />
          <MeetingsSection meetings={data.meetings} />
          <SlaPaceSection version={slaSaves} onSessionEnded={onSessionEnded} />
          <SlaCalculator
            funnel={data.funnel}
            from={data.from}
            to={data.to}
            onSaved={() => setSlaSaves((n) => n + 1)}
            onSessionEnded={onSessionEnded}
            currency={me.currency}
          />
          <Breakdowns funnel={data.funnel} />
          <DigestOptIn onSessionEnded={onSessionEnded} />
        </div>
      )}
    </div>
  );
}
