// The leads export as one table both files are written from (CSV and .xlsx): a column for every
// field the lead card shows, each with the kind of cell it is, so the spreadsheet file can keep
// phones, ids and answers as text and times as dates. Pure.
import { labelledAnswers } from '../../shared/answers';
import type { Question } from '../../shared/site-rules';
import type { ExportRow } from './reports-store';

/** Text stays text (a phone, an id, an answer); a time is a date; a flag is true or false. */
export type CellKind = 'text' | 'number' | 'time' | 'flag';
export type Cell = string | number | boolean | null;

export interface ExportColumn {
  header: string;
  kind: CellKind;
  value: (r: ExportRow) => Cell;
}

export interface ExportTable {
  columns: Array<Pick<ExportColumn, 'header' | 'kind'>>;
  rows: Cell[][];
}

const text = (header: string, value: (r: ExportRow) => string | null | undefined): ExportColumn => ({ header, kind: 'text', value: (r) => value(r) ?? null });
const time = (header: string, value: (r: ExportRow) => number | null | undefined): ExportColumn => ({ header, kind: 'time', value: (r) => value(r) ?? null });
const number = (header: string, value: (r: ExportRow) => number | null | undefined): ExportColumn => ({
  header,
  kind: 'number',
  value: (r) => value(r) ?? null,
});
const flag = (header: string, value: (r: ExportRow) => boolean): ExportColumn => ({ header, kind: 'flag', value });

/** `ISO-time text` items joined like the timeline, so one cell reads as one history. */
const joined = (items: Array<{ at: number; text: string }> | undefined) =>
  items?.length ? items.map((i) => `${new Date(i.at).toISOString().slice(0, 19)}Z ${i.text}`).join(' | ') : null;

/** The columns before the answers: who, where from, how they were qualified. */
const LEAD: ExportColumn[] = [
  text('id', (r) => r.id),
  time('captured_at', (r) => r.capturedAt),
  text('name', (r) => r.name),
  text('phone', (r) => r.phone),
  text('email', (r) => r.email),
  text('company', (r) => r.extras.company),
  text('site', (r) => r.site),
  text('page_url', (r) => r.pageUrl),
  text('stage', (r) => r.stage),
  number('score', (r) => r.score),
  text('fit', (r) => r.fit),
  text('fit_reason', (r) => r.fitReason),
  flag('mql', (r) => r.mql),
  flag('hot', (r) => r.hot),
  number('rules_version', (r) => r.rulesVersion),
  text('score_reasons', (r) => r.reasons.map((x) => `${x.text} (${x.points >= 0 ? '+' : ''}${x.points})`).join('; ') || null),
];

/** The columns after the answers: who worked it and how fast, where it came from, what was said. */
const WORK: ExportColumn[] = [
  text('owner', (r) => r.owner),
  text('time_zone', (r) => r.extras.timeZone),
  time('hand_raise_at', (r) => r.handRaiseAt),
  time('sla_due_at', (r) => r.extras.slaDueAt),
  time('accepted_at', (r) => r.acceptedAt),
  time('first_call_at', (r) => r.firstCallAt),
  text('outcome', (r) => r.outcome),
  time('outcome_at', (r) => r.outcomeAt),
  text('source', (r) => r.attribution.source),
  text('utm_source', (r) => r.attribution.utm.source),
  text('utm_medium', (r) => r.attribution.utm.medium),
  text('utm_campaign', (r) => r.attribution.utm.campaign),
  text('utm_term', (r) => r.attribution.utm.term),
  text('utm_content', (r) => r.attribution.utm.content),
  text('referrer', (r) => r.attribution.referrer),
  text('landing_url', (r) => r.extras.source?.landingUrl),
  number('visits', (r) => r.extras.visits),
  time('first_seen_at', (r) => r.extras.firstSeenAt),
  text('sql_needs', (r) => r.extras.qualificationAnswers?.needs),
  text('sql_current_solution', (r) => r.extras.qualificationAnswers?.currentSolution),
  text('sql_decision_maker', (r) => r.extras.qualificationAnswers?.decisionMaker),
  text('sql_ready_or_budget', (r) => r.extras.qualificationAnswers?.readyOrBudget),
  text('notes', (r) => joined(r.extras.notes?.map((n) => ({ at: n.at, text: `${n.author}: ${n.text}` })))),
  text('page_trail', (r) => joined(r.extras.pageTrail?.map((e) => ({ at: e.at, text: [e.type, e.url ?? e.name].filter(Boolean).join(' ') })))),
  text('timeline', (r) => r.timeline),
];

/**
 * The table of `rows`: one answer column per must-have question of the workspace's sites (by id,
 * headed by its label), holding the answer as the card shows it (a choice's label).
 */
export function exportTable(rows: readonly ExportRow[], sites: ReadonlyArray<{ id: string; rules: { questions: Question[] } }>): ExportTable {
  const questions = new Map<string, string>();
  for (const s of sites) for (const q of s.rules.questions) if (!questions.has(q.id)) questions.set(q.id, q.label);
  const questionsOf = new Map(sites.map((s) => [s.id, s.rules.questions]));
  const answers = [...questions].map(([id, label]): ExportColumn =>
    text(label, (r) => {
      const given = labelledAnswers(questionsOf.get(r.siteId) ?? [], r.answers).find((a) => a.questionId === id);
      return given?.answer ?? r.answers[id];
    }),
  );
  const columns = [...LEAD, ...answers, ...WORK];
  return { columns: columns.map(({ header, kind }) => ({ header, kind })), rows: rows.map((r) => columns.map((c) => c.value(r))) };
}
