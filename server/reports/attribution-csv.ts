// The attribution report's tables as CSV (through csv.ts, so no cell runs as a formula):
// the groups under the chosen model, or the cohorts by week of first touch. Pure.
import type { AttributionFigures, AttributionReport } from '../../shared/console-api';
import { csvOf } from './csv';
import type { Cell, ExportTable } from './export-table';

/** Credits under the linear model are fractions: four decimals keep a sum checkable, money two. */
const credit = (n: number) => Math.round(n * 10_000) / 10_000;
const money = (n: number) => Math.round(n * 100) / 100;

const FIGURES = ['leads', 'mqls', 'sqls', 'opportunities', 'won', 'revenue', 'currency'];
const figures = (f: AttributionFigures, currency: string): Cell[] => [
  credit(f.leads),
  credit(f.mql),
  credit(f.sql),
  credit(f.opportunities),
  credit(f.won),
  money(f.revenue),
  currency,
];

export function attributionTable(r: AttributionReport, table: 'groups' | 'cohorts'): ExportTable {
  const number = (header: string) => ({ header, kind: header === 'currency' ? ('text' as const) : ('number' as const) });
  if (table === 'cohorts') {
    return {
      columns: [{ header: 'first_touch_week', kind: 'text' }, ...FIGURES.map(number)],
      rows: r.cohorts.map((c) => [c.week, ...figures(c, r.currency)]),
    };
  }
  return {
    columns: [{ header: 'model', kind: 'text' }, { header: r.by, kind: 'text' }, { header: 'label', kind: 'text' }, ...FIGURES.map(number)],
    rows: r.groups.map((g) => [`${r.model}-touch`, g.key, g.label, ...figures(g, r.currency)]),
  };
}

export function attributionCsv(r: AttributionReport, table: 'groups' | 'cohorts'): string {
  return csvOf(attributionTable(r, table));
}
