// A table on Numbers as a CSV download, made in the browser from the table as shown: every
// table there exports, including those whose figures the server sends in one report (funnel,
// speed, reasons, sources) rather than as a CSV route of their own. A cell's `data-csv` gives
// its value when its text is not the value alone (a rate over its count).
import type { ComponentChildren } from 'preact';
import { useRef } from 'preact/hooks';
import { csvLine } from '../../../shared/csv-line';

/** The table's header and body rows as CSV, one line per row. */
export function tableCsv(table: HTMLTableElement): string {
  let csv = '';
  for (const row of Array.from(table.rows)) {
    const cells = Array.from(row.cells).map((cell) => cell.dataset['csv'] ?? (cell.textContent ?? '').replace(/\s+/g, ' ').trim());
    csv += csvLine(cells);
  }
  return csv;
}

function download(name: string, csv: string): void {
  const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = `sixty-${name}.csv`;
  a.click();
  // The click has started the download; the URL is not needed after this task.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** The table (children) with a CSV button under it; `title` names it for screen readers. */
export function TableCsv({ name, title, children }: { name: string; title: string; children: ComponentChildren }) {
  const box = useRef<HTMLDivElement>(null);
  const save = () => {
    const table = box.current?.querySelector('table');
    if (table) download(name, tableCsv(table));
  };
  return (
    <div class="table-csv" ref={box}>
      {children}
      <button type="button" class="btn btn-small table-csv-btn" onClick={save} aria-label={`${title} as CSV`}>
        CSV
      </button>
    </div>
  );
}
