import { describe, expect, it } from 'vitest';
import type { FormMapping } from '../../shared/forms';
import type { SiteRules } from '../../shared/site-rules';
import { DEFAULT_RULES } from '../sites/default-site';
import { answersUnder, backtestSubmissions } from './backtest-submissions.core';
import type { StoredSubmission } from './forms-store';

const mapping: FormMapping = {
  action: 'offer',
  fields: {
    tel: { kind: 'trait', trait: 'phone' },
    size: { kind: 'question', questionId: 'size', options: { c: '51-200' } },
    work: { kind: 'question', questionId: 'projects' },
    role: { kind: 'question', questionId: 'role' },
  },
};
const rules: SiteRules = { ...DEFAULT_RULES, forms: { quote: mapping } };
const fit = { size: '51-200', projects: 'commercial', role: 'decision' };
const sub = (answers: Record<string, string>, formKey = 'quote'): StoredSubmission => ({ formKey, leadId: 'l', answers, at: 0 });

describe('backtestSubmissions', () => {
  it('counts the same submissions as the live rules decide them when the draft is the same', () => {
    const r = backtestSubmissions(rules, rules, [sub(fit), sub({ ...fit, role: 'student' }), sub({})], new Map(), 0);
    expect(r.current).toEqual(r.draft);
    expect(r.current).toMatchObject({ submissions: 3, read: 3, hot: 1, disqualified: 1, offered: 1, booking: 0 });
  });

  it('follows the draft mapping: its action, the questions it still answers, the forms it reads', () => {
    const book = { ...rules, forms: { quote: { ...mapping, action: 'book' as const } } };
    expect(backtestSubmissions(rules, book, [sub(fit)], new Map(), 0).draft).toMatchObject({ hot: 1, offered: 0, booking: 1 });
    const record = { ...rules, forms: { quote: { ...mapping, action: 'record' as const } } };
    expect(backtestSubmissions(rules, record, [sub(fit)], new Map(), 0).draft).toMatchObject({ read: 1, hot: 0, offered: 0 });
    const { size: _size, ...noSize } = mapping.fields;
    expect(answersUnder({ ...rules, forms: { quote: { ...mapping, fields: noSize } } }, sub(fit))).toEqual({ projects: 'commercial', role: 'decision' });
    expect(backtestSubmissions(rules, { ...rules, forms: {} }, [sub(fit)], new Map(), 0).draft).toMatchObject({ submissions: 1, read: 0, hot: 0 });
  });

  it('splits the counts per form, the busiest first', () => {
    const two = { ...rules, forms: { quote: mapping, demo: mapping } };
    const r = backtestSubmissions(two, two, [sub(fit, 'demo'), sub(fit), sub(fit)], new Map(), 0);
    expect(r.byForm.map((f) => [f.formKey, f.current.submissions])).toEqual([
      ['quote', 2],
      ['demo', 1],
    ]);
  });
});
