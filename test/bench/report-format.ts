// Number and table formatting for the benchmark report.
import type { Spread } from './stats';

export type Row = [figure: string, measure: string, result: string, baseline: string, ratio: string, goal: string, met: string];

export function num(n: number, unit = ''): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return 'n/a';
  const a = Math.abs(n);
  if (Number.isInteger(n)) return unit ? `${n.toLocaleString('en-US')} ${unit}` : n.toLocaleString('en-US');
  const text = a >= 1000 ? Math.round(n).toLocaleString('en-US') : a >= 100 ? n.toFixed(0) : a >= 10 ? n.toFixed(1) : a >= 1 ? n.toFixed(2) : n.toPrecision(2);
  return unit ? `${text} ${unit}` : text;
}

/** `3.21 ms (3.10-3.40)`: median, then min-max over rounds. */
export function sp(s: Spread | undefined, unit = '', scale = 1): string {
  if (!s || !Number.isFinite(s.median)) return 'n/a';
  if (s.rounds.length <= 1) return num(s.median * scale, unit);
  return `${num(s.median * scale, unit)} (${num(s.min * scale)}–${num(s.max * scale)})`;
}

export const kb = (s: Spread | undefined) => sp(s, 'KB', 1 / 1024);
export const x = (s: Spread | undefined) => (s && Number.isFinite(s.median) ? `${sp(s)}×` : 'n/a');
export const pct = (s: Spread | undefined) => sp(s, '', 100).replace(/^([^ ]+)/, '$1%');
export const met = (ok: boolean | undefined) => (ok === undefined ? '' : ok ? '**yes**' : '**no**');

export function table(rows: Row[]): string {
  const head: Row = ['#', 'Measure', 'Result: median (min–max over rounds)', 'Bare baseline, same run', 'Ratio', 'Goal', 'Met'];
  const line = (r: string[]) => `| ${r.join(' | ')} |`;
  return [line(head), line(head.map(() => '---')), ...rows.map(line)].join('\n');
}
