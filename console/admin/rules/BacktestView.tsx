// What a draft would change over the stored history: counts now and with the draft, and who flips.
import { STAGE_LABELS } from '../../format';
import type { BacktestCounts, BacktestResult } from '../types';
import { FormsBacktestView } from './FormsBacktestView';

const ROWS: ReadonlyArray<[keyof BacktestCounts, string]> = [
  ['subjects', 'People in the history'],
  ['leads', 'Leads'],
  ['mql', 'MQLs'],
  ['hot', 'Hot MQLs'],
  ['disqualified', 'Disqualified or suspect'],
];

/** The flips list is capped on the page; the server already caps it at 200. */
const FLIPS_SHOWN = 50;

function change(a: number, b: number): string {
  return b === a ? '0' : b > a ? `+${b - a}` : `\u2212${a - b}`;
}

export function BacktestView({ result }: { result: BacktestResult }) {
  const { current, draft, flips } = result;
  return (
    <div class="backtest">
      <div class="table-scroll">
        <table class="data-table backtest-counts">
          <caption class="visually-hidden">Decisions with the live rules and with the draft</caption>
          <thead>
            <tr>
              <th scope="col">Over the history</th>
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
              <tr key={key} data-count={key}>
                <th scope="row">{label}</th>
                <td class="num">{current[key]}</td>
                <td class="num">{draft[key]}</td>
                <td class={`num${draft[key] !== current[key] ? ' changed' : ''}`}>{change(current[key], draft[key])}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {flips.length === 0 ? (
        <p class="muted">Nobody&rsquo;s decision would change.</p>
      ) : (
        <>
          <h3 class="backtest-flips-title">
            {flips.length === 200 ? 'At least 200' : flips.length} {flips.length === 1 ? 'person' : 'people'} would change
          </h3>
          <div class="table-scroll">
            <table class="data-table">
              <thead>
                <tr>
                  <th scope="col">Person</th>
                  <th scope="col">Now</th>
                  <th scope="col">With the draft</th>
                  <th scope="col" class="num">
                    Score
                  </th>
                </tr>
              </thead>
              <tbody>
                {flips.slice(0, FLIPS_SHOWN).map((f) => (
                  <tr key={`${f.kind}:${f.id}`}>
                    <td>{f.name ?? (f.kind === 'visitor' ? 'Anonymous visitor' : 'Lead')}</td>
                    <td>{STAGE_LABELS[f.from]}</td>
                    <td>{STAGE_LABELS[f.to]}</td>
                    <td class="num">
                      {f.scoreFrom} → {f.scoreTo}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {flips.length > FLIPS_SHOWN && <p class="muted">And {flips.length - FLIPS_SHOWN} more.</p>}
        </>
      )}
      {result.forms.current.submissions > 0 && <FormsBacktestView result={result.forms} />}
    </div>
  );
}
