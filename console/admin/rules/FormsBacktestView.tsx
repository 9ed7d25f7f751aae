// The backtest over the site's stored form submissions: what the live rules and the draft (its
// questions, scoring and form mappings) decide about each one, from the answers it gave.
import type { FormBacktestCounts, FormsBacktest } from '../../../shared/console-api';

const ROWS: ReadonlyArray<[keyof FormBacktestCounts, string]> = [
  ['read', 'Read (form mapped)'],
  ['mql', 'MQLs'],
  ['hot', 'Hot'],
  ['disqualified', 'Disqualified or suspect'],
  ['offered', 'Offered to a rep now'],
  ['booking', 'Asked to book a slot'],
];

function change(a: number, b: number): string {
  return b === a ? '0' : b > a ? `+${b - a}` : `\u2212${a - b}`;
}

function CountsTable({ caption, current, draft }: { caption: string; current: FormBacktestCounts; draft: FormBacktestCounts }) {
  return (
    <div class="table-scroll">
      <table class="data-table backtest-counts">
        <caption class="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{caption}</th>
            <th scope="col" class="num">
              Live
            </th>
            <th scope="col" class="num">
              Draft
            </th>
            <th scope="col" class="num">
              Change
            </th>
          </tr>
        </thead>
        <tbody>
          {ROWS.map(([key, label]) => (
            <tr key={key} data-form-count={key}>
              <th scope="row">{label}</th>
              <td class="num">{current[key]}</td>
              <td class="num">{draft[key]}</td>
              <td class={`num${draft[key] !== current[key] ? ' changed' : ''}`}>{change(current[key], draft[key])}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function FormsBacktestView({ result }: { result: FormsBacktest }) {
  return (
    <section class="backtest-forms" aria-labelledby="backtest-forms-heading">
      <h3 id="backtest-forms-heading" class="backtest-flips-title">
        Your site&rsquo;s forms: {result.current.submissions} stored {result.current.submissions === 1 ? 'submission' : 'submissions'}
      </h3>
      <p class="muted">Re-decided from the answers each submission gave (what visitors typed is never stored), with each version&rsquo;s form mappings.</p>
      {result.byForm.length > 1 && <CountsTable caption="All forms" current={result.current} draft={result.draft} />}
      {result.byForm.map((f) => (
        <CountsTable key={f.formKey} caption={`Form “${f.formKey}”`} current={f.current} draft={f.draft} />
      ))}
    </section>
  );
}
