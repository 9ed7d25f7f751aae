// A readable, field-level diff between two rules versions ("Question “Size” › option “1-10” ›
// disqualifies: no → yes"). Lists are matched by id (options by value), not by position. Pure.
import type { FieldTarget, FormAction, FormMapping } from '../../../shared/forms';
import type { BehaviourRule, Disqualifier, FitRule, Question, QuestionOption, SiteRules } from '../types';

export interface DiffLine {
  /** Where the change is, in the editor's words. */
  where: string;
  change: 'added' | 'removed' | 'changed';
  from?: string;
  to?: string;
}

const NONE = '—';

function show(v: unknown): string {
  if (v === undefined || v === null || v === '') return NONE;
  if (Array.isArray(v)) return v.length ? v.join(', ') : NONE;
  return String(v);
}

function showDisqualifier(d: Disqualifier | undefined): string {
  return d ? `${d.stage === 'suspect' ? 'suspect' : 'disqualified'}: ${d.reason}` : 'no';
}

const quote = (s: string) => `“${s}”`;

/** Compares named fields of two objects that share an identity. */
function fields<T>(out: DiffLine[], where: string, a: T, b: T, pick: Array<[string, (x: T) => string]>) {
  for (const [name, get] of pick) {
    const from = get(a);
    const to = get(b);
    if (from !== to) out.push({ where: `${where} › ${name}`, change: 'changed', from, to });
  }
}

/** Added and removed items by key, then `changed` on those in both; order changes noted once. */
function lists<T>(
  out: DiffLine[],
  a: readonly T[],
  b: readonly T[],
  key: (x: T) => string,
  name: (x: T) => string,
  summary: (x: T) => string,
  compare: (where: string, x: T, y: T) => void,
  orderLabel?: string,
) {
  const before = new Map(a.map((x) => [key(x), x]));
  const after = new Map(b.map((x) => [key(x), x]));
  for (const x of a) if (!after.has(key(x))) out.push({ where: name(x), change: 'removed', from: summary(x) });
  for (const y of b) {
    const x = before.get(key(y));
    if (!x) out.push({ where: name(y), change: 'added', to: summary(y) });
    else compare(name(y), x, y);
  }
  if (orderLabel) {
    const common = (xs: readonly T[], other: Map<string, T>) => xs.map(key).filter((k) => other.has(k));
    const was = common(a, after);
    const now = common(b, before);
    if (was.join('\u0000') !== now.join('\u0000')) out.push({ where: orderLabel, change: 'changed', from: was.join(', '), to: now.join(', ') });
  }
}

function optionSummary(o: QuestionOption): string {
  return o.disqualify ? `${o.label} (${showDisqualifier(o.disqualify)})` : `${o.label}${o.points ? ` (${o.points} points)` : ''}`;
}

function questionSummary(q: Question): string {
  return q.type === 'text' ? `${q.label} (free text)` : `${q.label}: ${(q.options ?? []).map((o) => o.label).join(' / ')}`;
}

function behaviourSummary(b: BehaviourRule): string {
  const where = b.urlContains ? ` on URLs containing ${b.urlContains}` : b.urlPattern ? ` on ${b.urlPattern}` : '';
  return `${b.type}${b.name ? ` ${b.name}` : ''}${where}: ${b.points} points${b.count === 'once' ? ' once' : ''}${b.cap !== undefined ? `, at most ${b.cap}` : ''}`;
}

function fitSummary(f: FitRule): string {
  const effect = f.disqualify ? showDisqualifier(f.disqualify) : `${f.points ?? 0} points`;
  return `${f.trait} ${f.op} ${show(f.value)}: ${effect}`;
}

