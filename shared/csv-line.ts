// CSV cells and lines that are safe to open in a spreadsheet, for the server's exports and the
// console's table downloads alike: values that a spreadsheet would run as a formula (starting
// with = + - @, tab or carriage return) are neutralised with a leading apostrophe, except a
// value that is exactly an E.164 phone number, which stays as it is so it is not mangled.

const E164 = /^\+[1-9]\d{6,14}$/;
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && FORMULA_START.test(text) && !E164.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvLine(values: Array<string | number | null | undefined>): string {
  return values.map(csvCell).join(',') + '\r\n';
}
