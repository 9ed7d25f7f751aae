// CSV that is safe to open in a spreadsheet (cells: shared/csv-line.ts). A spreadsheet may still read "+14155552671" as the number 14155552671, and no CSV
// spelling prevents that without showing an apostrophe or becoming a formula: the .xlsx export
// (./xlsx.ts) is the one whose phones open as text.

import { csvLine } from '../../shared/csv-line';
import type { Cell, CellKind, ExportTable } from './export-table';

export { csvCell, csvLine } from '../../shared/csv-line';

/** The export table as CSV: times as ISO instants (UTC), flags as true/false. */
export function csvOf(table: ExportTable): string {
  const cell = (kind: CellKind, v: Cell) =>
    v === null ? null : kind === 'time' && typeof v === 'number' ? new Date(v).toISOString() : typeof v === 'boolean' ? String(v) : v;
  let body = csvLine(table.columns.map((c) => c.header));
  for (const row of table.rows) body += csvLine(row.map((v, i) => cell(table.columns[i]!.kind, v)));
  return body;
}
