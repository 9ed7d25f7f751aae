// Fit: must-have answers plus fit rules on traits. A disqualifier always wins.
import type { Disqualifier, FitRule, Question } from '../site-rules';
import type { Fit, Reason, Traits } from './types';

export function decideFit(
  questions: readonly Question[],
  fitRules: readonly FitRule[],
  answers: Readonly<Record<string, string>>,
  traits: Readonly<Traits>,
  reasons: Reason[],
): Fit {
  const missing: string[] = [];
  let failed: { reason: string; stage: 'disqualified' | 'suspect' } | undefined;
  const fail = (d: Disqualifier) => {
    // Suspect outranks disqualified: a competitor stays a competitor whatever else they say.
    const stage = d.stage ?? 'disqualified';
    if (!failed || (failed.stage === 'disqualified' && stage === 'suspect')) failed = { reason: d.reason, stage };
  };

  for (const q of questions) {
    const answer = answerOf(q.id, answers, traits);
    if (!answer) {
      missing.push(q.id);
      continue;
    }
    if (q.type === 'text') {
      reasons.push({ source: `question:${q.id}`, text: labelled(q.label, answer), points: 0 });
      continue;
    }
    const option = q.options?.find((o) => o.value === answer);
    if (!option) {
      // An answer that is not one of the offered options is not an acceptable answer.
      missing.push(q.id);
      continue;
    }
    if (option.disqualify) {
      fail(option.disqualify);
      reasons.push({ source: `question:${q.id}`, text: `${labelled(q.label, option.label)} (${option.disqualify.reason})`, points: 0 });
      continue;
    }
    reasons.push({ source: `question:${q.id}`, text: labelled(q.label, option.label), points: option.points ?? 0 });
  }

  for (const rule of fitRules) {
    const value = traitValue(rule.trait, answers, traits);
    if (value === undefined || !ruleMatches(rule, value)) continue;
    if (rule.disqualify) {
      fail(rule.disqualify);
      reasons.push({ source: `fit:${rule.id}`, text: `${rule.label} (${rule.disqualify.reason})`, points: 0 });
    } else {
      reasons.push({ source: `fit:${rule.id}`, text: rule.label, points: rule.points ?? 0 });
    }
  }

  if (failed) return { status: 'fails', stage: failed.stage, reason: failed.reason, missing };
  return missing.length === 0 ? { status: 'passes', missing } : { status: 'unknown', missing };
}

/** A must-have can be answered in the widget or arrive as an identify trait of the same id. */
function answerOf(id: string, answers: Readonly<Record<string, string>>, traits: Readonly<Traits>): string | undefined {
  const a = answers[id]?.trim();
  if (a) return a;
  const t = traits[id];
  return typeof t === 'string' && t.trim() ? t.trim() : typeof t === 'number' ? String(t) : undefined;
}

/** `emailDomain` is derived from `email`; `answer:<id>` reads an answer. */
function traitValue(trait: string, answers: Readonly<Record<string, string>>, traits: Readonly<Traits>): string | number | undefined {
  if (trait.startsWith('answer:')) return answerOf(trait.slice(7), answers, traits);
  if (trait === 'emailDomain') {
    const email = traits.email;
    const at = typeof email === 'string' ? email.lastIndexOf('@') : -1;
    return at > 0 ? (email as string).slice(at + 1).toLowerCase() : undefined;
  }
  const v = traits[trait];
  return typeof v === 'string' || typeof v === 'number' ? v : undefined;
}

function ruleMatches(rule: FitRule, value: string | number): boolean {
  const text = String(value).toLowerCase();
  switch (rule.op) {
    case 'equals':
      return text === String(rule.value).toLowerCase();
    case 'in':
      return Array.isArray(rule.value) && rule.value.some((v) => String(v).toLowerCase() === text);
    case 'contains':
      return text.includes(String(rule.value).toLowerCase());
    case 'gte':
      return Number(value) >= Number(rule.value);
    case 'lte':
      return Number(value) <= Number(rule.value);
  }
}

/** "How many employees? 51-200", "Industry: Retail": no colon after a question mark. */
export function labelled(label: string, answer: string): string {
  return /[?:]$/.test(label.trim()) ? `${label.trim()} ${answer}` : `${label}: ${answer}`;
}