export function diffRules(a: SiteRules, b: SiteRules): DiffLine[] {
  const out: DiffLine[] = [];

  lists(
    out,
    a.questions,
    b.questions,
    (q) => q.id,
    (q) => `Question ${quote(q.label)}`,
    questionSummary,
    (where, x, y) => {
      fields(out, where, x, y, [
        ['question', (q) => q.label],
        ['type', (q) => (q.type === 'text' ? 'free text' : 'one choice')],
      ]);
      lists(
        out,
        x.options ?? [],
        y.options ?? [],
        (o) => o.value,
        (o) => `${where} › option ${quote(o.label)}`,
        optionSummary,
        (w, o1, o2) =>
          fields(out, w, o1, o2, [
            ['label', (o) => o.label],
            ['points', (o) => show(o.points)],
            ['disqualifies', (o) => showDisqualifier(o.disqualify)],
          ]),
        `${where} › option order`,
      );
    },
    'Question order',
  );

  lists(
    out,
    a.behaviour,
    b.behaviour,
    (r) => r.id,
    (r) => `Behaviour ${quote(r.label)}`,
    behaviourSummary,
    (where, x, y) =>
      fields(out, where, x, y, [
        ['label', (r) => r.label],
        ['event type', (r) => r.type],
        ['event name', (r) => show(r.name)],
        ['URL contains', (r) => show(r.urlContains)],
        ['URL pattern', (r) => show(r.urlPattern)],
        ['points', (r) => String(r.points)],
        ['counts', (r) => (r.count === 'once' ? 'once' : 'each time')],
        ['cap', (r) => show(r.cap)],
      ]),
  );

  lists(
    out,
    a.fit ?? [],
    b.fit ?? [],
    (r) => r.id,
    (r) => `Fit ${quote(r.label)}`,
    fitSummary,
    (where, x, y) =>
      fields(out, where, x, y, [
        ['label', (r) => r.label],
        ['trait', (r) => r.trait],
        ['test', (r) => r.op],
        ['value', (r) => show(r.value)],
        ['points', (r) => (r.disqualify ? NONE : show(r.points))],
        ['rules out', (r) => showDisqualifier(r.disqualify)],
      ]),
  );

  const scalar = (where: string, from: unknown, to: unknown) => {
    if (show(from) !== show(to)) out.push({ where, change: 'changed', from: show(from), to: show(to) });
  };
  scalar('Decay half-life (days)', a.decayHalfLifeDays || undefined, b.decayHalfLifeDays || undefined);
  scalar('MQL threshold', a.mqlThreshold, b.mqlThreshold);
  scalar('Hot threshold', a.hotThreshold, b.hotThreshold);
  for (const e of a.handRaiseEvents) if (!b.handRaiseEvents.includes(e)) out.push({ where: `Hand-raise event ${quote(e)}`, change: 'removed', from: e });
  for (const e of b.handRaiseEvents) if (!a.handRaiseEvents.includes(e)) out.push({ where: `Hand-raise event ${quote(e)}`, change: 'added', to: e });
  diffForms(out, a.forms ?? {}, b.forms ?? {});
  return out;
}

const ACTION_WORDS: Record<FormAction, string> = { offer: 'offer it to a rep now', book: 'book a slot', record: 'only record it' };

function targetSummary(t: FieldTarget | undefined): string {
  if (!t || t.kind === 'ignore') return 'not read';
  if (t.kind === 'trait') return t.trait;
  const options = Object.entries(t.options ?? {}).map(([from, to]) => `${from} → ${to}`);
  const rules = (t.rules ?? []).map((r) => (r.op === 'range' ? `${show(r.min)}–${show(r.max)} → ${r.answer}` : `${r.op} ${quote(r.text)} → ${r.answer}`));
  const how = [...options, ...rules];
  return `question ${t.questionId}${how.length ? ` (${how.join(', ')})` : ''}`;
}

/** Mapped forms by key: mapped, unmapped, and per field and action what changed. */
function diffForms(out: DiffLine[], a: Record<string, FormMapping>, b: Record<string, FormMapping>) {
  const mapped = (m: FormMapping) => `${Object.values(m.fields).filter((t) => t.kind !== 'ignore').length} fields read; ${ACTION_WORDS[m.action]}`;
  for (const key of Object.keys(a)) if (!b[key]) out.push({ where: `Form ${quote(key)}`, change: 'removed', from: mapped(a[key]!) });
  for (const [key, y] of Object.entries(b)) {
    const x = a[key];
    const where = `Form ${quote(key)}`;
    if (!x) {
      out.push({ where, change: 'added', to: mapped(y) });
      continue;
    }
    if (x.action !== y.action)
      out.push({ where: `${where} › when a submission qualifies`, change: 'changed', from: ACTION_WORDS[x.action], to: ACTION_WORDS[y.action] });
    for (const field of new Set([...Object.keys(x.fields), ...Object.keys(y.fields)])) {
      const from = targetSummary(x.fields[field]);
      const to = targetSummary(y.fields[field]);
      if (from !== to) out.push({ where: `${where} › field ${quote(field)}`, change: 'changed', from, to });
    }
  }
}
