// The rules editor's form model: every field as typed (strings), converted to SiteRules on save.
// Arrays keep the rules' order, so a server error path like `behaviour.2.points` names the same
// row in the form. Pure.
import type { BehaviourRule, FitRule, Question, QuestionOption, SiteRules } from '../types';

export type DisqualifyStage = 'disqualified' | 'suspect';

export interface OptionForm {
  key: number;
  value: string;
  label: string;
  points: string;
  disqualify: boolean;
  reason: string;
  stage: DisqualifyStage;
}

export interface QuestionForm {
  key: number;
  id: string;
  label: string;
  type: Question['type'];
  options: OptionForm[];
}

export interface BehaviourForm {
  key: number;
  id: string;
  label: string;
  type: string;
  name: string;
  urlContains: string;
  urlPattern: string;
  points: string;
  count: 'each' | 'once';
  cap: string;
}

/** A fit rule earns points, or rules the lead out as disqualified or suspect. */
export type FitEffect = 'points' | DisqualifyStage;

export interface FitForm {
  key: number;
  id: string;
  label: string;
  trait: string;
  op: FitRule['op'];
  /** For `in`: comma-separated. */
  value: string;
  effect: FitEffect;
  points: string;
  reason: string;
}

export interface RulesForm {
  questions: QuestionForm[];
  behaviour: BehaviourForm[];
  fit: FitForm[];
  decayHalfLifeDays: string;
  mqlThreshold: string;
  hotThreshold: string;
  /** Comma-separated event names. */
  handRaiseEvents: string;
  /** The form mappings (edited on Sites › Forms): carried through unchanged, so a draft saved here keeps them. */
  forms?: SiteRules['forms'];
}

/** Error messages by dot path (`questions.0.label`), as the server sends them. */
export type FieldErrors = Record<string, string>;

let nextKey = 1;
/** Stable keys for rendering rows; never sent to the server. */
export const newKey = () => nextKey++;

const num = (n: number | undefined) => (n === undefined ? '' : String(n));

export function formFromRules(r: SiteRules): RulesForm {
  return {
    questions: r.questions.map((q) => ({
      key: newKey(),
      id: q.id,
      label: q.label,
      type: q.type,
      options: (q.options ?? []).map((o) => ({
        key: newKey(),
        value: o.value,
        label: o.label,
        points: num(o.points),
        disqualify: Boolean(o.disqualify),
        reason: o.disqualify?.reason ?? '',
        stage: o.disqualify?.stage ?? 'disqualified',
      })),
    })),
    behaviour: r.behaviour.map((b) => ({
      key: newKey(),
      id: b.id,
      label: b.label,
      type: b.type,
      name: b.name ?? '',
      urlContains: b.urlContains ?? '',
      urlPattern: b.urlPattern ?? '',
      points: String(b.points),
      count: b.count ?? 'each',
      cap: num(b.cap),
    })),
    fit: (r.fit ?? []).map((f) => ({
      key: newKey(),
      id: f.id,
      label: f.label,
      trait: f.trait,
      op: f.op,
      value: Array.isArray(f.value) ? f.value.join(', ') : String(f.value),
      effect: f.disqualify ? (f.disqualify.stage ?? 'disqualified') : 'points',
      points: num(f.points),
      reason: f.disqualify?.reason ?? '',
    })),
    decayHalfLifeDays: num(r.decayHalfLifeDays),
    mqlThreshold: String(r.mqlThreshold),
    hotThreshold: String(r.hotThreshold),
    handRaiseEvents: r.handRaiseEvents.join(', '),
    ...(r.forms ? { forms: r.forms } : {}),
  };
}

const list = (s: string) =>
  s
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);

/**
 * The rules the form describes, or the fields that are not numbers where numbers are needed
 * (everything else is the server's to judge, and its messages come back by the same paths).
 */
