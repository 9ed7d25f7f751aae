// The numbers digest as a plain-text mail: the period's headline figures, the SLA's targets
// against this month's pace, and a link to Numbers. Pure formatting.
import type { SlaPace } from '../../shared/schemas/sla.schema';
import type { Mail } from '../mail/mailer';
import type { DigestCadence, DigestPeriod } from './digest-schedule.core';
import type { Headline } from './headline';

export interface DigestContent {
  to: string;
  name: string;
  cadence: DigestCadence;
  timeZone: string;
  period: DigestPeriod;
  headline: Headline;
  pace: SlaPace | null;
  /** Numbers on the install's public origin. */
  link: string;
}

const count = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** `42 s`, `3 min 5 s`, `2 h 10 min`; an em dash when nothing was measured. */
export function durationText(ms: number | null): string {
  if (ms === null) return '—';
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min${s % 60 ? ` ${s % 60} s` : ''}`;
  const m = Math.round(s / 60);
  return `${Math.floor(m / 60)} h${m % 60 ? ` ${m % 60} min` : ''}`;
}

function money(amount: number, currency: string): string {
  try {
    return new Intl.NumberFormat('en-US', { style: 'currency', currency, maximumFractionDigits: 0 }).format(amount);
  } catch {
    return `${currency} ${count.format(amount)}`;
  }
}

export function digestMail(d: DigestContent): Mail {
  const day = (t: number, opts: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat('en-GB', { ...opts, timeZone: d.timeZone }).format(t);
  const long = { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' } as const;
  const span =
    d.cadence === 'daily'
      ? day(d.period.from, long)
      : `${day(d.period.from, { day: 'numeric', month: 'short' })} to ${day(d.period.to - 1, { day: 'numeric', month: 'short', year: 'numeric' })}`;
  const h = d.headline;
  const lines = [
    `Hello ${d.name},`,
    '',
    `Your ${d.cadence} numbers for ${span} (${d.timeZone}):`,
    '',
    `Leads: ${count.format(h.leads)}`,
    `MQLs: ${count.format(h.mqls)}`,
    `SQLs: ${count.format(h.sqls)}`,
    `Won: ${count.format(h.won)}`,
    `Revenue: ${money(h.revenue, h.currency)}`,
    `Median speed to lead (hand-raise to accept): ${durationText(h.medianAcceptMs)}`,
    `Median hand-raise to first call: ${durationText(h.medianFirstCallMs)}`,
    `SLA breaches: ${count.format(h.breaches)}`,
    '',
    ...paceLines(d.pace, day),
    `See every figure in Numbers: ${d.link}`,
    '',
    `You get this because you switched on the ${d.cadence} digest in Numbers; switch it off there.`,
  ];
  return { to: d.to, subject: `Sixty ${d.cadence} numbers: ${span}`, text: lines.join('\n') };
}

function paceLines(p: SlaPace | null, day: (t: number, o: Intl.DateTimeFormatOptions) => string): string[] {
  if (!p) return ['Marketing SLA: not agreed yet (save it in Numbers to see targets against pace).', ''];
  const target = (label: string, t: SlaPace['mqls']) =>
    `${label}: ${count.format(t.actual)} of ${count.format(t.target)} (${count.format(Math.ceil(t.expected))} expected by now, ${
      t.projected === null ? '—' : count.format(Math.round(t.projected))
    } at this pace)`;
  const behind = [p.behind.marketing && 'marketing on volume', p.behind.sales && 'sales on follow-up'].filter(Boolean);
  return [
    `Marketing SLA, ${day(p.month.from, { month: 'long', year: 'numeric' })} so far:`,
    target('MQLs', p.mqls),
    target('SQLs', p.sqls),
    `Behind: ${behind.length ? behind.join(' and ') : 'nobody, on pace'}`,
    ...p.reasons.map((r) => `- ${r}`),
    '',
  ];
}
