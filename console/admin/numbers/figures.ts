// How the numbers read on the page. Pure; the browser test formats its own expected figures
// with these same functions, from rows it reads out of the database itself.
import { formatDuration } from '../../format';

const NONE = '—';

/** Speeds under 10 s keep a decimal ("4.2 s"): sub-second differences matter at the top end. */
export function speedText(ms: number | null): string {
  if (ms === null) return NONE;
  if (ms < 10_000) return `${(Math.round(ms / 100) / 10).toFixed(1)} s`;
  return formatDuration(ms);
}

/** Durations between funnel steps: minutes to days. */
export function spanText(ms: number | null): string {
  if (ms === null) return NONE;
  if (ms < 10_000) return speedText(ms);
  const days = ms / 86_400_000;
  return days >= 2 ? `${Math.round(days)} days` : formatDuration(ms);
}

export function percentText(ratio: number | null): string {
  return ratio === null ? NONE : `${Math.round(ratio * 100)}%`;
}

const whole = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });

export function countText(n: number | null): string {
  return n === null ? NONE : whole.format(n);
}

export function decimalText(n: number | null): string {
  return n === null ? NONE : oneDecimal.format(n);
}

export const SLA_CAUSE_LABELS: Record<string, string> = {
  nobody_online: 'Nobody online',
  out_of_hours: 'Out of hours',
  all_busy: 'Everyone busy',
  all_declined: 'Every rep declined',
  timeouts: 'Offers timed out',
  no_match: 'No routing rule matched',
};

export const STEP_LABELS: Record<string, string> = {
  visitors: 'Visitors',
  leads: 'Leads',
  mql: 'MQLs',
  sal: 'Sales accepted (SAL)',
  sql: 'Sales qualified (SQL)',
  opportunity: 'Opportunities',
  won: 'Won',
};

/** A ratio as "3×" ("2.5×" below ten). */
export function timesText(n: number | null): string {
  if (n === null) return NONE;
  return `${n >= 10 ? whole.format(n) : oneDecimal.format(n)}×`;
}

/** Money in the workspace's currency, whole units ("€24,501"); an unknown code falls back to the number and the code. */
export function moneyText(amount: number, currency: string): string {
  try {
    return new Intl.NumberFormat('en-US', { style: 'currency', currency, maximumFractionDigits: 0 }).format(amount);
  } catch {
    return `${whole.format(amount)} ${currency}`;
  }
}

/** A credited count: whole when it is one, else one decimal (linear attribution splits leads). */
export function creditText(n: number): string {
  return Number.isInteger(Math.round(n * 1e6) / 1e6) ? whole.format(n) : oneDecimal.format(n);
}
