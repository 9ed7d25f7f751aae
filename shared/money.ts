// Deal values and the workspace currency: which codes are currencies, and how a value reads.
// Pure and shared: the server validates the code, the console formats every money figure with it.

/** The default currency of a workspace (the column's default). */
export const DEFAULT_CURRENCY = 'USD';

/** The largest deal value taken (major units): far past any real deal, well inside a double's exact integers. */
export const MAX_DEAL_VALUE = 1e12;

let known: ReadonlySet<string> | null = null;

/** Whether `code` is an ISO 4217 currency this runtime's Intl knows (so the console can format it). */
export function isCurrency(code: string): boolean {
  known ??= new Set(Intl.supportedValuesOf('currency'));
  return known.has(code);
}

/** A value in the workspace's currency, as people read it: `€12,500`, `$1,234.50`. */
export function formatMoney(value: number, currency: string, locale?: string): string {
  const whole = Number.isInteger(value);
  return new Intl.NumberFormat(locale, { style: 'currency', currency, ...(whole ? { maximumFractionDigits: 0, minimumFractionDigits: 0 } : {}) }).format(value);
}

/**
 * A value as a person types it: `12500`, `12,500`, `12 500`, `1234.50` or `1234,50`. Empty is
 * null (no value given); anything else that is not a plain amount is NaN, for the form to name.
 */
export function parseAmount(text: string): number | null {
  let t = text.trim().replace(/[\s'_]/g, '');
  if (!t) return null;
  if (t.includes('.') && t.includes(',')) t = t.replace(/,/g, '');
  else if (/^\d{1,3}(,\d{3})+$/.test(t)) t = t.replace(/,/g, '');
  else t = t.replace(',', '.');
  return /^\d+(\.\d+)?$/.test(t) ? Number(t) : NaN;
}
