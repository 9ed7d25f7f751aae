// The rules backtest over the site's stored form submissions: how each mapped submission would be
// decided with the draft's rules and mappings versus the live ones. A submission is re-decided
// from what was stored of it (its answers to must-have questions; raw field values are never
// stored), with its lead's traits and browsing history, as its capture qualified it. An answer
// only counts under a version whose mapping of that form still answers the question; a form that
// version does not map is not read at all. Pure: the adapter loads the rows.
import type { FormBacktestCounts, FormsBacktest } from '../../shared/console-api';
import { qualify } from '../../shared/qualify/qualify';
import type { SiteRules } from '../../shared/site-rules';
import type { HistorySubject } from '../tracking/tracking-store';
import type { StoredSubmission } from './forms-store';

type Outcome = 'unread' | 'lead' | 'mql' | 'hot' | 'disqualified';

export function backtestSubmissions(
  current: SiteRules,
  draft: SiteRules,
  submissions: readonly StoredSubmission[],
  leads: ReadonlyMap<string, HistorySubject>,
  now: number,
): FormsBacktest {
  const total = { current: emptyCounts(), draft: emptyCounts() };
  const byForm = new Map<string, { formKey: string; current: FormBacktestCounts; draft: FormBacktestCounts }>();
  for (const s of submissions) {
    let f = byForm.get(s.formKey);
    if (!f) byForm.set(s.formKey, (f = { formKey: s.formKey, current: emptyCounts(), draft: emptyCounts() }));
    const lead = leads.get(s.leadId);
    for (const [rules, counts] of [
      [current, [total.current, f.current]],
      [draft, [total.draft, f.draft]],
    ] as const) {
      const action = rules.forms?.[s.formKey]?.action;
      const outcome = decide(rules, s, lead, now);
      for (const c of counts) tally(c, outcome, action);
    }
  }
  return { ...total, byForm: [...byForm.values()].sort((a, b) => b.current.submissions - a.current.submissions || a.formKey.localeCompare(b.formKey)) };
}

/** The answers `rules` would have read from the submission: those its mapping of the form still answers. */
export function answersUnder(rules: SiteRules, s: StoredSubmission): Record<string, string> | null {
  const mapping = rules.forms?.[s.formKey];
  if (!mapping) return null;
  const asked = new Set(rules.questions.map((q) => q.id));
  const mapped = new Set(Object.values(mapping.fields).flatMap((t) => (t.kind === 'question' && asked.has(t.questionId) ? [t.questionId] : [])));
  return Object.fromEntries(Object.entries(s.answers).filter(([id]) => mapped.has(id)));
}

function decide(rules: SiteRules, s: StoredSubmission, lead: HistorySubject | undefined, now: number): Outcome {
  const answers = answersUnder(rules, s);
  if (!answers) return 'unread';
  const action = rules.forms![s.formKey]!.action;
  const q = qualify({ rules, answers, traits: lead?.traits ?? {}, events: lead?.events ?? [], callbackRequested: action !== 'record', now });
  if (q.fit.status === 'fails') return 'disqualified';
  // A form the site only records is never hot (server/capture/plan-capture.core.ts qualifyCapture).
  if (q.hot && action !== 'record') return 'hot';
  return q.mql ? 'mql' : 'lead';
}

function emptyCounts(): FormBacktestCounts {
  return { submissions: 0, read: 0, mql: 0, hot: 0, disqualified: 0, offered: 0, booking: 0 };
}

function tally(c: FormBacktestCounts, o: Outcome, action: string | undefined) {
  c.submissions++;
  if (o === 'unread') return;
  c.read++;
  if (o === 'mql' || o === 'hot') c.mql++;
  if (o === 'hot') c.hot++;
  if (o === 'disqualified') c.disqualified++;
  if (o === 'hot' && action === 'offer') c.offered++;
  if (o === 'hot' && action === 'book') c.booking++;
}
