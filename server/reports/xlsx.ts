// The leads export as an .xlsx workbook (exceljs): phones, ids and answers are text cells (a
// spreadsheet keeps "+14155550199" as typed, which no CSV can make it do), times are date cells
// in UTC, flags are the text true/false, and nothing is ever a formula: a value starting with
// "=" is written as a string.
import ExcelJS from 'exceljs';
import type { Cell, CellKind, ExportTable } from './export-table';

/** Excel's built-in "Text" format: what a person types into these cells stays text too. */
const TEXT_FORMAT = '@';
const TIME_FORMAT = 'yyyy-mm-dd hh:mm:ss';
/** Column widths in characters: wide enough to read, capped so a long timeline does not push everything away. */
const MIN_WIDTH = 8;
const MAX_WIDTH = 50;

function cellValue(kind: CellKind, value: Cell): ExcelJS.CellValue {
  if (value === null) return null;
  if (kind === 'time' && typeof value === 'number') return new Date(value);
  // LibreOffice opens a boolean cell as the formula =TRUE(): flags are written as text.
  if (kind === 'text' || kind === 'flag') return String(value);
  return value;
}

export async function xlsxOf(table: ExportTable): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'Sixty';
  const sheet = book.addWorksheet('Leads', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = table.columns.map((c, i) => {
    const longest = Math.max(c.header.length, ...table.rows.slice(0, 200).map((r) => String(r[i] ?? '').length));
    return {
      header: c.header,
      width: Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, c.kind === 'time' ? TIME_FORMAT.length + 2 : longest + 2)),
      style: c.kind === 'text' || c.kind === 'flag' ? { numFmt: TEXT_FORMAT } : c.kind === 'time' ? { numFmt: TIME_FORMAT } : {},
    };
  });
  sheet.getRow(1).font = { bold: true };
  for (const row of table.rows) sheet.addRow(row.map((v, i) => cellValue(table.columns[i]!.kind, v)));
  return Buffer.from(await book.xlsx.writeBuffer());
}