export function rulesFromForm(f: RulesForm, version: number): { rules: SiteRules; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const integer = (path: string, s: string, required: boolean): number | undefined => {
    const t = s.trim();
    if (!t) {
      if (required) errors[path] = 'Enter a number';
      return undefined;
    }
    const n = Number(t);
    if (!Number.isInteger(n)) {
      errors[path] = 'Enter a whole number';
      return undefined;
    }
    return n;
  };

  const questions: Question[] = f.questions.map((q, qi) => {
    const question: Question = { id: q.id.trim(), label: q.label.trim(), type: q.type };
    if (q.type === 'single') {
      question.options = q.options.map((o, oi): QuestionOption => {
        const at = `questions.${qi}.options.${oi}`;
        const option: QuestionOption = { value: o.value.trim(), label: o.label.trim() };
        if (o.disqualify) option.disqualify = { reason: o.reason.trim(), ...(o.stage === 'suspect' ? { stage: 'suspect' as const } : {}) };
        else {
          const points = integer(`${at}.points`, o.points, false);
          if (points !== undefined) option.points = points;
        }
        return option;
      });
    }
    return question;
  });

  const behaviour: BehaviourRule[] = f.behaviour.map((b, i) => {
    const rule: BehaviourRule = { id: b.id.trim(), label: b.label.trim(), type: b.type.trim(), points: integer(`behaviour.${i}.points`, b.points, true) ?? 0 };
    if (b.name.trim()) rule.name = b.name.trim();
    if (b.urlContains.trim()) rule.urlContains = b.urlContains.trim();
    if (b.urlPattern.trim()) rule.urlPattern = b.urlPattern.trim();
    if (b.count === 'once') rule.count = 'once';
    const cap = integer(`behaviour.${i}.cap`, b.cap, false);
    if (cap !== undefined) rule.cap = cap;
    return rule;
  });

  const fit: FitRule[] = f.fit.map((r, i) => {
    let value: FitRule['value'] = r.value.trim();
    if (r.op === 'in') value = list(r.value);
    else if (r.op === 'gte' || r.op === 'lte') {
      const n = Number(value);
      if (!value || !Number.isFinite(n)) errors[`fit.${i}.value`] = 'Enter a number to compare with';
      else value = n;
    }
    const rule: FitRule = { id: r.id.trim(), label: r.label.trim(), trait: r.trait.trim(), op: r.op, value };
    if (r.effect === 'points') {
      const points = integer(`fit.${i}.points`, r.points, true);
      if (points !== undefined) rule.points = points;
    } else rule.disqualify = { reason: r.reason.trim(), ...(r.effect === 'suspect' ? { stage: 'suspect' as const } : {}) };
    return rule;
  });

  const rules: SiteRules = {
    version,
    questions,
    behaviour,
    ...(fit.length ? { fit } : {}),
    mqlThreshold: integer('mqlThreshold', f.mqlThreshold, true) ?? 0,
    hotThreshold: integer('hotThreshold', f.hotThreshold, true) ?? 0,
    handRaiseEvents: list(f.handRaiseEvents),
    ...(f.forms && Object.keys(f.forms).length ? { forms: f.forms } : {}),
  };
  const decay = f.decayHalfLifeDays.trim();
  if (decay) {
    const n = Number(decay);
    if (!Number.isFinite(n) || n < 0) errors.decayHalfLifeDays = 'Enter a number of days (0 for no decay)';
    else rules.decayHalfLifeDays = n;
  }
  return { rules, errors };
}

export function blankQuestion(taken: readonly string[]): QuestionForm {
  return { key: newKey(), id: freeId('question', taken), label: '', type: 'single', options: [blankOption(), blankOption()] };
}

export function blankOption(): OptionForm {
  return { key: newKey(), value: '', label: '', points: '', disqualify: false, reason: '', stage: 'disqualified' };
}

export function blankBehaviour(taken: readonly string[]): BehaviourForm {
  return {
    key: newKey(),
    id: freeId('rule', taken),
    label: '',
    type: 'page_view',
    name: '',
    urlContains: '',
    urlPattern: '',
    points: '5',
    count: 'each',
    cap: '',
  };
}

export function blankFit(taken: readonly string[]): FitForm {
  return { key: newKey(), id: freeId('fit', taken), label: '', trait: 'emailDomain', op: 'in', value: '', effect: 'points', points: '10', reason: '' };
}

/** `question-3`: the first id of that stem not in use (ids must be unique within a list). */
export function freeId(stem: string, taken: readonly string[]): string {
  for (let n = taken.length + 1; ; n++) if (!taken.includes(`${stem}-${n}`)) return `${stem}-${n}`;
}

/** An id from a label for a new option (`Residential only` -> `residential-only`). */
export function slug(label: string): string {
  return label
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64);
}
